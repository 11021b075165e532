-- Headless Neovim driver: translate a Java file whose behaviour the model gets wrong, and print the verdict the
-- editor shows: the messages and the diagnostics on the translated file.
-- Usage: nvim --headless --clean -l flag_difference.lua FILE PYTHON DB TARGET
local file, python, db, target_name = arg[1], arg[2], arg[3], arg[4]
package.path = vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/?.lua;' .. package.path
local lsp = require('lsp_file')

-- verify: the default (equivalence)
local id, messages = lsp.translate_file(file, python, { database = db, maxTokens = 300 })
local target = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')) .. '/' .. target_name
local function act_diagnostics()
  local b = vim.fn.bufnr(target)
  if b == -1 then return {} end
  return vim.tbl_filter(function(d) return d.source == 'act' end, vim.diagnostic.get(b))
end
if not vim.wait(600000, function() return #act_diagnostics() > 0 end, 100) then
  lsp.fail('no diagnostic arrived; messages: ' .. vim.inspect(messages))
end
vim.cmd('silent wall')
for _, m in ipairs(messages) do io.stdout:write('MESSAGE ' .. m .. '\n') end
for _, d in ipairs(act_diagnostics()) do
  io.stdout:write(string.format('DIAGNOSTIC %d %d %s\n', d.lnum, d.severity, d.message))
end
lsp.stop(id)
