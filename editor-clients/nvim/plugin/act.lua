-- ACT: loaded at startup; everything else lives in lua/act/ and loads on setup() or first use.
if vim.g.loaded_act then
  return
end
vim.g.loaded_act = true
