-- :checkhealth act
local M = {}

function M.check()
  local act = require("act")
  vim.health.start("ACT")
  if vim.fn.has("nvim-0.11") == 1 then
    vim.health.ok("Neovim " .. tostring(vim.version()))
  else
    vim.health.error("Neovim 0.11 or newer is needed")
  end
  local cmd = act._server_cmd()
  if vim.fn.executable(cmd[1]) == 0 then
    vim.health.error("server command not found: " .. cmd[1], { "install ACT (`make setup`) or set cmd in setup{}" })
    return
  end
  vim.health.ok("server command: " .. table.concat(cmd, " "))
  -- The server checks itself: model, database, sandbox.
  local check = vim.list_extend(vim.deepcopy(cmd), { "--check" })
  local res = vim.system(check, { text = true }):wait(60000)
  local ok, report = pcall(vim.json.decode, res.stdout or "")
  if not ok or type(report) ~= "table" then
    vim.health.error("`" .. table.concat(check, " ") .. "` failed: " .. (res.stderr or ""))
    return
  end
  for _, part in ipairs({ "model", "database", "sandbox" }) do
    local r = report[part] or {}
    local detail = r.path or r.image or ""
    if r.ok then
      vim.health.ok(part .. ": " .. detail)
    elseif part == "sandbox" then
      vim.health.warn("sandbox (Docker): " .. (r.error or "?"), { "needed for verify = equivalence (the default) | compile | tests" })
    else
      vim.health.error(part .. ": " .. (r.error or "?"))
    end
  end
end

return M
