-- Lua errors of the routes at their TypeScript position (src/kemi/error-positions.ts, with the
-- line map that scripts/lib/tstl-line-map.cjs writes into the bundle), against the fake KSR.
-- test/e2e/dev.test.mjs proves the same in the real Kamailio's log.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local bundle = require("bundle")

local fake

--- The 1-based line of src/<file> holding `text` (plain).
local function ts_line(file, text)
  local n = 0
  for line in io.lines(here .. "../../src/" .. file) do
    n = n + 1
    if line:find(text, 1, true) then return n end
  end
  error(file .. " has no " .. text)
end

--- An initial INVITE over UDP that reaches reqinit's checks.
local function invite()
  fake.pv["$rm"] = "INVITE"
  fake.pv["$pr"] = "udp"
  fake.pv["$cl"] = 0
  fake.pv["$mb"] = "INVITE sip:1@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n"
end

--- The error ksr_request_route raises when KSR.maxfwd.process_maxfwd runs `raise`.
local function route_error(raise)
  fake.KSR.maxfwd.process_maxfwd = raise
  invite()
  local ok, err = pcall(ksr_request_route)
  assert.is_false(ok)
  return err
end

describe("Lua errors at their TS position", function()
  local maxfwd, reqinit_call

  before_each(function()
    fake = fake_ksr.new()
    local ok, err = bundle.load(fake)
    assert.is_true(ok, err)
    maxfwd = "src/routes/reqinit.ts:" .. ts_line("routes/reqinit.ts", "KSR.maxfwd.process_maxfwd(")
    reqinit_call = "src/routes/request.ts:" .. ts_line("routes/request.ts", "ksr_route_reqinit();")
  end)
  after_each(bundle.clear_globals)

  it("a runtime error in the bundle: the TS file and line, the TS call chain, the bundle line", function()
    local err = route_error(function() return 1 end)
    assert.are.equal(fake_ksr.EXIT, err) -- control: the route ends with exit as usual
    fake:reset()
    -- A string where a number was expected: the comparison in reqinit raises.
    err = route_error(function() return "five" end)
    local expected = maxfwd .. ": attempt to compare string with number (ts: " .. maxfwd .. " < " .. reqinit_call .. "; lua: "
    assert.are.equal(expected, err:sub(1, #expected))
    assert.matches("kamailio%.lua:%d+%)$", err)
  end)

  it("an error positioned in another Lua file keeps its position and gains the TS call chain", function()
    local err = route_error(function() local t = nil; return t.x end)
    assert.matches("^.*error_positions_spec%.lua:%d+: attempt to index local 't' %(a nil value%)", err)
    assert.are.equal(" (ts: " .. maxfwd .. " < " .. reqinit_call .. ")", err:match(" %(ts: .*$"))
  end)

  it("an error without a position gets the innermost TS frame's, and control bytes are escaped", function()
    local err = route_error(function() error("bad\r\nkamailio-ts refused reason=forged", 0) end)
    assert.are.equal(maxfwd .. ": bad\\x0d\\x0akamailio-ts refused reason=forged (ts: " .. maxfwd .. " < " .. reqinit_call .. ")", err)
  end)

  it("an event route gets its argument (Lua 5.1's xpcall passes none) and its errors are mapped", function()
    assert.are.equal("return", fake.run(function() return ksr_dialog_event("dialog:start") end))
    assert.are.equal("b_answer", fake:call_args("dialog.var_sets")[1], "dialog:start sets the answer time")
    fake.KSR.dialog.var_sets = function() error("boom") end
    local ok, err = pcall(ksr_dialog_event, "dialog:start")
    assert.is_false(ok)
    local start = "src/routes/calls-end.ts:" .. ts_line("routes/calls-end.ts", "KSR.dialog.var_sets(DLG.answerMs")
    assert.matches(" %(ts: " .. start:gsub("[%.%-]", "%%%0") .. "%)$", err)
  end)

  it("KSR.x.exit() passes through unchanged and non-string errors are raised as they are", function()
    local marker = {}
    assert.are.equal(marker, route_error(function() error(marker) end))
    fake:reset()
    assert.are.equal(fake_ksr.EXIT, route_error(function() return fake.KSR.x.exit() end))
  end)
end)
