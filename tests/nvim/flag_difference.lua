-- Headless Neovim driver: translate a Java file whose behaviour the model gets wrong, and print the verdict the
-- editor shows: the messages and the diagnostics on the translated file.
-- Usage: nvim --headless --clean -l flag_difference.lua FILE PYTHON DB TARGET
local file, python, db, target_name = arg[1], arg[2], arg[3], arg[4]
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); os.exit(1) end

vim.cmd.edit(vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local messages = {}
local id = vim.lsp.start({
  name = 'act-lsp',
  cmd = { python, '-m', 'act_lsp.cli' },
  root_dir = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')),
  init_options = { database = db, maxTokens = 300 },  -- verify: the default (equivalence)
  handlers = {
    ['window/showMessage'] = function(_, result) table.insert(messages, result.message) end,
  },
}, { bufnr = bufnr })
if not vim.wait(30000, function()
  local c = vim.lsp.get_client_by_id(id)
  return c and c.initialized and vim.lsp.buf_is_attached(bufnr, id)
end, 20) then fail('server did not initialize') end

vim.lsp.buf.code_action({
  filter = function(a) return a.title == 'ACT: Translate file to Go' end,
  apply = true,
})

local target = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')) .. '/' .. target_name
local function act_diagnostics()
  local b = vim.fn.bufnr(target)
  if b == -1 then return {} end
  return vim.tbl_filter(function(d) return d.source == 'act' end, vim.diagnostic.get(b))
end
if not vim.wait(600000, function() return #act_diagnostics() > 0 end, 100) then
  fail('no diagnostic arrived; messages: ' .. vim.inspect(messages))
end
vim.cmd('silent wall')
for _, m in ipairs(messages) do io.stdout:write('MESSAGE ' .. m .. '\n') end
for _, d in ipairs(act_diagnostics()) do
  io.stdout:write(string.format('DIAGNOSTIC %d %d %s\n', d.lnum, d.severity, d.message))
end
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
