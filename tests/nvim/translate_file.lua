-- Headless Neovim driver: open a Java file, run "ACT: Translate file to Go", apply, save everything.
-- Usage: nvim --headless --clean -l translate_file.lua FILE PYTHON DB
local file, python, db = arg[1], arg[2], arg[3]
local function fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); os.exit(1) end

vim.cmd.edit(vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local messages = {}
local id = vim.lsp.start({
  name = 'act-lsp',
  cmd = { python, '-m', 'act_lsp.cli' },
  root_dir = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')),
  init_options = { database = db, maxTokens = 400 },
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

local target = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')) .. '/calc.go'
if not vim.wait(180000, function()
  local b = vim.fn.bufnr(target)
  return b ~= -1 and vim.api.nvim_buf_line_count(b) > 3
end, 50) then fail('no translation arrived; messages: ' .. vim.inspect(messages)) end

vim.cmd('silent wall')
vim.wait(1000)  -- let didSave reach the server
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
io.stdout:write('OK ' .. target .. '\n')
for _, m in ipairs(messages) do io.stdout:write('MESSAGE ' .. m .. '\n') end
