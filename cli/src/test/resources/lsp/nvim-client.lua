-- Neovim as the editor of `orch lsp`: opens a script, waits for the diagnostics the server publishes, asks for the
-- definition of the name at a place, and writes both to a file. Works from Neovim 0.7 on (vim.lsp.start_client;
-- vim.lsp.start is 0.8's shorthand for it). Its inputs are environment variables set by NeovimClientTest.
local out = {}
local function done()
  vim.fn.writefile(out, os.getenv("ORCH_OUT"))
  vim.cmd("qall!")
end

local file = os.getenv("ORCH_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = "orch",
  cmd = vim.fn.readfile(os.getenv("ORCH_CMD")),
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
if not client then
  table.insert(out, "error: the client did not start")
  return done()
end
vim.lsp.buf_attach_client(buf, client)

if not vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  table.insert(out, "error: no diagnostics within 60 s")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out, string.format("diagnostic %d:%d %s", d.lnum + 1, d.col + 1, (d.message:gsub("\n", " / "))))
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = tonumber(os.getenv("ORCH_LINE")), character = tonumber(os.getenv("ORCH_COL")) },
}
local replies = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 30000) or {}
for _, reply in pairs(replies) do
  if reply.err then table.insert(out, "error: " .. vim.inspect(reply.err)) end
  local result = reply.result or {}
  if result.uri then result = { result } end
  for _, loc in ipairs(result) do
    table.insert(out, string.format("definition %s:%d:%d", vim.uri_to_fname(loc.uri),
      loc.range.start.line + 1, loc.range.start.character + 1))
  end
end
vim.lsp.stop_client(client)
done()
