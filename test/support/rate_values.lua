-- Decodes mtree rate values with the bundle's decodeRateEntry and prints them as JSON, one
-- line per input line, so that test/static/rate-value.test.mjs can compare the Lua reading
-- with the JS loader's. Run from the repository root: lua5.1 test/support/rate_values.lua
-- Input lines: "decode <value>" -> the entry, or null; "money <text>" -> parseMoney's result,
-- or null; "limits" -> the bundle's MAX_PRICE, MAX_INCREMENT and MAX_DURATION_MS.
package.path = "test/support/?.lua;" .. package.path
local api = require("bundle").exports(require("fake_ksr").new())

local function json(value)
  local kind = type(value)
  if kind == "nil" then return "null" end
  if kind == "number" then return string.format("%.17g", value) end
  if kind == "string" then
    -- UTF-8 bytes pass as they are (JSON text is UTF-8)
    return '"' .. value:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
  end
  assert(kind == "table", kind)
  local parts = {}
  if #value > 0 then
    for _, item in ipairs(value) do parts[#parts + 1] = json(item) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local keys = {}
  for key in pairs(value) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do parts[#parts + 1] = json(key) .. ":" .. json(value[key]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

for line in io.lines() do
  local command, argument = line:match("^(%a+) ?(.*)$")
  if command == "decode" then
    local ok, entry = pcall(api.decodeRateEntry, argument)
    print(ok and json(entry) or json({ error = tostring(entry) }))
  elseif command == "money" then
    print(json(api.parseMoney(argument)))
  elseif command == "limits" then
    print(json({ maxPrice = api.MAX_PRICE, maxIncrement = api.MAX_INCREMENT, maxDurationMs = api.MAX_DURATION_MS }))
  else
    error("unknown command: " .. line)
  end
end
