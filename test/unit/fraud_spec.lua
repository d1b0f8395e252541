-- Toll-fraud screening of the compiled bundle (src/routes/screen.ts, src/routes/auth.ts'
-- isTrustedSource): floods (pike) and known scanners (regex group 0) from untrusted sources
-- are dropped without a reply and audited, and so are banned addresses (auth-failure banning,
-- src/fraud/banning.ts); new calls past the call rate (src/fraud/velocity.ts) get 503, then
-- ban; past the destination call rate per account and prefix (src/fraud/destination.ts) a
-- warning line, then 403; every refusal is counted per reason (src/routes/audit.ts); trusted
-- peers are exempt. Run against the fake KSR,
-- loaded as routes_spec.lua loads it. Build first (npm run build).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local rateable = require("billing_fixture")

local bundle = require("bundle")
local clear_globals = bundle.clear_globals

local fake

local function load_bundle()
  fake = fake_ksr.new()
  return bundle.load(fake)
end

local function run(route)
  local how = fake.run(route)
  assert.are.same({}, fake.errors)
  return how
end

--- A well-formed request over UDP from 192.0.2.7:5062.
local function request(method, user_agent)
  fake.pv["$rm"] = method
  fake.pv["$pr"] = "udp"
  fake.pv["$cl"] = 0
  fake.pv["$mb"] = method .. " sip:0046701234567@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n"
  fake.pv["$si"] = "192.0.2.7"
  fake.pv["$sp"] = 5062 -- Kamailio gives the port as a number
  fake.pv["$fu"] = "sip:100@192.0.2.7"
  fake.pv["$rU"] = "0046701234567"
  fake.pv["$ci"] = "scan-1@192.0.2.7"
  fake.pv["$ua"] = user_agent
end

--- An initial request (not a retransmission, no To-tag) from a source that is not trusted.
local function untrusted(method, user_agent)
  request(method, user_agent)
  rateable(fake)
  fake:returns("permissions.allow_source_address", -1)
  fake:returns("tmx.t_precheck_trans", -1)
  fake:returns("tm.t_check_trans", -1)
  fake:returns("siputils.has_totag", -1)
end

--- An initial INVITE from the untrusted 192.0.2.7 (not banned, no scanner), authenticated as
--- `account` (auth_check 1; the From user); htable's inc answers `count(table, key)`, the cfg
--- defines are `defines` (a missing one 0: no such limit).
local function authenticated_invite(account, count, defines)
  untrusted("INVITE", "Linphone/5.2.0")
  fake.pv["$fU"] = account
  fake.pv["$au"] = account
  fake:returns("regex.pcre_match_group", -1)
  fake:returns("auth_db.auth_check", 1)
  fake:returns("htable.sht_get", nil)
  fake:returns("htable.sht_inc", count)
  -- other defines (billing's limits: spend, concurrency) high enough never to refuse; a single
  -- proxy (no WITH_CLUSTER)
  fake:returns("kx.get_defn", function(name)
    if name == "WITH_CLUSTER" then return 0 end
    return defines[name] or 1000000
  end)
end

local function trusted(method, user_agent)
  untrusted(method, user_agent)
  fake:returns("permissions.allow_source_address", 1)
end

--- The arguments of every call to `fn`, in order.
local function args_of(fn)
  local list = {}
  for _, call in ipairs(fake:calls_of(fn)) do list[#list + 1] = call.args end
  return list
end

local function replies()
  return args_of("sl.sl_send_reply")
end

local function notices()
  local list = {}
  for _, call in ipairs(fake:calls_of("notice")) do list[#list + 1] = call.args[1] end
  return list
end

--- Dropped: ended by KSR.x.drop, with no reply, no transaction, nothing relayed.
local function assert_dropped_silently()
  assert.is_true(fake.dropped)
  assert.are.equal("x.drop", fake.calls[#fake.calls].fn)
  assert.are.same({}, replies())
  for _, fn in ipairs({ "sl.sl_reply_error", "tm.t_relay", "tmx.t_precheck_trans", "tm.t_check_trans",
    "auth.auth_challenge", "auth_db.auth_check", "dispatcher.ds_select_dst" }) do
    assert.are.equal(0, fake:called(fn), fn)
  end
end

local SCANNER_LINE = 'kamailio-ts refused reason=scanner ua="friendly-scanner" account="" from="sip:100@192.0.2.7"'
  .. ' ruri_user="0046701234567" callid="scan-1@192.0.2.7" src=192.0.2.7:5062\n'

describe("toll-fraud screening (lua-out/kamailio.lua)", function()
  after_each(clear_globals)
  before_each(function()
    local ok, err = load_bundle()
    assert(ok, err)
  end)

  describe("the trust check", function()
    it("asks permissions once per request, right after reqinit, and exempts trusted peers", function()
      trusted("INVITE", "friendly-scanner")
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(1, fake:called("permissions.allow_source_address"))
      assert.are.same({ 1 }, fake:call_args("permissions.allow_source_address"))
      assert.are.same({ "sanity.sanity_check", "permissions.allow_source_address", "tmx.t_precheck_trans" },
        fake:sequence({ "sanity.sanity_check", "permissions.allow_source_address", "tmx.t_precheck_trans" }))
      assert.are.equal(0, fake:called("pike.pike_check_req"))
      assert.are.equal(0, fake:called("regex.pcre_match_group"))
      assert.are.equal(0, fake:called("htable.sht_get"))
      assert.are.equal(0, fake:called("auth_db.auth_check"))
      assert.is_false(fake.dropped)
      assert.are.equal(1, fake:called("tm.t_relay"))
    end)

    it("is used by auth too: an untrusted caller is challenged, the address checked only once", function()
      untrusted("INVITE", "Linphone/5.2.0")
      fake:returns("regex.pcre_match_group", -1)
      fake:returns("auth_db.auth_check", -5) -- no credentials
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(1, fake:called("permissions.allow_source_address"))
      assert.are.equal(1, fake:called("auth.auth_challenge"))
      assert.are.same({}, notices())
      assert.is_false(fake.dropped)
    end)

    it("screens an untrusted source before CANCEL, retransmission and in-dialog handling", function()
      untrusted("INVITE", "Linphone/5.2.0")
      fake:returns("regex.pcre_match_group", -1)
      run(ksr_request_route)
      assert.are.same({
        "sanity.sanity_check", "permissions.allow_source_address", "htable.sht_get", "pike.pike_check_req",
        "regex.pcre_match_group", "tmx.t_precheck_trans", "tm.t_check_trans", "siputils.has_totag",
        "auth_db.auth_check",
      }, fake:sequence({
        "sanity.sanity_check", "permissions.allow_source_address", "htable.sht_get", "pike.pike_check_req",
        "regex.pcre_match_group", "tmx.t_precheck_trans", "tm.t_check_trans", "siputils.has_totag",
        "auth_db.auth_check",
      }))
      assert.are.same({ "ipban", "192.0.2.7" }, fake:call_args("htable.sht_get"))
    end)

    it("does not screen a request that reqinit already refused", function()
      untrusted("INVITE", "friendly-scanner")
      fake:returns("maxfwd.process_maxfwd", -1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({ { 483, "Too Many Hops" } }, replies())
      assert.are.equal(0, fake:called("permissions.allow_source_address"))
      assert.are.equal(0, fake:called("pike.pike_check_req"))
    end)
  end)

  describe("known scanners", function()
    it("are dropped without any reply, matched by the regex module's group 0", function()
      untrusted("INVITE", "friendly-scanner")
      fake:returns("regex.pcre_match_group", 1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({ "friendly-scanner", 0 }, fake:call_args("regex.pcre_match_group"))
      assert_dropped_silently()
    end)

    it("are dropped whatever the method, in dialog or not: OPTIONS, REGISTER, CANCEL, BYE, ACK", function()
      for _, method in ipairs({ "OPTIONS", "REGISTER", "CANCEL", "BYE", "ACK", "MESSAGE" }) do
        fake:reset()
        untrusted(method, "sipvicious 0.3.4")
        fake:returns("siputils.has_totag", (method == "BYE" or method == "ACK") and 1 or -1)
        fake:returns("regex.pcre_match_group", 1)
        assert.are.equal("exit", run(ksr_request_route), method)
        assert_dropped_silently()
        assert.are.equal(1, #notices(), method)
      end
    end)

    it("log one audit line at NOTICE with the request's values, source last", function()
      untrusted("INVITE", "friendly-scanner")
      fake:returns("regex.pcre_match_group", 1)
      run(ksr_request_route)
      assert.are.same({ SCANNER_LINE }, notices())
      assert.are.equal(0, fake:called("info"))
      assert.are.equal(0, fake:called("warn"))
      assert.are.equal(0, fake:called("err"))
    end)

    it("cannot split the audit line or forge a field with a hostile User-Agent", function()
      local hostile = 'friendly-scanner\r\n reason=forged src=6.6.6.6:1 "x'
      untrusted("INVITE", hostile)
      fake.pv["$fu"] = 'sip:a@b\r\nkamailio-ts refused reason=flood src=6.6.6.6:1'
      fake:returns("regex.pcre_match_group", 1)
      run(ksr_request_route)
      local line = notices()[1]
      assert.are.equal(1, #notices())
      assert.is_nil(line:sub(1, -2):find("[\r\n]"))
      assert.are.equal("\n", line:sub(-1))
      assert.matches('^kamailio%-ts refused reason=scanner ua="friendly%-scanner\\x0d\\x0a reason=forged '
        .. 'src=6%.6%.6%.6:1 \\"x" account="" from="', line)
      assert.matches(" src=192%.0%.2%.7:5062\n$", line)
    end)

    it("are not looked for in a request without a User-Agent", function()
      untrusted("INVITE", nil)
      fake:returns("auth_db.auth_check", -5)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(0, fake:called("regex.pcre_match_group"))
      assert.is_false(fake.dropped)
      assert.are.equal(1, fake:called("auth.auth_challenge"))
    end)

    it("a User-Agent outside the list passes, and a regex error (-2, -4) is never taken for a match", function()
      for _, result in ipairs({ -1, -2, -4 }) do
        fake:reset()
        untrusted("INVITE", "Linphone/5.2.0")
        fake:returns("regex.pcre_match_group", result)
        fake:returns("auth_db.auth_check", -5)
        assert.are.equal("exit", run(ksr_request_route), result)
        assert.is_false(fake.dropped, result)
        assert.are.same({}, notices(), result)
        assert.are.equal(1, fake:called("auth.auth_challenge"), result)
      end
    end)
  end)

  describe("floods (pike)", function()
    it("drop a flooding source silently, newly detected (-2) or already blocked (-1)", function()
      for _, result in ipairs({ -2, -1 }) do
        fake:reset()
        untrusted("OPTIONS", "Linphone/5.2.0")
        fake:returns("pike.pike_check_req", result)
        assert.are.equal("exit", run(ksr_request_route), result)
        assert_dropped_silently()
        assert.are.equal(0, fake:called("regex.pcre_match_group"))
        assert.are.same({ 'kamailio-ts refused reason=flood ua="Linphone/5.2.0" account="" from="sip:100@192.0.2.7"'
          .. ' ruri_user="0046701234567" callid="scan-1@192.0.2.7" src=192.0.2.7:5062\n' }, notices())
      end
    end)

    it("let a source under the limit through (pike's 1, also its answer on an internal error)", function()
      untrusted("OPTIONS", "Linphone/5.2.0")
      fake.pv["$rU"] = ""
      fake:returns("pike.pike_check_req", 1)
      fake:returns("regex.pcre_match_group", -1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({ { 200, "Keepalive" } }, replies())
      assert.is_false(fake.dropped)
    end)

    it("never count a trusted peer", function()
      trusted("OPTIONS", "Linphone/5.2.0")
      fake:returns("pike.pike_check_req", -1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(0, fake:called("pike.pike_check_req"))
      assert.is_false(fake.dropped)
    end)
  end)
  describe("auth-failure banning", function()
    local function audit(reason)
      return 'kamailio-ts refused reason=' .. reason .. ' ua="Linphone/5.2.0" account="" from="sip:100@192.0.2.7"'
        .. ' ruri_user="0046701234567" callid="scan-1@192.0.2.7" src=192.0.2.7:5062\n'
    end

    --- Wrong credentials (auth_check -2) from the untrusted 192.0.2.7, its `failures`-th within
    --- findtime, with maxretry `maxretry`.
    local function wrong_password(failures, maxretry)
      untrusted("INVITE", "Linphone/5.2.0")
      fake:returns("regex.pcre_match_group", -1)
      fake:returns("auth_db.auth_check", -2)
      fake:returns("htable.sht_inc", function(table_name) return table_name == "authfail" and failures or 1 end)
      fake:returns("kx.get_defn", maxretry)
    end

    it("the policy, through the bundle's exports: more than maxretry failures ban, never a count below 1", function()
      local api = bundle.exports(fake_ksr.new())
      local ban = api.banAfterFailures
      assert.is_false(ban(1, 5))
      assert.is_false(ban(5, 5))
      assert.is_true(ban(6, 5))
      assert.is_true(ban(200, 5))
      assert.is_true(ban(2, 1))
      assert.is_false(ban(0, 5))
      assert.is_false(ban(-1, 5), "htable's error is no count")
      assert.is_false(ban(6, 0), "no maxretry, no ban")
    end)

    it("counts each wrong credential per source address and answers 403 up to maxretry", function()
      for failures = 1, 3 do
        fake:reset()
        wrong_password(failures, 3)
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 403, "Forbidden - wrong credentials" } }, replies())
        assert.are.same({ { "refusals", "auth-failure" }, { "authfail", "192.0.2.7" } }, args_of("htable.sht_inc"))
        assert.are.same({ "AUTH_MAXRETRY" }, fake:call_args("kx.get_defn"))
        assert.are.equal(0, fake:called("htable.sht_seti"))
        assert.is_false(fake.dropped)
        assert.are.same({ audit("auth-failure") }, notices())
      end
    end)

    it("starts the count at an address's first failure (htable's inc adds no missing item: -1)", function()
      wrong_password(-1, 3)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({ { "authfail", "192.0.2.7", 1 } }, (function()
        local list = {}
        for _, call in ipairs(fake:calls_of("htable.sht_seti")) do list[#list + 1] = call.args end
        return list
      end)())
      assert.are.same({ { 403, "Forbidden - wrong credentials" } }, replies())
      assert.is_false(fake.dropped)
    end)

    it("bans past maxretry: the ban in htable, the counter cleared, two audit lines, the request dropped", function()
      wrong_password(4, 3)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({
        "auth_db.auth_check", "notice", "htable.sht_inc", "htable.sht_inc", "kx.get_defn", "htable.sht_seti",
        "htable.sht_rm", "notice", "htable.sht_inc", "x.drop",
      }, fake:sequence({
        "auth_db.auth_check", "notice", "htable.sht_inc", "kx.get_defn", "htable.sht_seti", "htable.sht_rm",
        "x.drop", "sl.sl_send_reply", "x.exit",
      }))
      assert.are.same({ { "refusals", "auth-failure" }, { "authfail", "192.0.2.7" }, { "refusals", "banned" } },
        args_of("htable.sht_inc"))
      assert.are.same({ "ipban", "192.0.2.7", 1 }, fake:call_args("htable.sht_seti"))
      assert.are.same({ "authfail", "192.0.2.7" }, fake:call_args("htable.sht_rm"))
      assert.are.same({ audit("auth-failure"), audit("banned") }, notices())
      assert.are.same({}, replies())
      assert.is_true(fake.dropped)
    end)

    it("counts the account that is not the From user (-8) and the unknown user (-3) too", function()
      for _, rc in ipairs({ -8, -3 }) do
        fake:reset()
        wrong_password(6, 5)
        fake:returns("auth_db.auth_check", rc)
        assert.are.equal("exit", run(ksr_request_route), rc)
        assert.are.equal(1, fake:called("htable.sht_seti"), rc)
        assert.are.same({ audit("auth-failure"), audit("banned") }, notices(), rc)
      end
    end)

    it("never counts a challenge (no credentials, stale nonce) or an authenticated caller", function()
      for _, rc in ipairs({ -5, -4, -6, -1, 1 }) do
        fake:reset()
        wrong_password(100, 1)
        fake:returns("auth_db.auth_check", rc)
        -- An authenticated call is counted only for its call rate (here well under the limits).
        fake:returns("kx.get_defn", function(name)
          if name == "WITH_CLUSTER" then return 0 end -- a single proxy
          return name == "AUTH_MAXRETRY" and 1 or 1000
        end)
        assert.are.equal("exit", run(ksr_request_route), rc)
        for _, call in ipairs(fake:calls_of("htable.sht_inc")) do
          assert.are_not.equal("authfail", call.args[1], rc)
        end
        assert.are.equal(0, fake:called("htable.sht_seti"), rc)
        assert.are.same({}, notices(), rc)
      end
    end)

    it("drops every request of a banned address without reply, before pike, audited ban-drop", function()
      for _, method in ipairs({ "INVITE", "REGISTER", "OPTIONS", "BYE", "ACK", "CANCEL" }) do
        fake:reset()
        untrusted(method, "Linphone/5.2.0")
        fake:returns("siputils.has_totag", (method == "BYE" or method == "ACK") and 1 or -1)
        fake:returns("htable.sht_get", 1)
        assert.are.equal("exit", run(ksr_request_route), method)
        assert_dropped_silently()
        assert.are.equal(0, fake:called("pike.pike_check_req"), method)
        assert.are.equal(0, fake:called("regex.pcre_match_group"), method)
        assert.are.same({ audit("ban-drop") }, notices(), method)
      end
    end)

    it("never counts nor bans a trusted peer", function()
      trusted("INVITE", "Linphone/5.2.0")
      fake:returns("htable.sht_get", 1)
      fake:returns("auth_db.auth_check", -2)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(0, fake:called("htable.sht_get"))
      assert.are.equal(0, fake:called("htable.sht_inc"))
      assert.are.equal(0, fake:called("auth_db.auth_check"))
      assert.is_false(fake.dropped)
      assert.are.equal(1, fake:called("tm.t_relay"))
    end)
  end)

  describe("call velocity", function()
    local function audit(reason)
      return 'kamailio-ts refused reason=' .. reason .. ' ua="Linphone/5.2.0" account="100" from="sip:100@192.0.2.7"'
        .. ' ruri_user="0046701234567" callid="scan-1@192.0.2.7" src=192.0.2.7:5062\n'
    end
    local LIMITS = { CALL_RATE_LIMIT = 10, CALL_RATE_BAN = 15 }

    --- An authenticated initial INVITE from the untrusted 192.0.2.7 as account 100, whose
    --- source address has made `ip_calls` and account `account_calls` calls this minute
    --- (htable's inc results), with callsPerMinute 10 and banCallsPerMinute 15.
    local function new_call(ip_calls, account_calls)
      authenticated_invite("100", function(_, key)
        if key == "ip:192.0.2.7" then return ip_calls end
        if key == "account:100" then return account_calls end
        return 1
      end, LIMITS)
    end

    it("the policy, through the bundle's exports: more than callsPerMinute refuses, more than banCallsPerMinute bans", function()
      local api = bundle.exports(fake_ksr.new())
      local verdict = api.callRateVerdict
      assert.are.equal("allow", verdict(1, 100, 200))
      assert.are.equal("allow", verdict(100, 100, 200))
      assert.are.equal("refuse", verdict(101, 100, 200))
      assert.are.equal("refuse", verdict(200, 100, 200))
      assert.are.equal("ban", verdict(201, 100, 200))
      assert.are.equal("ban", verdict(2, 1, 1), "equal thresholds: ban at once")
      assert.are.equal("allow", verdict(0, 100, 200))
      assert.are.equal("allow", verdict(-1, 1, 1), "htable's error is no count")
      assert.are.equal("allow", verdict(500, 0, 0), "no limit, no refusal")
      assert.are.equal("refuse", verdict(500, 100, 0), "no ban threshold, no ban")
    end)

    it("counts each new call per source IP and per account, after auth and the domain check, and relays up to the limit", function()
      for calls = 1, 10 do
        fake:reset()
        new_call(calls, calls)
        assert.are.equal("exit", run(ksr_request_route), calls)
        assert.are.same({ { "callrate", "ip:192.0.2.7" }, { "callrate", "account:100" }, { "destrate", "100:86" } },
          args_of("htable.sht_inc"))
        local fraud_defines = {}
        for _, args in ipairs(args_of("kx.get_defn")) do
          if args[1]:match("^CALL_RATE_") or args[1]:match("^PREFIX_RATE_") then fraud_defines[#fraud_defines + 1] = args end
        end
        assert.are.same({ { "CALL_RATE_LIMIT" }, { "CALL_RATE_BAN" }, { "PREFIX_RATE_WARNING" }, { "PREFIX_RATE_CRITICAL" } },
          fraud_defines)
        assert.are.same({}, notices(), calls)
        assert.are.same({}, replies(), calls)
        assert.are.equal(1, fake:called("tm.t_relay"), calls)
      end
      assert.are.same({
        "auth_db.auth_check", "auth.consume_credentials", "is_myself_ruri", "htable.sht_inc", "htable.sht_inc",
        "kx.get_defn", "kx.get_defn", "htable.sht_inc", "kx.get_defn", "kx.get_defn", "uac.uac_replace_from_uri",
        "tm.t_relay",
      }, fake:sequence({
        "auth_db.auth_check", "auth.consume_credentials", "is_myself_ruri", "htable.sht_inc", "htable.sht_inc",
        "kx.get_defn", "kx.get_defn", "uac.uac_replace_from_uri", "tm.t_relay",
      }))
    end)

    it("starts a key's count at its first call in the minute (htable's inc adds no missing item: -1)", function()
      new_call(-1, -1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.same({ { "callrate", "ip:192.0.2.7", 1 }, { "callrate", "account:100", 1 } }, args_of("htable.sht_seti"))
      assert.are.equal(1, fake:called("tm.t_relay"))
    end)

    it("refuses a call past callsPerMinute of the source IP or of the account: 503 with the reason, audited, not relayed", function()
      for _, counts in ipairs({ { 11, 3 }, { 3, 11 }, { 15, 15 } }) do
        fake:reset()
        new_call(counts[1], counts[2])
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({ { 503, "Service Unavailable - call rate exceeded" } }, replies())
        assert.are.same({ audit("call-rate") }, notices())
        assert.are.equal(0, fake:called("htable.sht_seti"))
        assert.are.equal(0, fake:called("tm.t_relay"))
        assert.are.equal(0, fake:called("uac.uac_replace_from_uri"))
        assert.is_false(fake.dropped)
      end
    end)

    it("bans the source IP past banCallsPerMinute (either count): ipban, its counter cleared, two audit lines, dropped", function()
      for _, counts in ipairs({ { 16, 3 }, { 3, 16 } }) do
        fake:reset()
        new_call(counts[1], counts[2])
        assert.are.equal("exit", run(ksr_request_route))
        assert.are.same({
          "htable.sht_inc", "htable.sht_inc", "kx.get_defn", "kx.get_defn", "notice", "htable.sht_inc",
          "htable.sht_seti", "htable.sht_rm", "notice", "htable.sht_inc", "x.drop",
        }, fake:sequence({
          "htable.sht_inc", "htable.sht_inc", "kx.get_defn", "kx.get_defn", "notice", "htable.sht_seti",
          "htable.sht_rm", "notice", "x.drop", "sl.sl_send_reply", "x.exit", "tm.t_relay",
        }))
        assert.are.same({ "ipban", "192.0.2.7", 1 }, fake:call_args("htable.sht_seti"))
        assert.are.same({ "callrate", "ip:192.0.2.7" }, fake:call_args("htable.sht_rm"))
        assert.are.same({ audit("call-rate"), audit("banned") }, notices())
        assert.are.same({}, replies())
        assert.is_true(fake.dropped)
      end
    end)

    it("counts only initial INVITEs: no other method, no in-dialog request, no unauthenticated one", function()
      for _, method in ipairs({ "REGISTER", "OPTIONS", "MESSAGE", "SUBSCRIBE" }) do
        fake:reset()
        new_call(100, 100)
        fake.pv["$rm"] = method
        run(ksr_request_route)
        assert.are.equal(0, fake:called("htable.sht_inc"), method)
      end
      fake:reset()
      new_call(100, 100)
      fake:returns("siputils.has_totag", 1)
      run(ksr_request_route)
      assert.are.equal(0, fake:called("htable.sht_inc"), "re-INVITE")
      fake:reset()
      new_call(100, 100)
      fake:returns("auth_db.auth_check", -5)
      run(ksr_request_route)
      assert.are.equal(0, fake:called("htable.sht_inc"), "challenged")
    end)

    it("never counts nor limits a trusted peer", function()
      new_call(1000, 1000)
      fake:returns("permissions.allow_source_address", 1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(0, fake:called("htable.sht_inc"))
      for _, call in ipairs(fake:calls_of("kx.get_defn")) do assert.is_nil(call.args[1]:match("^CALL_RATE_")) end
      assert.are.same({}, notices())
      assert.are.equal(1, fake:called("tm.t_relay"))
    end)
  end)

  describe("counters per reason", function()
    it("count each refusal once under its reason: htable refusals and the Prometheus counter, after its line", function()
      local cases = {
        { "scanner", function() untrusted("INVITE", "friendly-scanner"); fake:returns("regex.pcre_match_group", 1) end },
        { "flood", function() untrusted("INVITE", "Linphone/5.2.0"); fake:returns("pike.pike_check_req", -1) end },
        { "ban-drop", function() untrusted("INVITE", "Linphone/5.2.0"); fake:returns("htable.sht_get", 1) end },
      }
      for _, case in ipairs(cases) do
        local reason, setup = case[1], case[2]
        fake:reset()
        setup()
        run(ksr_request_route)
        assert.are.same({ { "refusals", reason } }, args_of("htable.sht_inc"), reason)
        assert.are.same({ { "ts_refusals_total", 1, reason } }, args_of("xhttp_prom.counter_inc_l1"), reason)
        assert.are.same({ "notice", "htable.sht_inc", "xhttp_prom.counter_inc_l1", "x.drop" },
          fake:sequence({ "notice", "htable.sht_inc", "xhttp_prom.counter_inc_l1", "x.drop" }), reason)
      end
    end)

    it("count nothing for a request let through", function()
      untrusted("INVITE", "Linphone/5.2.0")
      fake:returns("regex.pcre_match_group", -1)
      fake:returns("auth_db.auth_check", -5)
      run(ksr_request_route)
      assert.are.equal(0, fake:called("htable.sht_inc"))
      assert.are.equal(0, fake:called("xhttp_prom.counter_inc_l1"))
    end)
  end)

  describe("destination call rate (per account and prefix)", function()
    local LEVELS = { PREFIX_RATE_WARNING = 3, PREFIX_RATE_CRITICAL = 5 }

    --- An authenticated initial INVITE of account 1001 to 4930123456 from the untrusted
    --- 192.0.2.7, rated by the deck's prefix 4930, the `calls`-th of 1001 to that prefix this
    --- minute (warning 3, critical 5; no call velocity limit).
    local function new_call(calls)
      authenticated_invite("1001", function(table_name) return table_name == "destrate" and calls or 1 end, LEVELS)
      rateable(fake, "4930")
      fake.pv["$fu"] = "sip:1001@192.0.2.7"
      fake.pv["$rU"] = "4930123456"
    end

    local function line(outcome)
      return 'kamailio-ts ' .. outcome .. ' reason=destination-rate ua="Linphone/5.2.0" account="1001"'
        .. ' from="sip:1001@192.0.2.7" ruri_user="4930123456" callid="scan-1@192.0.2.7" src=192.0.2.7:5062\n'
    end

    it("the policy, through the bundle's exports: more than warning warns, more than critical refuses", function()
      local verdict = bundle.exports(fake_ksr.new()).prefixRateVerdict
      assert.are.equal("ok", verdict(1, 20, 30))
      assert.are.equal("ok", verdict(20, 20, 30))
      assert.are.equal("warning", verdict(21, 20, 30))
      assert.are.equal("warning", verdict(30, 20, 30))
      assert.are.equal("critical", verdict(31, 20, 30))
      assert.are.equal("critical", verdict(31, 40, 30), "a warning level above critical never hides it")
      assert.are.equal("critical", verdict(2, 1, 1))
      assert.are.equal("ok", verdict(0, 20, 30))
      assert.are.equal("ok", verdict(-1, 1, 1), "htable's error is no count")
      assert.are.equal("ok", verdict(500, 0, 0), "no levels, no verdict")
      assert.are.equal("warning", verdict(500, 20, 0), "no critical level: warnings only")
      assert.are.equal("critical", verdict(500, 0, 30), "no warning level: refusals only")
    end)

    it("counts each new call per account and prefix and relays it silently up to the warning level", function()
      for calls = 1, 3 do
        fake:reset()
        new_call(calls)
        assert.are.equal("exit", run(ksr_request_route), calls)
        assert.are.same({ "destrate", "1001:4930" }, args_of("htable.sht_inc")[3], calls)
        assert.are.same({}, notices(), calls)
        assert.are.equal(0, fake:called("warn"), calls)
        assert.are.same({}, replies(), calls)
        assert.are.equal(1, fake:called("tm.t_relay"), calls)
      end
    end)

    it("relays a call past the warning level with one warning line (WARNING), counted per reason", function()
      for calls = 4, 5 do
        fake:reset()
        new_call(calls)
        assert.are.equal("exit", run(ksr_request_route), calls)
        assert.are.same({ { line("warning") } }, args_of("warn"), calls)
        assert.are.same({}, notices(), calls)
        assert.are.same({ "warnings", "destination-rate" }, args_of("htable.sht_inc")[4], calls)
        assert.are.same({ { "ts_warnings_total", 1, "destination-rate" } }, args_of("xhttp_prom.counter_inc_l1"), calls)
        assert.are.same({}, replies(), calls)
        assert.are.equal(1, fake:called("tm.t_relay"), calls)
      end
    end)

    it("refuses a call past the critical level: 403 with the reason, audited and counted, not relayed", function()
      new_call(6)
      assert.are.equal("exit", run(ksr_request_route))
      -- stateful, so the refused attempt gets its CDR (src/routes/billing.ts)
      assert.are.same({ { 403, "Forbidden - destination call rate exceeded" } }, args_of("tm.t_reply"))
      assert.are.same({ line("refused") }, notices())
      assert.are.equal(0, fake:called("warn"))
      assert.are.same({ "refusals", "destination-rate" }, args_of("htable.sht_inc")[4])
      assert.are.same({ { "ts_refusals_total", 1, "destination-rate" } }, args_of("xhttp_prom.counter_inc_l1"))
      assert.are.equal(0, fake:called("tm.t_relay"))
      assert.are.equal(0, fake:called("uac.uac_replace_from_uri"))
      assert.is_false(fake.dropped)
    end)

    it("counts only initial INVITEs of authenticated accounts: not a trusted peer, not another method", function()
      new_call(100)
      fake:returns("permissions.allow_source_address", 1)
      assert.are.equal("exit", run(ksr_request_route))
      assert.are.equal(0, fake:called("htable.sht_inc"))
      assert.are.equal(1, fake:called("tm.t_relay"))
      for _, method in ipairs({ "MESSAGE", "SUBSCRIBE", "OPTIONS" }) do
        fake:reset()
        new_call(100)
        fake.pv["$rm"] = method
        run(ksr_request_route)
        assert.are.equal(0, fake:called("htable.sht_inc"), method)
        assert.are.equal(1, fake:called("tm.t_relay"), method)
      end
    end)
  end)
end)
