-- Calls to 800 numbers and the toll-free gateways (src/routing/toll-free.ts,
-- src/routes/toll-free.ts): dispatcher set 2 when the deployment config's tollFreeGateways made
-- one, the carrier gateways (set 1) otherwise. Against the fake KSR; test/e2e/toll-free.test.mjs
-- places the calls through the real Kamailio.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local bundle = require("bundle")
local rateable = require("billing_fixture")

describe("isTollFree", function()
  local isTollFree = bundle.exports(fake_ksr.new()).isTollFree

  it("is true for 800 numbers, with or without +1", function()
    for _, number in ipairs({ "8005551234", "+18005551234", "800" }) do
      assert.is_true(isTollFree(number), number)
    end
  end)

  it("is false for other numbers, 1800 without + (a national number elsewhere) and non-digits", function()
    for _, number in ipairs({ "13545769997", "18001234567", "08005551234", "+8005551234", "+448005551234",
      "800555123a", "800-555-1234", "", "+1", "alice" }) do
      assert.is_false(isTollFree(number), number)
    end
  end)
end)

describe("ksr_request_route: calls to 800 numbers", function()
  local fake

  --- An initial INVITE from a trusted source to `number`; runs the request route.
  local function call(number)
    fake.pv["$rm"] = "INVITE"
    fake.pv["$pr"] = "udp"
    fake.pv["$cl"] = 0
    fake.pv["$mb"] = "INVITE sip:" .. number .. "@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n"
    fake.pv["$rU"] = number
    -- Billed like any call: a rate for it (E.164 "1..." for +1 numbers, else the plan's 86).
    rateable(fake, number:sub(1, 2) == "+1" and "1" or "86")
    fake:returns("tmx.t_precheck_trans", -1)
    fake:returns("tm.t_check_trans", -1)
    fake:returns("siputils.has_totag", -1)
    assert.are.equal("exit", fake.run(ksr_request_route))
    assert.are.same({}, fake.errors)
  end

  before_each(function()
    fake = fake_ksr.new()
    local ok, err = bundle.load(fake)
    assert.is_true(ok, err)
  end)
  after_each(bundle.clear_globals)

  it("go to the toll-free gateways (set 2, by priority) when the config has them", function()
    fake:returns("dispatcher.ds_list_exists", 1)
    call("8005551234")
    assert.are.same({ 2 }, fake:call_args("dispatcher.ds_list_exists"))
    assert.are.same({ 2, 8 }, fake:call_args("dispatcher.ds_select_dst"))
    assert.are.equal(1, fake:called("dispatcher.ds_select_dst"))
    assert.are.equal(1, fake:called("tm.t_relay"))
    assert.are.same({ "ksr_failure_manage" }, fake:call_args("tm.t_on_failure"))
  end)

  it("go to the carrier gateways (set 1) when the config has no toll-free gateway", function()
    fake:returns("dispatcher.ds_list_exists", -1)
    call("+18005551234")
    assert.are.same({ 1, 8 }, fake:call_args("dispatcher.ds_select_dst"))
    assert.are.equal(1, fake:called("tm.t_relay"))
  end)

  it("get 503 when no toll-free gateway is available, and are not relayed", function()
    fake:returns("dispatcher.ds_list_exists", 1)
    fake:returns("dispatcher.ds_select_dst", -1)
    call("8005551234")
    assert.are.same({ 503, "No gateway available" }, fake:call_args("sl.send_reply"))
    assert.are.equal(1, fake:called("dispatcher.ds_select_dst"))
    assert.are.equal(0, fake:called("tm.t_relay"))
  end)

  it("other numbers go to the carrier gateways without looking for set 2", function()
    call("13545769997")
    assert.are.equal(0, fake:called("dispatcher.ds_list_exists"))
    assert.are.same({ 1, 8 }, fake:call_args("dispatcher.ds_select_dst"))
  end)
end)
