-- The audit line of refused, dropped or warned-about requests (src/audit/line.ts), reached through the
-- bundle's exports as rating_spec.lua reaches the billing functions. Pure: no KSR call.
-- Build it first (npm run build).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")

local bundle = require("bundle")

local fake = fake_ksr.new()
local api = bundle.exports(fake)

--- The fields of an audit line, parsed the strict way: name=value or name="escaped value".
local function fields(line)
  local found, order = {}, {}
  local rest = assert(line:match("^kamailio%-ts refused (.*)$") or line:match("^kamailio%-ts warning (.*)$"),
    "not an audit line: " .. line)
  while rest ~= "" do
    local name, tail = rest:match("^([%a_]+)=(.*)$")
    assert(name, "bad field at: " .. rest)
    local value
    if tail:sub(1, 1) == '"' then
      local i = 2
      while true do
        local c = tail:sub(i, i)
        assert(c ~= "", "unterminated quotes in: " .. line)
        if c == "\\" then i = i + 2
        elseif c == '"' then break
        else i = i + 1 end
      end
      value, rest = tail:sub(2, i - 1), tail:sub(i + 1)
    else
      value, rest = tail:match("^([^ ]*)(.*)$")
    end
    assert(found[name] == nil, "field " .. name .. " twice in: " .. line)
    found[name] = value
    order[#order + 1] = name
    rest = rest:gsub("^ ", "", 1)
  end
  return found, order
end

local HOSTILE = 'friendly\r\n reason=forged src=6.6.6.6:1 ua="x\\" \0\t\127end'

describe("audit line (src/audit)", function()
  it("is exported by the bundle, and loading it called no KSR function", function()
    assert.is_function(api.logSafe)
    assert.is_function(api.auditLine)
    assert.are.equal(128, api.AUDIT_VALUE_MAX)
    assert.are.same({}, fake.calls)
  end)

  describe("logSafe", function()
    it("keeps ordinary values as they are", function()
      assert.are.equal("Linphone/5.2.0 (belle-sip/5.2.0)", api.logSafe("Linphone/5.2.0 (belle-sip/5.2.0)"))
      assert.are.equal("sip:1001@example.com;tag=x", api.logSafe("sip:1001@example.com;tag=x"))
      assert.are.equal("", api.logSafe(""))
      assert.are.equal("Zoiper \195\169", api.logSafe("Zoiper \195\169")) -- UTF-8 kept
    end)

    it("escapes CR, LF, every control byte, quotes and backslashes", function()
      assert.are.equal("a\\x0d\\x0a b", api.logSafe("a\r\n b"))
      assert.are.equal('say \\"hi\\"', api.logSafe('say "hi"'))
      assert.are.equal("c:\\\\path", api.logSafe("c:\\path"))
      assert.are.equal("\\x00\\x09\\x1b\\x7f", api.logSafe("\0\t\27\127"))
      for code = 0, 31 do
        assert.are.equal(string.format("\\x%02x", code), api.logSafe(string.char(code)), code)
      end
    end)

    it("leaves no byte that can end a line or close the quotes", function()
      local all = {}
      for code = 0, 255 do all[#all + 1] = string.char(code) end
      local safe = api.logSafe(table.concat(all, "", 1, 100)) .. api.logSafe(table.concat(all, "", 101, 256))
      assert.is_nil(safe:find("[%c]"))
      -- every quote is escaped: removing escaped pairs leaves no quote nor lone backslash
      local stripped = safe:gsub("\\.", "")
      assert.is_nil(stripped:find('["\\]'))
    end)

    it("cuts a long value to AUDIT_VALUE_MAX bytes before escaping, marking the cut", function()
      assert.are.equal(string.rep("a", 128), api.logSafe(string.rep("a", 128)))
      assert.are.equal(string.rep("a", 128) .. "...", api.logSafe(string.rep("a", 129)))
      -- an escape is never cut in half: the cut comes first
      local quotes = api.logSafe(string.rep('"', 200))
      assert.are.equal(string.rep('\\"', 128) .. "...", quotes)
    end)
  end)

  describe("auditLine", function()
    local ORDER = { "reason", "ua", "account", "from", "ruri_user", "callid", "src" }

    it("has the fixed format, source address last", function()
      local line = api.auditLine("refused", "scanner", "192.0.2.7", "5062", "friendly-scanner", "",
        "sip:100@192.0.2.7", "0046701234567", "abc@192.0.2.7")
      assert.are.equal('kamailio-ts refused reason=scanner ua="friendly-scanner" account="" from="sip:100@192.0.2.7"'
        .. ' ruri_user="0046701234567" callid="abc@192.0.2.7" src=192.0.2.7:5062', line)
      local found, order = fields(line)
      assert.are.same(ORDER, order)
      assert.are.equal("192.0.2.7:5062", found.src)
    end)

    it("names the authenticated account, and the outcome: refused or warning", function()
      local line = api.auditLine("warning", "destination-rate", "192.0.2.7", 5062, "Linphone", "1001",
        "sip:1001@example.com", "4930123456", "c@h")
      assert.are.equal('kamailio-ts warning reason=destination-rate ua="Linphone" account="1001"'
        .. ' from="sip:1001@example.com" ruri_user="4930123456" callid="c@h" src=192.0.2.7:5062', line)
      local found, order = fields(line)
      assert.are.same(ORDER, order)
      assert.are.equal("1001", found.account)
    end)

    it("takes the port as Kamailio gives it (a number) and brackets an IPv6 address", function()
      local line = api.auditLine("refused", "flood", "2001:db8::7", 5060, "", "", "", "", "")
      assert.are.equal('kamailio-ts refused reason=flood ua="" account="" from="" ruri_user="" callid=""'
        .. ' src=[2001:db8::7]:5060', line)
    end)

    it("cannot be split, nor given another field, by hostile values", function()
      local line = api.auditLine("refused", "scanner", "192.0.2.7", "5062", HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)
      assert.is_nil(line:find("[\r\n]"))
      local found, order = fields(line)
      assert.are.same(ORDER, order)
      assert.are.equal("scanner", found.reason)
      assert.are.equal("192.0.2.7:5062", found.src)
      assert.matches("src=192%.0%.2%.7:5062$", line)
      -- the escaped value reads back as the original
      for _, name in ipairs({ "ua", "account" }) do
        local unescaped = found[name]:gsub("\\x(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
          :gsub('\\(["\\])', "%1")
        assert.are.equal(HOSTILE, unescaped, name)
      end
    end)
  end)
end)
