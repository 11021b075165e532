-- Drives the ACT Neovim plugin's user commands end to end against the real server.
-- Usage: nvim --headless --clean -l plugin_commands.lua PLUGIN_DIR FILE PYTHON DB
local plugin, file, python, db = arg[1], arg[2], arg[3], arg[4]
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); os.exit(1) end

vim.opt.runtimepath:prepend(plugin)
vim.cmd('runtime plugin/act.lua')
local act = require('act')
act.setup({ cmd = { python, '-m', 'act_lsp.cli' }, settings = { database = db, maxTokens = 400, verify = 'off' } })

local status_events = 0
vim.api.nvim_create_autocmd('User', { pattern = 'ActStatus', callback = function() status_events = status_events + 1 end })

vim.cmd.edit(vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
if not vim.wait(30000, function() local c = act.client(bufnr); return c and c.initialized end, 20) then
  fail('the plugin did not start the server')
end

local target = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')) .. '/calc.go'
local function target_lines()
  local b = vim.fn.bufnr(target)
  return b ~= -1 and vim.api.nvim_buf_line_count(b) or 0
end

-- 1. a range: lines 2-8 (the method)
vim.cmd('2,8ActTranslate')
if not vim.wait(180000, function() return target_lines() > 3 end, 50) then fail(':ActTranslate produced nothing') end
vim.cmd('silent wall')
vim.cmd.buffer(bufnr)

-- 2. the whole file, then explicit acceptance with a reason
vim.cmd('ActTranslateFile')
local before = vim.fn.getbufvar(vim.fn.bufnr(target), 'changedtick')
if not vim.wait(180000, function() return vim.fn.getbufvar(vim.fn.bufnr(target), 'changedtick') ~= before end, 50) then
  fail(':ActTranslateFile changed nothing')
end
vim.cmd('silent wall')
vim.cmd('ActAccept looks right')
vim.wait(2000)

-- 3. status and health
vim.cmd('ActStatus')
if not vim.wait(10000, function() return act.status.model ~= nil end, 20) then fail(':ActStatus returned nothing') end
if act.statusline() == '' or status_events == 0 then fail('no act/status notification reached the plugin') end
vim.cmd('checkhealth act')
local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
if not health:find('OK model:', 1, true) or not health:find('OK server command', 1, true) then
  fail('checkhealth act:\n' .. health)
end

vim.lsp.stop_client(act.client(bufnr).id)
vim.wait(5000, function() return act.client(bufnr) == nil end, 20)
io.stdout:write('OK ' .. act.statusline() .. '\n')
