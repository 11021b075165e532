-- Headless Neovim driver: open a Java file, run "ACT: Translate file to Go", apply, save everything.
-- Usage: nvim --headless --clean -l translate_file.lua FILE PYTHON DB
local file, python, db = arg[1], arg[2], arg[3]
package.path = vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/?.lua;' .. package.path
local lsp = require('lsp_file')

local id, messages = lsp.translate_file(file, python, { database = db, maxTokens = 400 })
local target = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')) .. '/calc.go'
if not vim.wait(180000, function()
  local b = vim.fn.bufnr(target)
  return b ~= -1 and vim.api.nvim_buf_line_count(b) > 3
end, 50) then lsp.fail('no translation arrived; messages: ' .. vim.inspect(messages)) end

vim.cmd('silent wall')
vim.wait(1000)  -- let didSave reach the server
lsp.stop(id)
io.stdout:write('OK ' .. target .. '\n')
for _, m in ipairs(messages) do io.stdout:write('MESSAGE ' .. m .. '\n') end
