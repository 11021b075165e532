---@class (exact) act.Config
---@field cmd string[] command that starts the server (default: act-lsp on PATH, else python -m act_lsp.cli)
---@field filetypes string[] buffers the server attaches to
---@field settings table initializationOptions for the server (camelCase keys: verify, targets, logCode, ...)
---@field root_markers string[]

local M = {}

---@type act.Config
M.defaults = {
  cmd = nil,
  filetypes = { "java", "cpp", "go", "rust", "python", "javascript" },
  settings = {},
  root_markers = { ".git", "pom.xml", "build.gradle", "CMakeLists.txt", "go.mod", "Cargo.toml", "pyproject.toml", "package.json" },
}

M.config = vim.deepcopy(M.defaults)
M.status = {}

local function server_cmd()
  if M.config.cmd then
    return M.config.cmd
  end
  if vim.fn.executable("act-lsp") == 1 then
    return { "act-lsp" }
  end
  return { vim.g.python3_host_prog or "python3", "-m", "act_lsp.cli" }
end

function M.client(bufnr)
  local clients = vim.lsp.get_clients({ name = "act", bufnr = bufnr or 0 })
  return clients[1]
end

local function exec(command, args, bufnr, on_result)
  local client = M.client(bufnr)
  if not client then
    vim.notify("ACT: the server is not attached to this buffer", vim.log.levels.WARN)
    return
  end
  client:exec_cmd({ title = command, command = command, arguments = args }, { bufnr = bufnr or 0 }, on_result)
end

--- Translate lines [line1, line2] (1-based, inclusive) or, with no range, the whole file.
function M.translate(opts)
  local bufnr = vim.api.nvim_get_current_buf()
  local args = { uri = vim.uri_from_bufnr(bufnr), range = vim.NIL }
  if opts and opts.range and opts.range > 0 then
    local last = vim.api.nvim_buf_get_lines(bufnr, opts.line2 - 1, opts.line2, false)[1] or ""
    args.range = {
      start = { line = opts.line1 - 1, character = 0 },
      ["end"] = { line = opts.line2 - 1, character = #last },
    }
  end
  exec("act.translate", { args }, bufnr, function(err, result)
    if err then
      vim.notify("ACT: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif result and result.applied then
      vim.notify(("ACT: translated into %s (%d tokens)"):format(vim.uri_to_fname(result.targetUri), result.tokens))
    end
  end)
end

function M.feedback(outcome, reason)
  exec(outcome == "accepted" and "act.accept" or "act.reject", { vim.NIL, reason ~= "" and reason or vim.NIL })
end

function M.show_status()
  exec("act.status", {}, 0, function(_, result)
    if result then
      M.status = result
    end
  end)
end

local function on_status(_, result)
  M.status = result or {}
  vim.api.nvim_exec_autocmds("User", { pattern = "ActStatus", modeline = false })
end

function M.statusline()
  local s = M.status
  if not s.model then
    return ""
  end
  return ("ACT %s%s [%s]"):format(s.model:gsub("%.gguf$", ""), s.adapterVersion and ("+" .. s.adapterVersion) or "",
    s.training or "idle")
end

local function start(bufnr)
  local fname = vim.api.nvim_buf_get_name(bufnr)
  vim.lsp.start({
    name = "act",
    cmd = server_cmd(),
    root_dir = vim.fs.root(fname, M.config.root_markers) or vim.fs.dirname(fname),
    init_options = M.config.settings,
    handlers = { ["act/status"] = on_status },
  }, { bufnr = bufnr })
end

---@param opts act.Config|nil
function M.setup(opts)
  if vim.fn.has("nvim-0.11") == 0 then
    vim.notify("ACT needs Neovim 0.11 or newer", vim.log.levels.ERROR)
    return
  end
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("act", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    desc = "start the ACT language server",
    callback = function(ev) start(ev.buf) end,
  })
  vim.api.nvim_create_user_command("ActTranslate", M.translate,
    { range = true, desc = "ACT: translate the selected lines (or the file) to the target language" })
  vim.api.nvim_create_user_command("ActTranslateFile", function() M.translate({ range = 0 }) end,
    { desc = "ACT: translate the whole file" })
  vim.api.nvim_create_user_command("ActAccept", function(o) M.feedback("accepted", o.args) end,
    { nargs = "?", desc = "ACT: mark the last translation accepted" })
  vim.api.nvim_create_user_command("ActReject", function(o) M.feedback("rejected", o.args) end,
    { nargs = "?", desc = "ACT: mark the last translation rejected (optional reason)" })
  vim.api.nvim_create_user_command("ActStatus", M.show_status, { desc = "ACT: model, adapter and training state" })
  vim.api.nvim_create_user_command("ActRetrain", function() exec("act.retrain", {}) end,
    { desc = "ACT: queue a training job for the trainer daemon" })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      start(buf)
    end
  end
end

M._server_cmd = server_cmd
return M
