-- Neovim 0.7 as the language server's client, the way a user's configuration starts it
-- (vim.lsp.start_client and vim.lsp.buf_attach_client; vim.lsp.start needs 0.8).
--
-- Run as `nvim --headless -u nvim-client.lua`, with the environment:
--   MLIR_LINK_LSP        the server command (bin/mlir-link-lsp)
--   MLIR_LINK_FOLDER     the workspace folder
--   MLIR_LINK_FILE       the document to open, under the folder
--   MLIR_LINK_EDIT       "LINE:TEXT": after the first diagnostics, set that 0-based line to TEXT
--   MLIR_LINK_DEFINITION "LINE:CHARACTER;LINE:CHARACTER": where to ask textDocument/definition
--   MLIR_LINK_RESULT     the file to write the answers to, one per line:
--     diagnostic CODE LINE CHARACTER     (after the edit, sorted)
--     definition PATH LINE CHARACTER     (PATH relative to the folder; "definition none" if empty)
--     error MESSAGE                      (the script failed; the test shows it)
-- and quits. Everything waits at most 20 s, so a server that never answers fails the test
-- instead of hanging it.

local timeout = 20000
local out = {}

local function relative(uri)
  local path = vim.uri_to_fname(uri)
  local folder = vim.env.MLIR_LINK_FOLDER .. '/'
  if path:sub(1, #folder) == folder then
    return path:sub(#folder + 1)
  end
  return path
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MLIR_LINK_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)

  -- The latest diagnostics the server published for the document, kept as they came (the
  -- standard handler also runs, as in an editor).
  local published = nil
  local client_id = vim.lsp.start_client({
    name = 'mlir-link',
    cmd = { vim.env.MLIR_LINK_LSP },
    root_dir = vim.env.MLIR_LINK_FOLDER,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result and result.uri == uri then
          published = result
        end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(timeout, function() return client.initialized end, 20), 'no initialize answer')
  assert(vim.wait(timeout, function() return published ~= nil end, 20), 'no diagnostics on open')

  local line, text = vim.env.MLIR_LINK_EDIT:match('^(%d+):(.*)$')
  published = nil
  vim.api.nvim_buf_set_lines(buf, tonumber(line), tonumber(line) + 1, false, { text })
  local version = vim.lsp.util.buf_versions[buf]
  assert(
    vim.wait(timeout, function() return published ~= nil and published.version == version end, 20),
    'no diagnostics for the edited text (version ' .. tostring(version) .. ')'
  )
  local diagnostics = {}
  for _, d in ipairs(published.diagnostics) do
    table.insert(
      diagnostics,
      string.format('diagnostic %s %d %d', tostring(d.code), d.range.start.line, d.range.start.character)
    )
  end
  table.sort(diagnostics)
  vim.list_extend(out, diagnostics)

  for l, c in vim.env.MLIR_LINK_DEFINITION:gmatch('(%d+):(%d+)') do
    local params = { textDocument = { uri = uri }, position = { line = tonumber(l), character = tonumber(c) } }
    local answers, err = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, timeout)
    assert(answers, 'no definition answer: ' .. tostring(err))
    local result = answers[client_id] and answers[client_id].result
    if result == nil or vim.tbl_isempty(result) then
      table.insert(out, 'definition none')
    else
      -- A single Location, a list of them, or LocationLinks: a client takes all three.
      if result.uri or result.targetUri then
        result = { result }
      end
      for _, at in ipairs(result) do
        local range = at.targetSelectionRange or at.range
        table.insert(
          out,
          string.format('definition %s %d %d', relative(at.uri or at.targetUri), range.start.line, range.start.character)
        )
      end
    end
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      table.insert(out, 'error ' .. tostring(err):gsub('\n', ' '))
    end
    vim.fn.writefile(out, vim.env.MLIR_LINK_RESULT)
    vim.cmd('qa!')
  end,
})
