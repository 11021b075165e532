-- Shared by the raw-LSP drivers: open FILE, start the ACT server on it with INIT_OPTIONS (recording the messages
-- it shows), wait until it is attached, and run the "Translate file to Go" code action.
local M = {}

function M.fail(msg) io.stderr:write('FAIL: ' .. msg .. '\n'); os.exit(1) end

function M.translate_file(file, python, init_options)
  vim.cmd.edit(vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local messages = {}
  local id = vim.lsp.start({
    name = 'act-lsp',
    cmd = { python, '-m', 'act_lsp.cli' },
    root_dir = vim.fs.dirname(vim.fn.fnamemodify(file, ':p')),
    init_options = init_options,
    handlers = {
      ['window/showMessage'] = function(_, result) table.insert(messages, result.message) end,
    },
  }, { bufnr = bufnr })
  if not vim.wait(30000, function()
    local c = vim.lsp.get_client_by_id(id)
    return c and c.initialized and vim.lsp.buf_is_attached(bufnr, id)
  end, 20) then M.fail('server did not initialize') end
  vim.lsp.buf.code_action({
    filter = function(a) return a.title == 'ACT: Translate file to Go' end,
    apply = true,
  })
  return id, messages
end

function M.stop(id)
  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end

return M
