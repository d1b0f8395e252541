-- Route logic of the compiled bundle lua-out/kamailio.lua, run against the fake KSR.
-- The bundle is loaded with dofile, as app_lua loads it, into a fresh fake for every test.
-- Build it first (npm run build); this spec does not compile TypeScript.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local rateable = require("billing_fixture")

local bundle = require("bundle")
local BUNDLE, ROUTES, clear_globals = bundle.PATH, bundle.ROUTES, bundle.clear_globals

local fake

--- Installs a fresh fake as the global KSR (minus `without` modules) and loads the bundle.
local function load_bundle(without)
  fake = fake_ksr.new()
  for _, module in ipairs(without or {}) do fake.KSR[module] = nil end
  return bundle.load(fake)
end

--- Runs a route; no route may misuse a KSR function (wrong argument count or type).
local function run(route)
  local how = fake.run(route)
  assert.are.same({}, fake.errors)
  return how
end

--- What Kamailio's pseudo-variables give for a well-formed request over UDP.
local function request(method)
  fake.pv["$rm"] = method
  fake.pv["$pr"] = "udp"
  fake.pv["$cl"] = 0
  fake.pv["$mb"] = method .. " sip:13545769997@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n"
end

--- The same request with another Request-Line (no CRLF) and the rest of the message kept.
local function request_line(line)
  fake.pv["$mb"] = line .. "\r\nContent-Length: 0\r\n\r\n"
end

--- A request that is not a retransmission and has no To-tag (an initial request). The fake's
--- default int result is 1, which for these three would mean "retransmission"/"in dialog".
local function initial(method)
  request(method)
  rateable(fake)
  fake:returns("tmx.t_precheck_trans", -1)
  fake:returns("tm.t_check_trans", -1)
  fake:returns("siputils.has_totag", -1)
end

--- A request with a To-tag, not a retransmission.
local function in_dialog(method)
  request(method)
  fake:returns("tmx.t_precheck_trans", -1)
  fake:returns("tm.t_check_trans", -1)
  fake:returns("siputils.has_totag", 1)
end

local function assert_not_relayed()
  assert.are.equal(0, fake:called("tm.t_relay"))
end

local function assert_ended_with_exit()
  assert.are.equal("x.exit", fake.calls[#fake.calls].fn)
end

--- The names of the pseudo-variables read (pv.get*), in order.
local function pv_reads()
  local names = {}
  for _, call in ipairs(fake.calls) do
    if call.fn:match("^pv%.get") then names[#names + 1] = call.args[1] end
  end
  return names
end

--- How many times the pseudo-variable `name` was read.
local function reads_of(name)
  local count = 0
  for _, read in ipairs(pv_reads()) do
    if read == name then count = count + 1 end
  end
  return count
end

--- The arguments of every call to `fn`, in order.
local function args_of(fn)
  local list = {}
  for _, call in ipairs(fake:calls_of(fn)) do
    list[#list + 1] = call.args
  end
  return list
end

local function replies()
  return args_of("sl.sl_send_reply")
end

describe("lua-out/kamailio.lua", function()
  after_each(clear_globals)

  describe("loading", function()
    it("defines the route globals and calls no KSR function", function()
      local ok, err = load_bundle()
      assert.is_true(ok, err)
      for _, name in ipairs(ROUTES) do assert.is_function(_G[name], name) end
      assert.are.same({}, fake.calls)
    end)

    it("needs nothing outside itself (no require of another file)", function()
      clear_globals()
      fake = fake_ksr.new()
      _G.KSR = fake.KSR
      local real_require = _G.require
      local asked = {}
      _G.require = function(name)
        asked[#asked + 1] = name
        error("bundle required " .. tostring(name))
      end
      local ok, err = pcall(dofile, BUNDLE)
      _G.require = real_require
      assert.is_true(ok, err)
      assert.are.same({}, asked)
    end)

    it("fails when kamailio.cfg lacks dispatcher, naming loadmodule \"dispatcher.so\"", function()
      local ok, err = load_bundle({ "dispatcher" })
      assert.is_false(ok)
      assert.are.equal(
        'kamailio-ts: kamailio.cfg is missing loadmodule "dispatcher.so" (for KSR.dispatcher)', err)
      for _, name in ipairs(ROUTES) do assert.is_nil(_G[name], name) end
    end)

    it("names every missing module in one message", function()
      local ok, err = load_bundle({ "tm", "tmx" })
      assert.is_false(ok)
      assert.matches('loadmodule "tm.so" (for KSR.tm)', err, 1, true)
      assert.matches('loadmodule "tmx.so" (for KSR.tmx)', err, 1, true)
    end)

    it("checks every module the bundle's code calls, and only those", function()
      local source = assert(io.open(BUNDLE)):read("*a")
      local exports = fake_ksr.exports()
      local used = {}
      for module, name in source:gmatch("KSR%.([%a_][%w_]*)%.([%a_][%w_]*)") do
        assert.is_table(exports[module], "KSR." .. module .. " is not a KEMI module")
        assert.is_table(exports[module][name], "KSR." .. module .. "." .. name .. " is not a KEMI export")
        if not fake_ksr.ALWAYS_PRESENT[module] then used[module] = true end
      end
      assert.is_true(used.tm and used.dispatcher and true or false)
      -- overrides.json: module files that are not <name>.so
      local files = { pvx = "pv.so", kx = "kemix.so" }
      -- scripts/used-modules.mjs CLUSTER_ONLY_MODULES: loaded and called in cluster mode only
      local cluster_only = { dmq = true }
      for module in pairs(exports) do
        if not fake_ksr.ALWAYS_PRESENT[module] then
          local ok, err = load_bundle({ module })
          if used[module] and not cluster_only[module] then
            assert.is_false(ok, "loads without KSR." .. module)
            assert.matches('loadmodule "' .. (files[module] or module .. ".so") .. '" (for KSR.'
              .. module .. ")", err, 1, true)
          else
            assert.is_true(ok, "needs KSR." .. module .. " it never calls: " .. tostring(err))
          end
        end
      end
    end)
  end)

  describe("routes", function()
    before_each(function()
      local ok, err = load_bundle()
      assert(ok, err)
    end)

    describe("ksr_request_route: initial checks", function()
      it("answers 483 and stops when Max-Forwards is exhausted", function()
        initial("INVITE")
        fake:returns("maxfwd.process_maxfwd", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ 70 }, fake:call_args("maxfwd.process_maxfwd"))
        assert.are.same({ { 483, "Too Many Hops" } }, replies())
        assert.are.equal(0, fake:called("sanity.sanity_check"))
        assert_not_relayed()
        assert_ended_with_exit()
      end)

      it("stops without a reply of its own when sanity_check fails", function()
        initial("INVITE")
        fake:returns("sanity.sanity_check", -1)
        assert.are.equal("exit", run(ksr_request_route))
        -- 17895 (sample kamailio.cfg) + 512 (Proxy-Require) - 2 (Request-URI scheme); URI checks:
        -- the Request-URI only
        assert.are.same({ 18405, 1 }, fake:call_args("sanity.sanity_check"))
        assert.are.same({}, replies())
        assert_not_relayed()
        assert.are.equal(0, fake:called("tmx.t_precheck_trans"))
        assert_ended_with_exit()
      end)

      it("reads the message body ($mb) once", function()
        initial("INVITE")
        run(ksr_request_route)
        assert.are.equal(1, reads_of("$mb"))
      end)
    end)

    describe("ksr_request_route: Request-Line", function()
      local function assert_bad_request_line(line)
        fake:reset()
        initial("INVITE")
        request_line(line)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 400, "Bad Request-Line" } }, replies(), line)
        assert.are.equal(1, fake:called("maxfwd.process_maxfwd"))
        assert.are.equal(0, fake:called("sanity.sanity_check"))
        assert_not_relayed()
        assert_ended_with_exit()
      end

      it("answers 400 to a Request-Line with a trailing space", function()
        assert_bad_request_line("INVITE sip:bob@example.com SIP/2.0 ")
      end)

      it("answers 400 to a Request-Line with a double space", function()
        assert_bad_request_line("INVITE  sip:bob@example.com SIP/2.0")
        assert_bad_request_line("INVITE sip:bob@example.com  SIP/2.0")
      end)

      it("answers 400 to a Request-Line without exactly three SP-separated parts", function()
        assert_bad_request_line(" INVITE sip:bob@example.com SIP/2.0")
        assert_bad_request_line("INVITE\tsip:bob@example.com SIP/2.0")
        assert_bad_request_line("INVITE sip:bob@example.com")
        assert_bad_request_line("INVITE sip:bob@example.com SIP/2.0 extra")
      end)

      it("answers 416 to a Request-URI scheme other than sip, sips or tel", function()
        for _, line in ipairs({
          "INVITE unknown:foo SIP/2.0",
          "INVITE http://example.com/ SIP/2.0",
        }) do
          fake:reset()
          initial("INVITE")
          request_line(line)
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.same({ { 416, "Unsupported URI Scheme" } }, replies(), line)
          assert.are.equal(0, fake:called("sanity.sanity_check"))
          assert_not_relayed()
          assert_ended_with_exit()
        end
      end)

      it("accepts the sip, sips and tel schemes in any case", function()
        for _, uri in ipairs({
          "sip:bob@example.com", "SIP:bob@example.com", "sips:bob@example.com",
          "SiPs:bob@example.com", "tel:+15551234567", "TEL:+15551234567",
        }) do
          fake:reset()
          initial("INVITE")
          request_line("INVITE " .. uri .. " SIP/2.0")
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.same({}, replies(), uri)
          assert.are.same({ 18405, 1 }, fake:call_args("sanity.sanity_check"))
          assert.are.equal(1, fake:called("tm.t_relay"), uri)
        end
      end)
    end)

    describe("ksr_request_route: UDP framing", function()
      local HEAD = "MESSAGE sip:bob@example.com SIP/2.0\r\nContent-Length: 5\r\n\r\n"

      local function message(body, protocol, length)
        initial("MESSAGE")
        fake.pv["$pr"] = protocol
        fake.pv["$cl"] = length
        fake.pv["$mb"] = HEAD .. body
      end

      it("cuts the bytes after the Content-Length body over UDP, then goes on", function()
        message("hello, and bytes that are not part of the message", "udp", 5)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { HEAD .. "hello" } }, args_of("textopsx.msg_set_buffer"))
        assert.are.same({ "textopsx.msg_set_buffer", "maxfwd.process_maxfwd" },
          fake:sequence({ "textopsx.msg_set_buffer", "maxfwd.process_maxfwd" }))
        assert.are.same({}, replies())
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("leaves the message alone when the body is no longer than Content-Length", function()
        message("hello", "udp", 5)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("textopsx.msg_set_buffer"))
        assert.are.equal(1, fake:called("tm.t_relay"))
        fake:reset()
        message("hel", "udp", 5)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("textopsx.msg_set_buffer"))
      end)

      it("leaves the message alone over TCP", function()
        message("hello, and more", "tcp", 5)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("textopsx.msg_set_buffer"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("leaves the message alone without Content-Length", function()
        message("hello, and more", "udp", nil)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("textopsx.msg_set_buffer"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)
    end)

    describe("ksr_request_route: Request-URI headers", function()
      it("answers 400 to a Request-URI with headers, after sanity_check", function()
        initial("INVITE")
        request_line("INVITE sip:bob@example.com?Route=%3Csip:example.com%3E SIP/2.0")
        fake.pv["$(ru{uri.headers})"] = "Route=%3Csip:example.com%3E"
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 400, "Headers Not Allowed In Request-URI" } }, replies())
        assert.are.equal(1, fake:called("sanity.sanity_check"))
        assert.are.equal(0, fake:called("tmx.t_precheck_trans"))
        assert_not_relayed()
        assert_ended_with_exit()
      end)

      it("goes on when the Request-URI has no headers", function()
        initial("INVITE")
        run(ksr_request_route)
        assert.are.equal(1, reads_of("$(ru{uri.headers})"))
        assert.are.same({}, replies())
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)
    end)

    describe("ksr_request_route: keep-alive OPTIONS", function()
      it("answers 200 to OPTIONS for the proxy itself with no user part, and relays nothing", function()
        initial("OPTIONS")
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("is_myself_ruri"))
        assert.are.same({ { 200, "Keepalive" } }, replies())
        assert_not_relayed()
        assert.are.equal(0, fake:called("dispatcher.ds_select_dst"))
        -- the source is checked once, for the screening of untrusted peers; no auth asked
        assert.are.equal(1, fake:called("permissions.allow_source_address"))
        assert.are.equal(0, fake:called("auth_db.auth_check"))
      end)

      it("relays OPTIONS with a user part like any request", function()
        initial("OPTIONS")
        fake.pv["$rU"] = "alice"
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({}, replies())
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("refuses OPTIONS for a domain the proxy does not serve", function()
        initial("OPTIONS")
        fake:returns("is_myself_ruri", false)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 403, "Relaying Forbidden - domain not served" } }, replies())
        assert_not_relayed()
      end)
    end)

    describe("ksr_request_route: new calls", function()
      it("record-routes an INVITE from a trusted source and relays it to the gateways", function()
        initial("INVITE")
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ 1 }, fake:call_args("permissions.allow_source_address"))
        assert.are.same({ 1, 8 }, fake:call_args("dispatcher.ds_select_dst"))
        assert.are.same({
          "permissions.allow_source_address",
          "rr.record_route",
          "dispatcher.ds_select_dst",
          "tm.t_on_reply",
          "tm.t_on_failure",
          "tm.t_relay",
          "x.exit",
        }, fake:sequence({
          "permissions.allow_source_address", "rr.record_route", "dispatcher.ds_select_dst",
          "tm.t_on_reply", "tm.t_on_failure", "tm.t_relay", "sl.sl_send_reply",
          "sl.sl_reply_error", "x.exit",
        }))
        assert.are.same({ "ksr_onreply_manage" }, fake:call_args("tm.t_on_reply"))
        assert.are.same({ "ksr_failure_manage" }, fake:call_args("tm.t_on_failure"))
        assert_ended_with_exit()
      end)

      it("replaces the caller's From host with the domain the call was addressed to", function()
        initial("INVITE")
        fake.pv["$fU"] = "01089672389"
        fake.pv["$rd"] = "proxy.example"
        run(ksr_request_route)
        assert.are.same({ "sip:01089672389@proxy.example" }, fake:call_args("uac.uac_replace_from_uri"))
        fake:reset()
        initial("INVITE")
        fake.pv["$rd"] = "proxy.example"
        run(ksr_request_route)
        assert.are.same({ "sip:proxy.example" }, fake:call_args("uac.uac_replace_from_uri"))
      end)

      it("arms handlers that the bundle defines as globals", function()
        initial("INVITE")
        run(ksr_request_route)
        assert.is_function(_G[fake:call_args("tm.t_on_reply")[1]])
        assert.is_function(_G[fake:call_args("tm.t_on_failure")[1]])
      end)

      it("takes the steps of the KEMI example in order", function()
        initial("INVITE")
        run(ksr_request_route)
        local steps = {
          "maxfwd.process_maxfwd", "sanity.sanity_check", "permissions.allow_source_address",
          "tmx.t_precheck_trans", "tm.t_check_trans", "siputils.has_totag", "is_myself_ruri",
          "dialog.dlg_manage", "mtree.mt_match", "uac.uac_replace_from_uri", "rr.record_route",
          "dispatcher.ds_select_dst", "tm.t_on_reply", "tm.t_on_failure", "tm.t_relay", "x.exit",
        }
        assert.are.same(steps, fake:sequence(steps))
        assert.are.equal(0, fake:called("tm.t_reply"), "not refused")
        -- Each pseudo-variable read once ($cl: once as a string to test presence, once as a number).
        local reads = {}
        for _, name in ipairs(pv_reads()) do reads[name] = (reads[name] or 0) + 1 end
        for name, count in pairs(reads) do assert.are.equal(name == "$cl" and 2 or 1, count, name) end
      end)

      it("record-routes SUBSCRIBE but arms no reply or failure handler for it", function()
        initial("SUBSCRIBE")
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("rr.record_route"))
        assert.are.equal(0, fake:called("tm.t_on_reply"))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("record-routes MESSAGE and hides its From, arming no reply or failure handler", function()
        initial("MESSAGE")
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("uac.uac_replace_from_uri"))
        assert.are.equal(1, fake:called("rr.record_route"))
        assert.are.equal(0, fake:called("tm.t_on_reply"))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("hides the From and record-routes every initial request before choosing a gateway", function()
        for _, method in ipairs({
          "INVITE", "SUBSCRIBE", "MESSAGE", "OPTIONS", "REGISTER", "NOTIFY", "PUBLISH", "REFER",
          "INFO", "UPDATE",
        }) do
          fake:reset()
          initial(method)
          -- OPTIONS with a user part is not a keep-alive; an INVITE is rated, so it dials a number
          fake.pv["$rU"] = method == "INVITE" and "13545769997" or "alice"
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.same({
            "uac.uac_replace_from_uri", "rr.record_route", "dispatcher.ds_select_dst", "tm.t_relay",
          }, fake:sequence({
            "uac.uac_replace_from_uri", "rr.record_route", "dispatcher.ds_select_dst", "tm.t_relay",
          }), method)
          assert.are.same({}, replies(), method)
        end
      end)

      it("relays a request from a trusted source without asking for credentials", function()
        initial("INVITE")
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.equal(0, fake:called("auth.auth_challenge"))
        assert.are.equal(0, fake:called("auth.consume_credentials"))
        assert.are.same({}, replies())
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("answers 403 to an INVITE for a domain the proxy does not serve, audited relay-denied and counted", function()
        initial("INVITE")
        fake.pv["$si"] = "192.0.2.7"
        fake.pv["$sp"] = 5062
        fake.pv["$rU"] = "13545769997"
        fake:returns("is_myself_ruri", false)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 403, "Relaying Forbidden - domain not served" } }, replies())
        assert_not_relayed()
        assert.are.equal(0, fake:called("rr.record_route"))
        assert.are.same({ 'kamailio-ts refused reason=relay-denied ua="" account="" from="" ruri_user="13545769997"'
          .. ' callid="" src=192.0.2.7:5062\n' }, args_of("notice")[1])
        assert.are.same({ { "refusals", "relay-denied" } }, args_of("htable.sht_inc"))
        assert.are.same({ { "ts_refusals_total", 1, "relay-denied" } }, args_of("xhttp_prom.counter_inc_l1"))
      end)

      it("answers 503 when no gateway is available, through the call's transaction (sl.send_reply)", function()
        initial("INVITE")
        fake:returns("dispatcher.ds_select_dst", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 503, "No gateway available" } }, args_of("sl.send_reply"))
        assert.are.same({ "tm.t_newtran", "sl.send_reply" }, fake:sequence({ "tm.t_newtran", "sl.send_reply" }))
        assert_not_relayed()
        assert.are.equal(0, fake:called("tm.t_on_failure"))
      end)

      it("lets sl answer with the error when t_relay fails", function()
        initial("INVITE")
        fake:returns("tm.t_relay", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("sl.sl_reply_error"))
        assert.are.same({ "tm.t_relay", "sl.sl_reply_error", "x.exit" },
          fake:sequence({ "tm.t_relay", "sl.sl_reply_error", "x.exit" }))
      end)
    end)

    describe("ksr_route_auth, through ksr_request_route: callers outside the trusted peers", function()
      --- An initial request from an untrusted source, whose auth_check gives `rc`.
      local function untrusted(method, rc)
        initial(method)
        fake.pv["$fd"] = "caller.example"
        fake:returns("permissions.allow_source_address", -1)
        fake:returns("auth_db.auth_check", rc)
      end

      local function assert_refused(reason)
        assert.are.same({ { 403, reason } }, replies())
        assert.are.equal(0, fake:called("auth.auth_challenge"))
        assert.are.equal(0, fake:called("auth.consume_credentials"))
        assert_not_relayed()
        assert.are.equal(0, fake:called("rr.record_route"))
        assert.are.equal(0, fake:called("dispatcher.ds_select_dst"))
        assert.are.equal(0, fake:called("uac.uac_replace_from_uri"))
        assert_ended_with_exit()
      end

      it("checks the credentials against the subscriber table, realm the From domain, From user = account", function()
        untrusted("INVITE", 1)
        run(ksr_request_route)
        assert.are.same({ { "caller.example", "subscriber", 1 } }, args_of("auth_db.auth_check"))
      end)

      it("consumes the credentials of an authenticated caller, then relays as usual", function()
        untrusted("INVITE", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({}, replies())
        assert.are.equal(0, fake:called("auth.auth_challenge"))
        assert.are.same({
          "permissions.allow_source_address", "auth_db.auth_check", "auth.consume_credentials",
          "is_myself_ruri", "htable.sht_inc", "htable.sht_inc", "dialog.dlg_manage",
          "uac.uac_replace_from_uri", "rr.record_route", "dispatcher.ds_select_dst", "tm.t_relay", "x.exit",
        }, fake:sequence({
          "permissions.allow_source_address", "auth_db.auth_check", "auth.consume_credentials",
          "is_myself_ruri", "htable.sht_inc", "htable.sht_inc", "dialog.dlg_manage",
          "uac.uac_replace_from_uri", "rr.record_route", "dispatcher.ds_select_dst", "tm.t_relay", "x.exit",
          "auth.auth_challenge", "sl.sl_send_reply",
        }))
      end)

      it("takes any positive auth_check result as authenticated", function()
        for _, rc in ipairs({ 1, 2 }) do
          fake:reset()
          untrusted("INVITE", rc)
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.equal(1, fake:called("auth.consume_credentials"), rc)
          assert.are.equal(1, fake:called("tm.t_relay"), rc)
        end
      end)

      it("still refuses an authenticated caller's request for a domain the proxy does not serve, naming the account", function()
        untrusted("INVITE", 1)
        fake.pv["$au"] = "1001"
        fake:returns("is_myself_ruri", false)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 403, "Relaying Forbidden - domain not served" } }, replies())
        assert.matches('^kamailio%-ts refused reason=relay%-denied ua="" account="1001" ', fake:call_args("notice")[1])
        assert_not_relayed()
      end)

      it("answers 403 when the authenticated account is not the From user (-8)", function()
        untrusted("INVITE", -8)
        assert.are.equal("exit", run(ksr_request_route))
        assert_refused("Forbidden - From user is not the authenticated account")
      end)

      it("answers 403 to a wrong password (-2) and to an unknown user (-3), without a new challenge", function()
        for _, rc in ipairs({ -2, -3 }) do
          fake:reset()
          untrusted("INVITE", rc)
          assert.are.equal("exit", run(ksr_request_route), rc)
          assert_refused("Forbidden - wrong credentials")
          -- audited and counted per reason, counted per source address, compared with maxretry
          -- (under it: 403)
          assert.are.same({
            "auth_db.auth_check", "notice", "htable.sht_inc", "xhttp_prom.counter_inc_l1", "htable.sht_inc",
            "kx.get_defn", "sl.sl_send_reply", "x.exit",
          }, fake:sequence({
            "auth_db.auth_check", "notice", "htable.sht_inc", "xhttp_prom.counter_inc_l1", "kx.get_defn",
            "htable.sht_seti", "htable.sht_rm", "sl.sl_send_reply", "x.exit", "x.drop",
          }), rc)
          assert.are.same({ { "refusals", "auth-failure" }, { "authfail", "" } }, args_of("htable.sht_inc"), rc)
        end
      end)

      it("challenges (realm the From domain, no qop) when credentials are missing, stale or unusable", function()
        -- -5 no credentials, -4 stale nonce, -6 nonce reused, -1 error (e.g. malformed header)
        for _, rc in ipairs({ -5, -4, -6, -1 }) do
          fake:reset()
          untrusted("INVITE", rc)
          assert.are.equal("exit", run(ksr_request_route), rc)
          assert.are.same({ { "caller.example", 0 } }, args_of("auth.auth_challenge"), rc)
          assert.are.same({}, replies(), rc)
          assert.are.equal(0, fake:called("auth.consume_credentials"), rc)
          assert_not_relayed()
          assert.are.equal(0, fake:called("rr.record_route"), rc)
          assert.are.equal(0, fake:called("dispatcher.ds_select_dst"), rc)
          assert.are.same({ "auth.auth_challenge", "x.exit" }, fake:sequence({ "auth.auth_challenge", "x.exit" }), rc)
          -- a challenge is never a failure: nothing counted, nothing logged
          assert.are.equal(0, fake:called("htable.sht_inc"), rc)
          assert.are.equal(0, fake:called("htable.sht_seti"), rc)
          assert.are.equal(0, fake:called("notice"), rc)
          assert_ended_with_exit()
        end
      end)

      it("challenges a REGISTER the same way (auth_challenge answers 401 to REGISTER itself)", function()
        untrusted("REGISTER", -5)
        fake.pv["$rU"] = "alice"
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { "caller.example", 0 } }, args_of("auth.auth_challenge"))
        assert_not_relayed()
      end)

      it("asks no credentials of CANCEL, in-dialog requests or keep-alive OPTIONS", function()
        request("CANCEL")
        fake:returns("permissions.allow_source_address", -1)
        fake:returns("tm.t_check_trans", 1)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.equal(1, fake:called("tm.t_relay"))

        fake:reset()
        in_dialog("BYE")
        fake:returns("permissions.allow_source_address", -1)
        fake:returns("rr.loose_route", 1)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.equal(1, fake:called("tm.t_relay"))

        fake:reset()
        initial("OPTIONS")
        fake:returns("permissions.allow_source_address", -1)
        run(ksr_request_route)
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.same({ { 200, "Keepalive" } }, replies())
      end)
    end)

    describe("ksr_request_route: CANCEL and retransmissions", function()
      it("relays a CANCEL that matches a transaction", function()
        request("CANCEL")
        fake:returns("tm.t_check_trans", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("tm.t_relay"))
        assert.are.same({}, replies())
        assert.are.equal(0, fake:called("tmx.t_precheck_trans"))
        assert.are.equal(0, fake:called("siputils.has_totag"))
        assert.are.equal(1, fake:called("permissions.allow_source_address"))
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.equal(0, fake:called("dispatcher.ds_select_dst"))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
      end)

      it("stops on a CANCEL that matches no transaction, without relaying it", function()
        request("CANCEL")
        fake:returns("tm.t_check_trans", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert_not_relayed()
        assert.are.same({}, replies())
      end)

      it("still applies the Max-Forwards check to CANCEL", function()
        request("CANCEL")
        fake:returns("maxfwd.process_maxfwd", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 483, "Too Many Hops" } }, replies())
        assert.are.equal(0, fake:called("tm.t_check_trans"))
      end)

      it("absorbs a retransmission of a transaction still being created", function()
        initial("INVITE")
        fake:returns("tmx.t_precheck_trans", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("tm.t_check_trans"))
        assert_not_relayed()
        assert.are.same({}, replies())
        assert.are.equal(0, fake:called("siputils.has_totag"))
      end)

      it("stops when t_check_trans returns 0 (tm handled a known transaction)", function()
        initial("INVITE")
        fake:returns("tm.t_check_trans", 0)
        assert.are.equal("exit", run(ksr_request_route))
        assert_not_relayed()
        assert.are.equal(0, fake:called("siputils.has_totag"))
      end)
    end)

    describe("ksr_request_route: in-dialog requests", function()
      it("relays a request that loose_route routes, arming the reply handler for BYE", function()
        in_dialog("BYE")
        fake:returns("rr.loose_route", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("tm.t_relay"))
        assert.are.same({ "ksr_onreply_manage" }, fake:call_args("tm.t_on_reply"))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
        assert.are.same({}, replies())
        -- in-dialog requests skip the new-call path: no authentication
        assert.are.equal(1, fake:called("permissions.allow_source_address"))
        assert.are.equal(0, fake:called("auth_db.auth_check"))
        assert.are.equal(0, fake:called("rr.record_route"))
        assert.are.equal(0, fake:called("dispatcher.ds_select_dst"))
      end)

      it("arms the failure handler for a re-INVITE", function()
        in_dialog("INVITE")
        fake:returns("rr.loose_route", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ "ksr_failure_manage" }, fake:call_args("tm.t_on_failure"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("answers 404 to a request that loose_route does not route, a BYE of no known dialog among them", function()
        for _, method in ipairs({ "BYE", "INFO" }) do
          in_dialog(method)
          fake:returns("rr.loose_route", -1)
          fake:returns("dialog.dlg_get", -1)
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.same({ { 404, "Not here" } }, replies())
          assert_not_relayed()
          assert.are.equal(0, fake:called("dialog.dlg_bye"))
          fake:reset()
        end
      end)

      it("ends the dialog of a BYE it cannot route (topos' state out of reach): 200, BYE to the other side", function()
        for _, case in ipairs({ { from_tag = "caller-tag", side = "callee" }, { from_tag = "callee-tag", side = "caller" } }) do
          in_dialog("BYE")
          fake.pv["$ft"] = case.from_tag
          fake.pv["$dlg(from_tag)"] = "caller-tag"
          fake:returns("rr.loose_route", -1)
          fake:returns("dialog.dlg_get", 1)
          assert.are.equal("exit", run(ksr_request_route))
          assert.are.same({ { 200, "OK" } }, replies())
          assert.are.same({ case.side }, fake:call_args("dialog.dlg_bye"))
          assert.are.same({ "b_bye", "1" }, fake:call_args("dialog.var_sets"))
          assert_not_relayed()
          fake:reset()
        end
      end)

      it("absorbs silently an in-dialog ACK that matches no transaction", function()
        in_dialog("ACK")
        fake:returns("rr.loose_route", -1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({}, replies())
        assert_not_relayed()
        assert.are.equal(0, fake:called("sl.sl_reply_error"))
        -- ACK skips the retransmission checks; t_check_trans runs once, in the in-dialog step
        assert.are.equal(0, fake:called("tmx.t_precheck_trans"))
        assert.are.equal(1, fake:called("tm.t_check_trans"))
      end)

      it("relays an in-dialog ACK that belongs to a transaction, with no handler", function()
        in_dialog("ACK")
        fake:returns("rr.loose_route", -1)
        fake:returns("tm.t_check_trans", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("tm.t_relay"))
        assert.are.equal(0, fake:called("tm.t_on_reply"))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
        assert.are.same({}, replies())
      end)

      it("relays an in-dialog ACK that loose_route routes", function()
        in_dialog("ACK")
        fake:returns("rr.loose_route", 1)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.equal(1, fake:called("tm.t_relay"))
        assert.are.equal(0, fake:called("tm.t_check_trans"))
      end)
    end)

    describe("ksr_failure_manage", function()
      local function failed_branch()
        fake.pv["$rm"] = "INVITE"
        fake.pv["$T_reply_code"] = 503
        fake:returns("tm.t_is_canceled", -1)
        fake:returns("tm.t_branch_timeout", -1)
        fake:returns("tm.t_check_status", function(re)
          return re == "408|5[0-9][0-9]" and 1 or -1
        end)
        fake:returns("dispatcher.ds_next_dst", 1)
      end

      it("fails over to the next gateway on 503", function()
        failed_branch()
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.same({ "408|5[0-9][0-9]" }, fake:call_args("tm.t_check_status"))
        assert.are.same({ "dispatcher.ds_next_dst", "tm.t_on_failure", "tm.t_relay", "x.exit" },
          fake:sequence({ "dispatcher.ds_next_dst", "tm.t_on_failure", "tm.t_relay", "x.exit",
            "sl.sl_reply_error" }))
        assert.are.same({ "ksr_failure_manage" }, fake:call_args("tm.t_on_failure"))
      end)

      it("fails over on a branch timeout without checking the status", function()
        failed_branch()
        fake:returns("tm.t_branch_timeout", 1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("tm.t_check_status"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("takes a gateway that never answered out of rotation (inactive, probing)", function()
        failed_branch()
        fake:returns("tm.t_branch_timeout", 1)
        fake:returns("tm.t_branch_replied", -1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.same({ "ip" }, fake:call_args("dispatcher.ds_mark_dst_state"))
        assert.are.equal(1, fake:called("tm.t_relay"))
      end)

      it("keeps a gateway that answered, even late or with 503, in rotation", function()
        failed_branch()
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("dispatcher.ds_mark_dst_state"))
        fake:reset()
        failed_branch()
        fake:returns("tm.t_branch_timeout", 1)
        fake:returns("tm.t_branch_replied", 1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("dispatcher.ds_mark_dst_state"))
      end)

      it("does not fail over when the transaction was canceled", function()
        failed_branch()
        fake:returns("tm.t_is_canceled", 1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("dispatcher.ds_next_dst"))
        assert.are.equal(0, fake:called("tm.t_check_status"))
        assert_not_relayed()
      end)

      it("does not fail over on a final answer such as 486", function()
        failed_branch()
        fake:returns("tm.t_check_status", -1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("dispatcher.ds_next_dst"))
        assert_not_relayed()
      end)

      it("stops when no gateway is left", function()
        failed_branch()
        fake:returns("dispatcher.ds_next_dst", -1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(0, fake:called("tm.t_on_failure"))
        assert_not_relayed()
      end)

      it("lets sl answer with the error when the failover relay fails", function()
        failed_branch()
        fake:returns("tm.t_relay", -1)
        assert.are.equal("exit", run(ksr_failure_manage))
        assert.are.equal(1, fake:called("sl.sl_reply_error"))
      end)
    end)

    describe("reply routes", function()
      it("ksr_reply_route reads nothing to log unless the log level is debug", function()
        fake.pv["$rs"] = 200
        fake:returns("get_debug", 2)
        fake:returns("tm.t_check_trans", 1)
        assert.are.equal("return", run(ksr_reply_route))
        assert.are.equal(0, fake:called("dbg"))
        assert.are.same({}, pv_reads())
        fake:reset()
        fake:returns("get_debug", 2)
        assert.are.equal("return", run(ksr_onreply_manage))
        assert.are.equal(0, fake:called("dbg"))
        assert.are.same({}, pv_reads())
      end)

      it("ksr_reply_route logs a reply that matches a transaction and lets it through", function()
        fake:returns("get_debug", 3)
        fake.pv["$rs"] = 200
        fake.pv["$rr"] = "OK"
        fake.pv["$rm"] = "INVITE"
        fake:returns("tm.t_check_trans", 1)
        assert.are.equal("return", run(ksr_reply_route))
        assert.are.same({ "reply 200 OK for INVITE\n" }, fake:call_args("dbg"))
        assert.are.same({ "dbg", "tm.t_check_trans" },
          fake:sequence({ "dbg", "tm.t_check_trans", "x.drop", "x.exit" }))
        assert.is_false(fake.dropped)
      end)

      it("ksr_reply_route drops a stray reply that matches no transaction", function()
        fake:returns("get_debug", 3)
        fake.pv["$rs"] = 200
        fake.pv["$rr"] = "OK"
        fake.pv["$rm"] = "INVITE"
        fake:returns("tm.t_check_trans", -1)
        assert.are.equal("exit", run(ksr_reply_route))
        assert.are.same({ "reply 200 OK for INVITE\n" }, fake:call_args("dbg"))
        assert.are.same({ "dbg", "tm.t_check_trans", "x.drop" },
          fake:sequence({ "dbg", "tm.t_check_trans", "x.drop", "x.exit" }))
        assert.is_true(fake.dropped)
        assert.are.equal("x.drop", fake.calls[#fake.calls].fn)
        assert.are.equal(0, fake:called("sl.sl_send_reply"))
      end)

      it("ksr_reply_route copes with unset variables", function()
        fake:returns("get_debug", 3)
        assert.are.equal("return", run(ksr_reply_route))
        assert.are.same({ "reply   for \n" }, fake:call_args("dbg"))
      end)

      it("ksr_onreply_manage logs the reply and returns", function()
        fake:returns("get_debug", 3)
        fake.pv["$rs"] = 180
        fake.pv["$si"] = "192.0.2.10"
        assert.are.equal("return", run(ksr_onreply_manage))
        assert.are.same({ "onreply 180 from 192.0.2.10\n" }, fake:call_args("dbg"))
      end)
    end)

    describe("ksr_xhttp_event (HTTP on the TCP listen sockets)", function()
      local function http_route()
        return function() return ksr_xhttp_event("xhttp:request") end
      end

      it("serves GET /metrics with xhttp_prom", function()
        fake:returns("xhttp_prom.check_uri", 1)
        assert.are.equal("return", run(http_route()))
        assert.are.equal(1, fake:called("xhttp_prom.dispatch"))
        assert.are.equal(0, fake:called("xhttp.xhttp_reply"))
      end)

      it("answers any other path 404, without metrics", function()
        fake:returns("xhttp_prom.check_uri", 0)
        assert.are.equal("return", run(http_route()))
        assert.are.same({ { 404, "Not Found", "text/plain", "" } }, args_of("xhttp.xhttp_reply"))
        assert.are.equal(0, fake:called("xhttp_prom.dispatch"))
      end)
    end)
  end)
end)
