-- luaunit suites that run inside the real Kamailio, against the real KSR.
--
-- kamailio.cfg loads this file beside the product's bundle when LUAUNIT_SUITE is defined
-- (test/e2e/luaunit.test.mjs does that), with xhttp calling ksr_luaunit_http for HTTP
-- requests, which hands every path but /luaunit to the bundle's ksr_xhttp_event. An HTTP GET
-- of /luaunit runs the suites while that request is processed (KSR functions work
-- only inside a route), writes a JUnit report to the file named by its X-Luaunit-Output
-- header, and answers 200 when every test passed, 500 otherwise. app_lua loads its scripts
-- in no promised order, so nothing here runs at load time.
local lu = require("luaunit")

local suite_dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local EXIT = "~~ksr~exit~~"

-- Calls f and returns the error it raised (nil when it returned).
local function raised(f, ...)
  local ok, err = pcall(f, ...)
  if ok then return nil end
  return err
end

TestKsrValues = {}

function TestKsrValues:test_exit_raises_exactly_the_exit_string()
  lu.assertEquals(raised(KSR.x.exit), EXIT)
end

function TestKsrValues:test_int_results_are_numbers_and_failure_is_truthy()
  local present = KSR.hdr.is_present("X-Luaunit-Output")
  local absent = KSR.hdr.is_present("X-Never-Sent")
  lu.assertEquals(type(present), "number")
  lu.assertTrue(present > 0)
  lu.assertEquals(type(absent), "number")
  lu.assertTrue(absent < 0)
  -- The reason for the lint rule: a failure code is still a true value in Lua.
  lu.assertTrue(absent and true or false)
end

function TestKsrValues:test_bool_results_are_booleans()
  lu.assertEquals(KSR.is_myself_srcip(), true)
  lu.assertEquals(KSR.is_INVITE(), false)
end

function TestKsrValues:test_xval_getters()
  lu.assertEquals(KSR.pv.get("$hu"), "/luaunit")
  lu.assertEquals(KSR.pv.get("$rm"), "GET")
  lu.assertNil(KSR.pv.get("$hdr(X-Never-Sent)"))
  lu.assertEquals(KSR.pv.gete("$hdr(X-Never-Sent)"), "")
  lu.assertEquals(KSR.pv.getw("$hdr(X-Never-Sent)"), "<null>")
  lu.assertEquals(type(KSR.pv.get("$sp")), "number")
end

function TestKsrValues:test_pseudo_variables_set_and_unset()
  lu.assertTrue(KSR.pv.sets("$var(luaunit)", "value"))
  lu.assertEquals(KSR.pv.get("$var(luaunit)"), "value")
  lu.assertTrue(KSR.pv.seti("$var(luaunit)", 42))
  lu.assertEquals(KSR.pv.get("$var(luaunit)"), 42)
end

function TestKsrValues:test_wrong_argument_count_returns_false_without_raising()
  local ok, result = pcall(KSR.hdr.is_present)
  lu.assertTrue(ok)
  lu.assertEquals(result, false)
end

TestProductBundle = {}

function TestProductBundle:test_routes_are_lua_globals()
  lu.assertEquals(type(ksr_request_route), "function")
  lu.assertEquals(type(ksr_reply_route), "function")
  lu.assertEquals(type(ksr_onreply_manage), "function")
  lu.assertEquals(type(ksr_failure_manage), "function")
end

-- The fake KSR of the busted specs is built from the same data: every function it offers
-- for a module this Kamailio loaded must exist in the real KSR, and the other way round.
function TestProductBundle:test_fake_ksr_data_matches_the_real_ksr()
  local exports = dofile(suite_dir .. "../support/ksr_exports.lua")
  local checked, mismatches = 0, {}
  for module, functions in pairs(exports) do
    local real = module == "" and KSR or KSR[module]
    if type(real) == "table" then
      for name in pairs(functions) do
        checked = checked + 1
        if type(real[name]) ~= "function" then
          mismatches[#mismatches + 1] = "KSR." .. module .. "." .. name .. " is in the data, not in Kamailio"
        end
      end
      for name, value in pairs(real) do
        if type(value) == "function" and functions[name] == nil then
          mismatches[#mismatches + 1] = "KSR." .. module .. "." .. name .. " is in Kamailio, not in the data"
        end
      end
    end
  end
  table.sort(mismatches)
  lu.assertEquals(mismatches, {})
  lu.assertTrue(checked > 150, "checked " .. checked)
end

function ksr_luaunit_http(event)
  -- Only /luaunit runs the suites; the product's own HTTP paths (GET /metrics) stay served.
  if KSR.pv.gete("$hu") ~= "/luaunit" then return ksr_xhttp_event(event) end
  local report = KSR.pv.gete("$hdr(X-Luaunit-Output)")
  local failures = lu.LuaUnit.run("--output", "junit", "--name", report)
  if failures == 0 then
    KSR.xhttp.xhttp_reply(200, "luaunit passed", "text/plain", "")
  else
    KSR.xhttp.xhttp_reply(500, "luaunit failed", "text/plain", "")
  end
end
