-- The fake KSR's own behaviour: it must answer like app_lua 5.6 or the route specs prove nothing.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")

local function count(...)
  return select("#", ...)
end

describe("fake_ksr", function()
  local fake, KSR

  before_each(function()
    fake = fake_ksr.new()
    KSR = fake.KSR
  end)

  describe("built from ksr_exports.lua", function()
    it("has every module of the data, each function of it, and nothing else", function()
      local exports = fake_ksr.exports()
      local modules, functions = 0, 0
      for module, fns in pairs(exports) do
        modules = modules + 1
        local target = module == "" and KSR or KSR[module]
        assert.is_table(target, "KSR." .. module)
        for name in pairs(fns) do
          functions = functions + 1
          assert.is_function(target[name], "KSR." .. (module == "" and "" or module .. ".") .. name)
        end
        for name, value in pairs(module == "" and {} or target) do
          assert.is_truthy(fns[name], "extra KSR." .. module .. "." .. tostring(name))
          assert.is_function(value)
        end
      end
      for key, value in pairs(KSR) do
        if type(value) == "table" then
          assert.is_table(exports[key], "extra module KSR." .. key)
        else
          assert.is_truthy(exports[""][key], "extra core function KSR." .. key)
        end
      end
      -- 145 modules with core; 1242 export entries, less KSR.ktest (listed twice, absent
      -- from the Debian binary: kemi/overrides.json): 1240 functions.
      assert.are.equal(145, modules)
      assert.are.equal(1240, functions)
    end)

    it("has no module named like a core function", function()
      for module in pairs(fake_ksr.exports()) do
        if module ~= "" then assert.is_nil(fake_ksr.exports()[""][module], module) end
      end
    end)

    it("leaves unknown names nil, so calling one fails as in app_lua", function()
      assert.is_nil(KSR.no_such_function)
      assert.is_nil(KSR.tm.no_such_function)
      assert.is_nil(KSR.no_such_module)
      assert.has_error(function() KSR.tm.no_such_function() end)
    end)

    it("can load only the modules kamailio.cfg loads, core, hdr, pv and x always", function()
      local partial = fake_ksr.new({ modules = { "tm" } })
      assert.is_table(partial.KSR.tm)
      assert.is_nil(partial.KSR.sl)
      assert.is_nil(partial.KSR.dispatcher)
      assert.is_table(partial.KSR.pv)
      assert.is_table(partial.KSR.x)
      assert.is_table(partial.KSR.hdr)
      assert.is_function(partial.KSR.info)
      assert.has_error(function() fake_ksr.new({ modules = { "no_such_module" } }) end)
    end)

    it("gives each new fake its own tables", function()
      local other = fake_ksr.new()
      assert.are_not.equal(fake.KSR, other.KSR)
      assert.are_not.equal(fake.KSR.tm, other.KSR.tm)
      KSR.tm.t_relay()
      assert.are.equal(0, other:called("tm.t_relay"))
    end)
  end)

  describe("default results", function()
    it("int: 1 (a number)", function()
      assert.are.equal(1, KSR.tm.t_relay())
      assert.are.equal(1, KSR.sl.sl_send_reply(200, "OK"))
    end)

    it("bool: true", function()
      assert.is_true(KSR.is_myself_ruri())
    end)

    it("xval: one nil", function()
      assert.are.equal(1, count(KSR.hdr.get("Via")))
      assert.is_nil(KSR.hdr.get("Via"))
    end)

    it("none: no value", function()
      assert.are.equal(0, count(KSR.info("hello\n")))
      assert.are.equal(0, count(KSR.x.probe()))
    end)

    it("str: empty string (no 5.6.3 export returns str: checked with an export table of our own)", function()
      local custom = fake_ksr.new({
        exports = { [""] = { name = { ret = "str", params = {} } }, x = fake_ksr.exports().x },
      })
      assert.are.equal("", custom.KSR.name())
    end)

    it("every function of the data answers with its type when called correctly", function()
      local samples = { int = 7, str = "$var(s)", ["...str"] = "v" }
      for module, fns in pairs(fake_ksr.exports()) do
        for name, spec in pairs(fns) do
          if not spec.exits then
            local args = {}
            for i, p in ipairs(spec.params) do args[i] = samples[p] end
            local target = module == "" and KSR or KSR[module]
            local n = #args
            local results = { n = count(target[name](unpack(args, 1, n))) }
            results[1] = target[name](unpack(args, 1, n))
            local what = module .. "." .. name
            if spec.ret == "int" then
              assert.is_number(results[1], what)
            elseif spec.ret == "bool" then
              assert.is_boolean(results[1], what)
            elseif spec.ret == "none" then
              assert.are.equal(0, results.n, what)
            elseif spec.ret == "xval" then
              local t = type(results[1])
              assert.is_truthy(t == "nil" or t == "string" or t == "number", what)
            end
          end
        end
      end
      assert.are.same({}, fake.errors)
    end)
  end)

  describe("KSR.x.exit and KSR.x.drop", function()
    it("raise exactly ~~ksr~exit~~, with no position prefix", function()
      local ok, err = pcall(KSR.x.exit)
      assert.is_false(ok)
      assert.are.equal("~~ksr~exit~~", err)
      ok, err = pcall(function() KSR.x.exit() end)
      assert.are.equal("~~ksr~exit~~", err)
      ok, err = pcall(KSR.x.drop)
      assert.is_false(ok)
      assert.are.equal("~~ksr~exit~~", err)
      assert.are.equal(fake_ksr.EXIT, err)
    end)

    it("are recorded; drop marks the message dropped", function()
      pcall(KSR.x.exit)
      assert.is_false(fake.dropped)
      pcall(KSR.x.drop)
      assert.is_true(fake.dropped)
      assert.are.same({ "x.exit", "x.drop" }, fake:sequence())
    end)

    it("cannot be scripted", function()
      assert.has_error(function() fake:returns("x.exit", 1) end)
    end)
  end)

  describe("argument misuse", function()
    it("missing arguments: an error logged and false, as in Kamailio", function()
      assert.is_false(KSR.sl.sl_send_reply(200))
      assert.are.equal(1, #fake.errors)
      assert.matches("not enough parameters for: sl.sl_send_reply", fake.errors[1], 1, true)
    end)

    it("arguments to a function that takes none: an error logged and false", function()
      assert.is_false(KSR.tm.t_relay("sip:x@example.com"))
      assert.matches("invalid parameters for: tm.t_relay", fake.errors[1], 1, true)
    end)

    it("extra arguments: an error logged and false (stricter than Kamailio)", function()
      assert.is_false(KSR.sl.sl_send_reply(200, "OK", "extra"))
      assert.matches("too many parameters for: sl.sl_send_reply", fake.errors[1], 1, true)
    end)

    it("wrong types: an error logged and false (Kamailio would coerce silently)", function()
      assert.is_false(KSR.sl.sl_send_reply("OK", 200))
      assert.matches("invalid parameter 1 for: sl.sl_send_reply (expected int", fake.errors[1], 1, true)
      assert.is_false(KSR.sl.sl_send_reply(200, nil))
      assert.matches("invalid parameter 2 for: sl.sl_send_reply (expected str", fake.errors[2], 1, true)
      assert.is_false(KSR.maxfwd.process_maxfwd(70.5))
      assert.matches("non-integral", fake.errors[3], 1, true)
      assert.is_false(KSR.info({}))
      assert.are.equal(4, #fake.errors)
    end)

    it("what Kamailio converts faithfully is accepted: a number for str, a numeric string for int", function()
      assert.are.equal(1, KSR.sl.sl_send_reply("404", 404))
      assert.are.same({}, fake.errors)
    end)

    it("variadic parameters (KSR.x.modf)", function()
      assert.are.equal(1, KSR.x.modf("append_hf", "X-A: 1\r\n"))
      assert.are.equal(1, KSR.x.modf("sl_send_reply", "200", "OK"))
      assert.are.equal(1, KSR.x.modf("t_relay"))
      assert.are.same({}, fake.errors)
      assert.is_false(KSR.x.modf())
      assert.is_false(KSR.x.modf("f", true))
      assert.are.equal(2, #fake.errors)
    end)

    it("a misused call ignores its scripted result and is still recorded", function()
      fake:returns("sl.sl_send_reply", -1)
      assert.is_false(KSR.sl.sl_send_reply(200))
      local call = fake:calls_of("sl.sl_send_reply")[1]
      assert.are.same({ 200 }, call.args)
      assert.is_string(call.error)
    end)
  end)

  describe("KSR.pv on fake.pv", function()
    it("get: the value, nil when unset", function()
      fake.pv["$rm"] = "INVITE"
      fake.pv["$rs"] = 200
      assert.are.equal("INVITE", KSR.pv.get("$rm"))
      assert.are.equal(200, KSR.pv.get("$rs"))
      assert.is_nil(KSR.pv.get("$rU"))
      assert.are.equal(1, count(KSR.pv.get("$rU")))
    end)

    it("gete: \"\" when unset", function()
      assert.are.equal("", KSR.pv.gete("$rU"))
      fake.pv["$rU"] = "alice"
      assert.are.equal("alice", KSR.pv.gete("$rU"))
    end)

    it("getw: \"<null>\" when unset", function()
      assert.are.equal("<null>", KSR.pv.getw("$rU"))
      fake.pv["$rU"] = "alice"
      assert.are.equal("alice", KSR.pv.getw("$rU"))
    end)

    it("geti: the integer, 0 when unset or not a number", function()
      assert.are.equal(0, KSR.pv.geti("$var(n)"))
      fake.pv["$var(n)"] = 42
      assert.are.equal(42, KSR.pv.geti("$var(n)"))
      fake.pv["$var(n)"] = "-17"
      assert.are.equal(-17, KSR.pv.geti("$var(n)"))
      fake.pv["$var(n)"] = "abc"
      assert.are.equal(0, KSR.pv.geti("$var(n)"))
    end)

    it("getvn / getvs: the default when unset", function()
      assert.are.equal(5, KSR.pv.getvn("$var(n)", 5))
      assert.are.equal("dflt", KSR.pv.getvs("$var(s)", "dflt"))
      fake.pv["$var(n)"] = 9
      fake.pv["$var(s)"] = "set"
      assert.are.equal(9, KSR.pv.getvn("$var(n)", 5))
      assert.are.equal("set", KSR.pv.getvs("$var(s)", "dflt"))
    end)

    it("sets / seti / unset / is_null", function()
      assert.is_true(KSR.pv.is_null("$var(x)"))
      assert.is_true(KSR.pv.sets("$var(x)", "hello"))
      assert.are.equal("hello", fake.pv["$var(x)"])
      assert.is_false(KSR.pv.is_null("$var(x)"))
      assert.is_true(KSR.pv.seti("$var(i)", 12))
      assert.are.equal(12, KSR.pv.get("$var(i)"))
      assert.is_true(KSR.pv.sets("$var(s)", 5))
      assert.are.equal("5", fake.pv["$var(s)"])
      assert.is_true(KSR.pv.unset("$var(x)"))
      assert.is_nil(fake.pv["$var(x)"])
      assert.is_true(KSR.pv.is_null("$var(x)"))
      assert.are.same({}, fake.errors)
    end)

    it("logs an invalid pv name and answers as for null", function()
      assert.are.equal("", KSR.pv.gete("rm"))
      assert.are.equal("<null>", KSR.pv.getw("rm"))
      assert.matches("invalid pv [rm]", fake.errors[1], 1, true)
    end)

    it("checks arguments like any export", function()
      assert.is_false(KSR.pv.sets("$var(x)"))
      assert.is_false(KSR.pv.get())
      assert.are.equal(2, #fake.errors)
      assert.is_nil(fake.pv["$var(x)"])
    end)

    it("rejects a test that stores a value no pv can hold", function()
      fake.pv["$var(x)"] = true
      assert.has_error(function() KSR.pv.get("$var(x)") end)
    end)

    it("can be scripted like any export", function()
      fake:returns("pv.gete", "scripted")
      assert.are.equal("scripted", KSR.pv.gete("$rm"))
    end)
  end)

  describe("scripting results", function()
    it("a value", function()
      fake:returns("maxfwd.process_maxfwd", -1)
      assert.are.equal(-1, KSR.maxfwd.process_maxfwd(70))
      assert.are.equal(-1, KSR.maxfwd.process_maxfwd(70))
    end)

    it("a function, given the call's arguments", function()
      fake:returns("tm.t_check_status", function(re)
        return re == "408|5[0-9][0-9]" and 1 or -1
      end)
      assert.are.equal(1, KSR.tm.t_check_status("408|5[0-9][0-9]"))
      assert.are.equal(-1, KSR.tm.t_check_status("486"))
    end)

    it("a sequence, the last value repeating", function()
      fake:returns_seq("dispatcher.ds_next_dst", { 1, 1, -1 })
      assert.are.equal(1, KSR.dispatcher.ds_next_dst())
      assert.are.equal(1, KSR.dispatcher.ds_next_dst())
      assert.are.equal(-1, KSR.dispatcher.ds_next_dst())
      assert.are.equal(-1, KSR.dispatcher.ds_next_dst())
    end)

    it("a function that raises, e.g. to simulate the real exit", function()
      fake:returns("tm.t_relay", function() error("boom", 0) end)
      assert.has_error(function() KSR.tm.t_relay() end, "boom")
    end)

    it("accepts KSR.-prefixed and core names", function()
      fake:returns("KSR.tm.t_relay", -1)
      fake:returns("is_myself_ruri", false)
      assert.are.equal(-1, KSR.tm.t_relay())
      assert.is_false(KSR.is_myself_ruri())
    end)

    it("refuses a result the KEMI type cannot have", function()
      assert.has_error(function() fake:returns("tm.t_relay", true) end)
      assert.has_error(function() fake:returns("is_myself_ruri", 1) end)
      assert.has_error(function() fake:returns("info", 1) end)
      fake:returns("tm.t_relay", function() return "1" end)
      assert.has_error(function() KSR.tm.t_relay() end)
    end)

    it("refuses names that are not KEMI exports", function()
      assert.has_error(function() fake:returns("tm.t_rely", 1) end)
      assert.has_error(function() fake:called("sl.send_rply") end)
      assert.has_error(function() fake:call_args("nope", 1) end)
    end)
  end)

  describe("recording calls", function()
    it("in order, with their arguments", function()
      KSR.rr.record_route()
      KSR.dispatcher.ds_select_dst(1, 8)
      KSR.tm.t_relay()
      KSR.dispatcher.ds_select_dst(2, 4)
      assert.are.same({ "rr.record_route", "dispatcher.ds_select_dst", "tm.t_relay",
        "dispatcher.ds_select_dst" }, fake:sequence())
      assert.are.same({ "rr.record_route", "tm.t_relay" },
        fake:sequence({ "rr.record_route", "tm.t_relay" }))
      assert.are.equal(2, fake:called("dispatcher.ds_select_dst"))
      assert.are.equal(0, fake:called("sl.sl_send_reply"))
      assert.are.same({ 1, 8 }, fake:call_args("dispatcher.ds_select_dst"))
      assert.are.same({ 2, 4 }, fake:call_args("dispatcher.ds_select_dst", 2))
      assert.are.same({ 2, 4 }, fake:call_args("dispatcher.ds_select_dst", -1))
      assert.is_nil(fake:call_args("dispatcher.ds_select_dst", 3))
      assert.are.equal("tm.t_relay", fake.calls[3].fn)
      assert.are.equal(1, fake.calls[3].result)
    end)

    it("keeps nil arguments and their count", function()
      KSR.sl.sl_send_reply(200, nil)
      local args, n = fake:call_args("sl.sl_send_reply")
      assert.are.equal(2, n)
      assert.are.equal(200, args[1])
    end)

    it("core functions under their bare name", function()
      KSR.info("x\n")
      assert.are.equal(1, fake:called("info"))
      assert.are.equal(1, fake:called("KSR.info"))
      assert.are.same({ "x\n" }, fake:call_args("info"))
    end)
  end)

  describe("reset", function()
    it("forgets calls, errors, pvs, scripts, drop; restores removed modules; keeps the tables", function()
      local ksr, pv, calls, errors = fake.KSR, fake.pv, fake.calls, fake.errors
      local tm = KSR.tm
      fake.pv["$rm"] = "INVITE"
      fake:returns("tm.t_relay", -1)
      KSR.tm.t_relay()
      KSR.sl.sl_send_reply(200)
      pcall(KSR.x.drop)
      KSR.dispatcher = nil
      fake:reset()
      assert.are.equal(ksr, fake.KSR)
      assert.are.equal(pv, fake.pv)
      assert.are.equal(calls, fake.calls)
      assert.are.equal(errors, fake.errors)
      assert.are.same({}, fake.calls)
      assert.are.same({}, fake.errors)
      assert.is_nil(next(fake.pv))
      assert.is_false(fake.dropped)
      assert.is_table(KSR.dispatcher)
      assert.are.equal(1, KSR.tm.t_relay())
      assert.are_not.equal(tm, KSR.tm)
    end)
  end)

  describe("run", function()
    it("\"return\" when the route returns", function()
      assert.are.equal("return", fake.run(function() KSR.tm.t_relay() end))
    end)

    it("\"exit\" when the route ends with KSR.x.exit or KSR.x.drop", function()
      assert.are.equal("exit", fake.run(function() KSR.x.exit() end))
      assert.are.equal("exit", fake.run(function() KSR.x.drop() end))
      assert.are.equal("exit", fake_ksr.run(function() KSR.x.exit() end))
    end)

    it("raises any other error again, unchanged", function()
      assert.has_error(function() fake.run(function() error("boom", 0) end) end, "boom")
      local object = { reason = "table error" }
      local ok, err = pcall(fake.run, function() error(object) end)
      assert.is_false(ok)
      assert.are.equal(object, err)
      assert.has_error(function()
        fake.run(function() error("~~ksr~exit~~ but not quite", 0) end)
      end, "~~ksr~exit~~ but not quite")
    end)

    it("works as fake:run and with a global's name", function()
      assert.are.equal("exit", fake:run(function() KSR.x.exit() end))
      _G.fake_ksr_spec_route = function() KSR.x.exit() end
      assert.are.equal("exit", fake.run("fake_ksr_spec_route"))
      _G.fake_ksr_spec_route = nil
      assert.has_error(function() fake.run("fake_ksr_spec_route") end)
    end)
  end)

  it("installs itself as the global KSR", function()
    local previous = _G.KSR
    fake:install()
    assert.are.equal(fake.KSR, _G.KSR)
    _G.KSR = previous
  end)
end)
