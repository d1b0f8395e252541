--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]

local ____modules = {}
local ____moduleCache = {}
local ____originalRequire = require
local function require(file, ...)
    if ____moduleCache[file] then
        return ____moduleCache[file].value
    end
    if ____modules[file] then
        local module = ____modules[file]
        local value = nil
        if (select("#", ...) > 0) then value = module(...) else value = module(file) end
        ____moduleCache[file] = { value = value }
        return value
    else
        if ____originalRequire then
            return ____originalRequire(file)
        else
            error("module '" .. file .. "' not found")
        end
    end
end
____modules = {
["kemi.used-modules_generated"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- [KSR sub-table, module file] for every non-core KSR module that src/ calls (cluster-only ones aside).
____exports.USED_KSR_MODULES = {
    {"auth", "auth.so"},
    {"auth_db", "auth_db.so"},
    {"dialog", "dialog.so"},
    {"dispatcher", "dispatcher.so"},
    {"htable", "htable.so"},
    {"kx", "kemix.so"},
    {"maxfwd", "maxfwd.so"},
    {"mtree", "mtree.so"},
    {"ndb_redis", "ndb_redis.so"},
    {"permissions", "permissions.so"},
    {"pike", "pike.so"},
    {"regex", "regex.so"},
    {"rr", "rr.so"},
    {"sanity", "sanity.so"},
    {"siputils", "siputils.so"},
    {"sl", "sl.so"},
    {"sqlops", "sqlops.so"},
    {"textopsx", "textopsx.so"},
    {"tm", "tm.so"},
    {"tmx", "tmx.so"},
    {"uac", "uac.so"},
    {"xhttp", "xhttp.so"},
    {"xhttp_prom", "xhttp_prom.so"}
}
return ____exports
 end,
["kemi.modules"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____used_2Dmodules_2Egenerated = require("kemi.used-modules_generated")
local USED_KSR_MODULES = ____used_2Dmodules_2Egenerated.USED_KSR_MODULES
--- Fails the Lua load, and so Kamailio's start, when kamailio.cfg lacks a module that the
-- routes call: otherwise the first call would fail at run time, per message. KSR functions
-- cannot be called while the script loads, so the message travels in the Lua error,
-- which app_lua logs as "error from Lua: ...".
function ____exports.assertKsrModulesLoaded()
    local ksr = KSR
    local missing = {}
    for ____, ____value in ipairs(USED_KSR_MODULES) do
        local module = ____value[1]
        local file = ____value[2]
        if ksr[module] == nil then
            missing[#missing + 1] = ((("loadmodule \"" .. file) .. "\" (for KSR.") .. module) .. ")"
        end
    end
    if #missing > 0 then
        error(
            "kamailio-ts: kamailio.cfg is missing " .. table.concat(missing, ", "),
            0
        )
    end
end
return ____exports
 end,
["routes.reqinit"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Max-Forwards ceiling applied to every request (RFC 3261 recommends 70).
local MAX_FORWARDS = 70
--- sanity_check flags: the set of Kamailio's sample kamailio.cfg (17895) plus Proxy-Require
-- (512: 420 Bad Extension, RFC 4475 3.3.5), without the Request-URI scheme check (2: an
-- unknown scheme is 416, answered by ksr_route_request_line, not 400).
local SANITY_MESSAGE_CHECKS = 17895 + 512 - 2
--- sanity_check URI checks: the Request-URI only; From and To may hold any scheme (RFC 4475 3.3.4).
local SANITY_URI_CHECKS = 1
--- RFC 3261 18.3: over UDP, octets after the Content-Length body are not part of the message
-- (RFC 4475 3.1.1.8): they are cut off, never forwarded nor taken for a second request.
local function ksr_route_udp_framing(message)
    if KSR.pv.gete("$pr") ~= "udp" or KSR.pv.gete("$cl") == "" then
        return
    end
    local headersEnd = string.find(message, "\r\n\r\n", 1, true)
    if headersEnd == nil then
        return
    end
    local ____end = headersEnd + 3 + KSR.pv.geti("$cl")
    if #message > ____end then
        KSR.textopsx.msg_set_buffer(string.sub(message, 1, ____end))
    end
end
--- The Request-Line: one SP between its three parts and none after (RFC 4475 3.1.2.9, 3.1.2.10:
-- else 400, never forwarded as is); a Request-URI scheme the proxy does not route is 416
-- (RFC 3261 8.2.2.1, RFC 4475 3.3.2, 3.3.3).
local function ksr_route_request_line(message)
    local lineEnd = string.find(message, "\r\n", 1, true)
    local line = string.sub(message, 1, (lineEnd or 0) - 1)
    if (string.find(line, "^%S+ %S+ %S+$")) == nil then
        KSR.sl.sl_send_reply(400, "Bad Request-Line")
        KSR.x.exit()
    end
    local scheme = (string.match(line, "^%S+ (%a[%w+.-]*):"))
    if scheme == nil then
        return
    end
    local lower = string.lower(scheme)
    if lower == "sip" or lower == "sips" or lower == "tel" then
        return
    end
    KSR.sl.sl_send_reply(416, "Unsupported URI Scheme")
    KSR.x.exit()
end
--- Initial checks of every request: loops and malformed messages stop here.
function ____exports.ksr_route_reqinit()
    local message = KSR.pv.gete("$mb")
    ksr_route_udp_framing(message)
    if KSR.maxfwd.process_maxfwd(MAX_FORWARDS) < 0 then
        KSR.sl.sl_send_reply(483, "Too Many Hops")
        KSR.x.exit()
    end
    ksr_route_request_line(message)
    if KSR.sanity.sanity_check(SANITY_MESSAGE_CHECKS, SANITY_URI_CHECKS) < 0 then
        KSR.x.exit()
    end
    if KSR.pv.gete("$(ru{uri.headers})") ~= "" then
        KSR.sl.sl_send_reply(400, "Headers Not Allowed In Request-URI")
        KSR.x.exit()
    end
end
return ____exports
 end,
["routes.transactions"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- CANCEL and retransmissions, the standard way: before any other processing.
function ____exports.ksr_route_transactions(method)
    if method == "CANCEL" then
        if KSR.tm.t_check_trans() > 0 then
            KSR.tm.t_relay()
        end
        KSR.x.exit()
    end
    if method ~= "ACK" then
        if KSR.tmx.t_precheck_trans() > 0 then
            KSR.tm.t_check_trans()
            KSR.x.exit()
        end
        if KSR.tm.t_check_trans() == 0 then
            KSR.x.exit()
        end
    end
end
return ____exports
 end,
["routes.relay"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Dispatcher set that holds the deployment config's carrier gateways.
local GATEWAY_SET = 1
--- ds_select_dst algorithm 8: first destination by priority, the rest kept for failover.
local BY_PRIORITY = 8
--- Relays the request statefully; tm answers with the proper error when it cannot.
function ____exports.ksr_route_relay(method)
    if method == "INVITE" or method == "BYE" or method == "UPDATE" then
        KSR.tm.t_on_reply("ksr_onreply_manage")
    end
    if method == "INVITE" then
        KSR.tm.t_on_failure("ksr_failure_manage")
    end
    if KSR.tm.t_relay() < 0 then
        KSR.sl.sl_reply_error()
    end
    KSR.x.exit()
end
--- New calls go to the carrier gateways, in priority order.
function ____exports.ksr_route_to_gateways(method)
    if KSR.dispatcher.ds_select_dst(GATEWAY_SET, BY_PRIORITY) < 0 then
        KSR.sl.sl_send_reply(503, "No gateway available")
        KSR.x.exit()
    end
    return ____exports.ksr_route_relay(method)
end
--- dispatcher state for a gateway that did not answer: inactive, probed with OPTIONS until it does.
local INACTIVE_AND_PROBING = "ip"
--- A gateway that timed out or failed with 408/5xx is skipped for the next one; one that did
-- not answer at all is also taken out of rotation until it answers dispatcher's OPTIONS probe.
function ____exports.ksr_failure_manage()
    if KSR.tm.t_is_canceled() > 0 then
        KSR.x.exit()
    end
    local timedOut = KSR.tm.t_branch_timeout() > 0
    if timedOut and KSR.tm.t_branch_replied() < 0 then
        KSR.dispatcher.ds_mark_dst_state(INACTIVE_AND_PROBING)
    end
    if not timedOut and KSR.tm.t_check_status("408|5[0-9][0-9]") < 0 then
        KSR.x.exit()
    end
    if KSR.dispatcher.ds_next_dst() < 0 then
        KSR.x.exit()
    end
    ____exports.ksr_route_relay("INVITE")
end
return ____exports
 end,
["routes.withindlg"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____relay = require("routes.relay")
local ksr_route_relay = ____relay.ksr_route_relay
--- Requests inside a dialog (To-tag present) follow their Route set.
function ____exports.ksr_route_withindlg(method)
    if KSR.siputils.has_totag() < 0 then
        return
    end
    if KSR.rr.loose_route() > 0 then
        ksr_route_relay(method)
    end
    if method == "ACK" then
        if KSR.tm.t_check_trans() > 0 then
            ksr_route_relay(method)
        end
        KSR.x.exit()
    end
    KSR.sl.sl_send_reply(404, "Not here")
    KSR.x.exit()
end
return ____exports
 end,
["fraud.banning"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Whether a source address is to be banned now that it has `failures` failed authentications
-- within the current findtime window: more than `maxretry` bans (fail2ban's "maxretry"). A count
-- below 1 (htable could not count: no table, a string item) never bans, nor does a maxretry
-- below 1 (no such config: the deployment config allows 1 and up).
function ____exports.banAfterFailures(failures, maxretry)
    if failures < 1 or maxretry < 1 then
        return false
    end
    return failures > maxretry
end
return ____exports
 end,
["audit.line"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local logEscapes
function logEscapes()
    local escapes = {["\""] = "\\\"", ["\\"] = "\\\\"}
    do
        local code = 0
        while code < 32 do
            escapes[string.char(code)] = string.format("\\x%02x", code)
            code = code + 1
        end
    end
    escapes[string.char(127)] = "\\x7f"
    return escapes
end
--- Bytes of a message value kept in an audit line (before escaping); longer ones end in "...".
____exports.AUDIT_VALUE_MAX = 128
--- The escape of each byte that could end the line or its quoted value: `"`, `\` and controls.
local LOG_ESCAPES = logEscapes()
--- A message value made safe inside the double quotes of an audit line: CR, LF, every other
-- control byte and `"` or `\` are escaped (`\r` as `\x0d`, `"` as `\"`), so no value can end the
-- line, close its quotes or add a field; cut to AUDIT_VALUE_MAX bytes first.
function ____exports.logSafe(value)
    local cut = #value > ____exports.AUDIT_VALUE_MAX and string.sub(value, 1, ____exports.AUDIT_VALUE_MAX) .. "..." or value
    local escaped = string.gsub(cut, "[%c\"\\]", LOG_ESCAPES)
    return escaped
end
--- The audit line of a request the proxy refused, dropped or warned about (without its newline):
-- `kamailio-ts <outcome> reason=<code> ua="..." account="..." from="..." ruri_user="..." callid="..." src=<ip>:<port>`.
-- The outcome and reason are ours; `account` is the authenticated account ("" before
-- authentication and for trusted peers); the quoted values come from the message or the
-- subscriber table and are escaped (logSafe); the source address, which no message can forge,
-- comes last (IPv6 in brackets).
function ____exports.auditLine(outcome, reason, srcIp, srcPort, userAgent, account, from, ruriUser, callId)
    local host = (string.find(srcIp, ":", 1, true)) == nil and srcIp or ("[" .. srcIp) .. "]"
    local values = ((((((((("ua=\"" .. ____exports.logSafe(userAgent)) .. "\" account=\"") .. ____exports.logSafe(account)) .. "\" from=\"") .. ____exports.logSafe(from)) .. "\" ruri_user=\"") .. ____exports.logSafe(ruriUser)) .. "\" callid=\"") .. ____exports.logSafe(callId)) .. "\""
    return (((((((("kamailio-ts " .. outcome) .. " reason=") .. reason) .. " ") .. values) .. " src=") .. host) .. ":") .. srcPort
end
return ____exports
 end,
["routes.counters"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Counts one more event of `key` in the htable `table` (shared memory, all workers) and returns
-- the count in the table's current window. htable 5.6.3's sht_inc adds no missing item (it
-- returns -1): the key's first event in a window starts it at 1.
function ____exports.htableCount(____table, key)
    local count = KSR.htable.sht_inc(____table, key)
    if count >= 1 then
        return count
    end
    KSR.htable.sht_seti(____table, key, 1)
    return 1
end
return ____exports
 end,
["routes.audit"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____line = require("audit.line")
local auditLine = ____line.auditLine
local ____counters = require("routes.counters")
local htableCount = ____counters.htableCount
--- htables of the audit events per reason code (kamailio.cfg: no expiry, initval 0), so
-- `kamcmd htable.dump refusals` lists every reason with its count since Kamailio started.
local REFUSALS_TABLE = "refusals"
local WARNINGS_TABLE = "warnings"
--- xhttp_prom counters of the same events, label `reason` (kamailio.cfg declares them; served
-- as kamailio_ts_refusals_total and kamailio_ts_warnings_total on GET /metrics).
local REFUSALS_METRIC = "ts_refusals_total"
local WARNINGS_METRIC = "ts_warnings_total"
--- The account of an audit line before authentication, and of trusted peers (who have none).
____exports.NO_ACCOUNT = ""
--- The audit line of the current request (src/audit/line.ts), with its values and source address.
local function requestAuditLine(outcome, reason, userAgent, account)
    local from = KSR.pv.gete("$fu")
    return auditLine(
        outcome,
        reason,
        KSR.pv.gete("$si"),
        KSR.pv.gete("$sp"),
        userAgent,
        account,
        from,
        KSR.pv.gete("$rU"),
        KSR.pv.gete("$ci")
    )
end
--- A request refused or dropped for `reason`: logs its audit line (NOTICE) and counts the
-- refusal per reason, in shared memory (htable REFUSALS_TABLE) and for Prometheus.
-- `account`: the authenticated account, NO_ACCOUNT before authentication and for trusted peers.
function ____exports.ksr_route_audit(reason, userAgent, account)
    KSR.notice(requestAuditLine("refused", reason, userAgent, account) .. "\n")
    htableCount(REFUSALS_TABLE, reason)
    KSR.xhttp_prom.counter_inc_l1(REFUSALS_METRIC, 1, reason)
end
--- A request let through past a warning level for `reason` (e.g. a destination's call rate):
-- logs its audit line (WARNING, outcome `warning`) and counts it per reason (htable
-- WARNINGS_TABLE, Prometheus).
function ____exports.ksr_route_audit_warning(reason, userAgent, account)
    KSR.warn(requestAuditLine("warning", reason, userAgent, account) .. "\n")
    htableCount(WARNINGS_TABLE, reason)
    KSR.xhttp_prom.counter_inc_l1(WARNINGS_METRIC, 1, reason)
end
--- Drops the request without any reply, after its audit line (ksr_route_audit): a flood, a
-- scanner or a banned address gets nothing back, not even a sign that a SIP server listens here.
function ____exports.ksr_route_drop_audited(reason, userAgent, account)
    ____exports.ksr_route_audit(reason, userAgent, account)
    KSR.x.drop()
end
return ____exports
 end,
["routes.screen"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____audit = require("routes.audit")
local NO_ACCOUNT = ____audit.NO_ACCOUNT
local ksr_route_drop_audited = ____audit.ksr_route_drop_audited
--- regex module group of the deployment config's scanner User-Agents (the run's groups file).
local SCANNER_GROUP = 0
--- htable of banned source addresses (kamailio.cfg: key the source IP, autoexpire the config's
-- fraud.authFailures.bantime, none for a ban until lifted); src/routes/auth.ts (failed
-- authentications) and src/routes/velocity.ts (call rate) add to it.
____exports.BANS_TABLE = "ipban"
--- Requests from sources that are not trusted peers, before anything else is done for them:
-- an address banned (failed authentications, call rate: the htable BANS_TABLE) is dropped while its
-- ban lasts, whatever it sends; a source sending more than pike allows (kamailio.cfg) is
-- dropped while it floods, and a known scanner (its User-Agent contains one of the config's
-- fraud.scannerUserAgents) is dropped always. A request without a User-Agent is no scanner.
function ____exports.ksr_route_screen_untrusted()
    local userAgent = KSR.pv.gete("$ua")
    if KSR.htable.sht_get(
        ____exports.BANS_TABLE,
        KSR.pv.gete("$si")
    ) ~= nil then
        ksr_route_drop_audited("ban-drop", userAgent, NO_ACCOUNT)
    end
    if KSR.pike.pike_check_req() < 0 then
        ksr_route_drop_audited("flood", userAgent, NO_ACCOUNT)
    end
    if userAgent ~= "" and KSR.regex.pcre_match_group(userAgent, SCANNER_GROUP) > 0 then
        ksr_route_drop_audited("scanner", userAgent, NO_ACCOUNT)
    end
end
return ____exports
 end,
["routes.auth"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____banning = require("fraud.banning")
local banAfterFailures = ____banning.banAfterFailures
local ____screen = require("routes.screen")
local BANS_TABLE = ____screen.BANS_TABLE
local ____audit = require("routes.audit")
local NO_ACCOUNT = ____audit.NO_ACCOUNT
local ksr_route_audit = ____audit.ksr_route_audit
local ksr_route_drop_audited = ____audit.ksr_route_drop_audited
local ____counters = require("routes.counters")
local htableCount = ____counters.htableCount
--- Address group of the deployment config's trusted peers in permissions' address file.
local TRUSTED_GROUP = 1
--- auth_db table of the accounts.
local SUBSCRIBERS = "subscriber"
--- auth_check flag: the authenticated user must be the From user (the caller is who pays).
local AUTH_USER_IS_CALLER = 1
--- auth_check results that mean credentials were given and are wrong (auth module's api.h).
local AUTH_USER_MISMATCH = -8
local AUTH_USER_UNKNOWN = -3
local AUTH_INVALID_PASSWORD = -2
--- auth_challenge flags: no qop, as most carriers' peers expect.
local CHALLENGE_FLAGS = 0
--- htable of failed authentications per source IP (kamailio.cfg: autoexpire the config's
-- fraud.authFailures.findtime, counted from an address's first failure).
local AUTH_FAILURES_TABLE = "authfail"
--- cfg define of fraud.authFailures.maxretry (scripts/lib/kamailio-run.mjs renders it).
local MAXRETRY_DEFINE = "AUTH_MAXRETRY"
--- Whether the request comes from a trusted peer (the config's `trusted`, permissions address
-- group 1). ksr_request_route asks once per request and passes the answer on.
function ____exports.isTrustedSource()
    return KSR.permissions.allow_source_address(TRUSTED_GROUP) > 0
end
--- Wrong credentials from an untrusted source: one audit line (auth-failure, with no account:
-- none is authenticated), then the source address's failure is counted (htable, shared by all
-- workers); past fraud.authFailures.maxretry within findtime, the address is banned (audit
-- line `banned`) and this request is dropped without reply like every later one until the ban
-- ends (ksr_route_screen_untrusted). Else the request gets 403 with `reason`.
local function ksr_route_auth_failed(reason)
    local userAgent = KSR.pv.gete("$ua")
    ksr_route_audit("auth-failure", userAgent, NO_ACCOUNT)
    local source = KSR.pv.gete("$si")
    local failures = htableCount(AUTH_FAILURES_TABLE, source)
    if banAfterFailures(
        failures,
        KSR.kx.get_defn(MAXRETRY_DEFINE)
    ) then
        KSR.htable.sht_seti(BANS_TABLE, source, 1)
        KSR.htable.sht_rm(AUTH_FAILURES_TABLE, source)
        ksr_route_drop_audited("banned", userAgent, NO_ACCOUNT)
    end
    KSR.sl.sl_send_reply(403, reason)
    KSR.x.exit()
end
--- Who may place calls: trusted peers (by address: `trusted`, from isTrustedSource); everyone
-- else authenticates (digest, the subscriber table), and the account is the caller: a From
-- user that is not the authenticated account is refused. A request without credentials (or
-- with a stale nonce) is challenged, which never counts as a failure; wrong credentials get
-- 403 (so they are never mistaken for a first challenge) and count towards a ban.
-- Returns the authenticated account (the credentials' user, which is the From user), or
-- NO_ACCOUNT for a trusted peer; every other request ends here.
function ____exports.ksr_route_auth(trusted)
    if trusted then
        return NO_ACCOUNT
    end
    local realm = KSR.pv.gete("$fd")
    local result = KSR.auth_db.auth_check(realm, SUBSCRIBERS, AUTH_USER_IS_CALLER)
    if result > 0 then
        local account = KSR.pv.gete("$au")
        KSR.auth.consume_credentials()
        return account
    end
    if result == AUTH_USER_MISMATCH then
        ksr_route_auth_failed("Forbidden - From user is not the authenticated account")
    end
    if result == AUTH_INVALID_PASSWORD or result == AUTH_USER_UNKNOWN then
        ksr_route_auth_failed("Forbidden - wrong credentials")
    end
    KSR.auth.auth_challenge(realm, CHALLENGE_FLAGS)
    KSR.x.exit()
end
return ____exports
 end,
["fraud.velocity"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- The verdict on a new call (initial INVITE) that is the `calls`-th of its source IP or its
-- account within the current minute (the higher of the two counts): more than
-- `callsPerMinute` refuses it, more than `banCallsPerMinute` bans the source IP too. A count
-- below 1 (htable could not count) never refuses, nor does a limit below 1 (no such config:
-- the deployment config allows 1 and up); a ban threshold below 1 never bans.
function ____exports.callRateVerdict(calls, callsPerMinute, banCallsPerMinute)
    if calls < 1 or callsPerMinute < 1 then
        return "allow"
    end
    if banCallsPerMinute >= 1 and calls > banCallsPerMinute then
        return "ban"
    end
    return calls > callsPerMinute and "refuse" or "allow"
end
return ____exports
 end,
["routes.velocity"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____velocity = require("fraud.velocity")
local callRateVerdict = ____velocity.callRateVerdict
local ____screen = require("routes.screen")
local BANS_TABLE = ____screen.BANS_TABLE
local ____audit = require("routes.audit")
local ksr_route_audit = ____audit.ksr_route_audit
local ksr_route_drop_audited = ____audit.ksr_route_drop_audited
local ____counters = require("routes.counters")
local htableCount = ____counters.htableCount
--- htable of new calls per source IP (key `ip:<address>`) and per account (`account:<user>`)
-- (kamailio.cfg: autoexpire 60, updateexpire 0: a fixed one-minute window from a key's first call).
local CALL_RATE_TABLE = "callrate"
--- cfg defines of fraud.callRate (scripts/lib/kamailio-run.mjs renders them).
local LIMIT_DEFINE = "CALL_RATE_LIMIT"
local BAN_DEFINE = "CALL_RATE_BAN"
--- Call velocity of an initial INVITE, after authentication: each new call counts once for its
-- source IP and once for its `account` (the authenticated user, from ksr_route_auth, which
-- auth_check made sure is the From user). More than fraud.callRate.callsPerMinute within a
-- minute, by either count, gets 503 (audit line `call-rate`); more than banCallsPerMinute bans the source IP like failed
-- authentications do (htable BANS_TABLE, audit `banned`) and the request is dropped without
-- reply. Trusted peers (carriers, PBXs) are exempt: they are not limited per IP, and they
-- never authenticate, so they have no account to limit either.
function ____exports.ksr_route_call_rate(trusted, account)
    if trusted then
        return
    end
    local source = KSR.pv.gete("$si")
    local sourceKey = "ip:" .. source
    local sourceCalls = htableCount(CALL_RATE_TABLE, sourceKey)
    local accountCalls = htableCount(CALL_RATE_TABLE, "account:" .. account)
    local calls = sourceCalls > accountCalls and sourceCalls or accountCalls
    local verdict = callRateVerdict(
        calls,
        KSR.kx.get_defn(LIMIT_DEFINE),
        KSR.kx.get_defn(BAN_DEFINE)
    )
    if verdict == "allow" then
        return
    end
    local userAgent = KSR.pv.gete("$ua")
    ksr_route_audit("call-rate", userAgent, account)
    if verdict == "ban" then
        KSR.htable.sht_seti(BANS_TABLE, source, 1)
        KSR.htable.sht_rm(CALL_RATE_TABLE, sourceKey)
        ksr_route_drop_audited("banned", userAgent, account)
    end
    KSR.sl.sl_send_reply(503, "Service Unavailable - call rate exceeded")
    KSR.x.exit()
end
return ____exports
 end,
["billing.numbering"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- E.164 numbers have at most 15 digits (country code included).
local MAX_E164_DIGITS = 15
--- string.byte of "+" and "0".
local PLUS = 43
local ZERO = 48
--- The E.164 digits of a dialled number, or undefined when it is not a dialable number.
-- The rules, in this order:
-- 1. Visual separators are dropped: space, "-", ".", "(" and ")" (RFC 3966's, plus space).
-- 2. What remains must be digits, optionally after one leading "+"; anything else (letters,
--    "*", "#", a "+" elsewhere) is not a dialable number: undefined. So is a number that is
--    nothing but its prefix ("", "+", "00", "0").
-- 3. "+" then digits: the digits are already international (country code first).
-- 4. Else the international prefix ("00"), checked before the national prefix since "0" is a
--    prefix of "00": what follows it is international.
-- 5. Else the national prefix ("0"): it is replaced by the plan's country code.
-- 6. Else a national number dialled without the trunk prefix (a Chinese mobile number,
--    13545769997): the country code is put in front. A number that starts with the country
--    code but has neither "+" nor "00" is national too (8613... becomes 868613...).
-- 7. The result must be 1 to 15 digits and must not start with "0" (no country code does).
-- For countryCode "86", internationalPrefix "00", nationalPrefix "0": "+8613545769997",
-- "008613545769997", "13545769997" and "+86 135-4576-9997" all give "8613545769997", and
-- "01089672389" gives "861089672389".
function ____exports.normaliseNumber(dialled, plan)
    local digits = string.gsub(dialled, "[ %-%.%(%)]", "")
    local international = plan.internationalPrefix
    local national = plan.nationalPrefix
    local countryCode = plan.countryCode
    local rest
    if string.byte(digits, 1) == PLUS then
        countryCode = ""
        rest = string.sub(digits, 2)
    elseif international ~= "" and string.sub(digits, 1, #international) == international then
        countryCode = ""
        rest = string.sub(digits, #international + 1)
    elseif national ~= "" and string.sub(digits, 1, #national) == national then
        rest = string.sub(digits, #national + 1)
    else
        rest = digits
    end
    if (string.find(rest, "^%d+$")) == nil then
        return nil
    end
    local e164 = countryCode .. rest
    if #e164 > MAX_E164_DIGITS or string.byte(e164, 1) == ZERO then
        return nil
    end
    return e164
end
return ____exports
 end,
["billing.integer"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- floor(a / b) for integers a and b (b not 0), exact while |a| < 2^53.
function ____exports.floorDiv(a, b)
    local r = math.fmod(a, b)
    if r ~= 0 and r < 0 ~= (b < 0) then
        r = r + b
    end
    return (a - r) / b
end
--- ceil(a / b) for integers a and b (b not 0).
function ____exports.ceilDiv(a, b)
    return 0 - ____exports.floorDiv(0 - a, b)
end
--- a mod b with the sign of b (0 <= result < b for b > 0).
function ____exports.floorMod(a, b)
    return a - ____exports.floorDiv(a, b) * b
end
--- a / b rounded half up (0.5 goes up) for a >= 0 and b > 0: the one rounding the rating
-- applies, to the total of a call.
function ____exports.divRoundHalfUp(a, b)
    local q = ____exports.floorDiv(a, b)
    local r = a - q * b
    return r * 2 >= b and q + 1 or q
end
return ____exports
 end,
["billing.money"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____integer = require("billing.integer")
local floorDiv = ____integer.floorDiv
local floorMod = ____integer.floorMod
--- Minor units in one currency unit: the scale of every Money value.
____exports.MINOR_PER_UNIT = 10000
--- Digits after the decimal point that MINOR_PER_UNIT represents.
local SCALE_DIGITS = 4
--- At most 11 integer digits: 10^11 units are 10^15 minor units, well below 2^53.
local MAX_INTEGER_DIGITS = 11
--- A decimal amount ("6", "0.05", "1.2345") in minor units, read digit by digit with no
-- float: undefined for a sign, an exponent, more than 4 decimals or 11 integer digits.
function ____exports.parseMoney(text)
    local units, decimals = string.match(text, "^(%d+)%.?(%d*)$")
    if units == nil or decimals == nil then
        return nil
    end
    if #units > MAX_INTEGER_DIGITS or #decimals > SCALE_DIGITS then
        return nil
    end
    if decimals == "" and string.sub(text, -1) == "." then
        return nil
    end
    local padded = decimals .. string.rep("0", SCALE_DIGITS - #decimals)
    return (tonumber(units) or 0) * ____exports.MINOR_PER_UNIT + (tonumber(padded) or 0)
end
--- Minor units as a decimal amount with 2 to 4 decimals (trailing zeros beyond the second
-- dropped): 60000 is "6.00", 500 is "0.05", 5 is "0.0005", -12345 is "-1.2345".
function ____exports.formatMoney(amount)
    local sign = amount < 0 and "-" or ""
    local magnitude = amount < 0 and -amount or amount
    local units = floorDiv(magnitude, ____exports.MINOR_PER_UNIT)
    local fraction = magnitude - units * ____exports.MINOR_PER_UNIT
    if floorMod(fraction, 100) == 0 then
        return string.format("%s%d.%02d", sign, units, fraction / 100)
    end
    if floorMod(fraction, 10) == 0 then
        return string.format("%s%d.%03d", sign, units, fraction / 10)
    end
    return string.format("%s%d.%04d", sign, units, fraction)
end
return ____exports
 end,
["billing.rate"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Limits of a rate and a call. The largest intermediate value is the sum of billable seconds
-- times price: (MAX_DURATION_MS / 1000 + MAX_INCREMENT) * MAX_PRICE is about 2.2e15, doubled
-- at most once in rounding: below 2^53 (9.0e15), so every integer stays exact.
____exports.MAX_PRICE = 1000000000
____exports.MAX_INCREMENT = 86400
--- 2^31 - 1 ms (24.8 days): a longer duration is rated as this long (cost.ts).
____exports.MAX_DURATION_MS = 2147483647
local function isIntegerIn(value, min, max)
    return type(value) == "number" and math.floor(value) == value and value >= min and value <= max
end
--- Why a rate cannot be used ("price: ..."), or undefined when it can.
function ____exports.rateProblem(rate)
    if type(rate.id) ~= "string" or rate.id == "" then
        return "id: must be a non-empty string"
    end
    if not isIntegerIn(rate.connectFee, 0, ____exports.MAX_PRICE) then
        return "connectFee: must be whole minor units from 0 to " .. tostring(____exports.MAX_PRICE)
    end
    if not isIntegerIn(rate.price, 0, ____exports.MAX_PRICE) then
        return "price: must be whole minor units from 0 to " .. tostring(____exports.MAX_PRICE)
    end
    if not isIntegerIn(rate.unitSeconds, 1, ____exports.MAX_INCREMENT) then
        return "unitSeconds: must be whole seconds from 1 to " .. tostring(____exports.MAX_INCREMENT)
    end
    if not isIntegerIn(rate.firstIncrement, 1, ____exports.MAX_INCREMENT) then
        return "firstIncrement: must be whole seconds from 1 to " .. tostring(____exports.MAX_INCREMENT)
    end
    if not isIntegerIn(rate.nextIncrement, 1, ____exports.MAX_INCREMENT) then
        return "nextIncrement: must be whole seconds from 1 to " .. tostring(____exports.MAX_INCREMENT)
    end
    if rate.maxCost ~= nil and not isIntegerIn(rate.maxCost, 0, ____exports.MAX_PRICE * ____exports.MAX_INCREMENT) then
        return "maxCost: must be whole minor units from 0 to " .. tostring(____exports.MAX_PRICE * ____exports.MAX_INCREMENT)
    end
    local tiers = rate.tiers
    if tiers ~= nil then
        local previous = 0
        do
            local i = 0
            while i < #tiers do
                local tier = tiers[i + 1]
                if not isIntegerIn(tier.fromSecond, previous + 1, ____exports.MAX_DURATION_MS) then
                    return (("tiers[" .. tostring(i)) .. "].fromSecond: must be whole seconds, above ") .. tostring(previous)
                end
                if not isIntegerIn(tier.price, 0, ____exports.MAX_PRICE) then
                    return (("tiers[" .. tostring(i)) .. "].price: must be whole minor units from 0 to ") .. tostring(____exports.MAX_PRICE)
                end
                previous = tier.fromSecond
                i = i + 1
            end
        end
    end
    local windows = rate.windows
    if windows ~= nil then
        do
            local i = 0
            while i < #windows do
                local window = windows[i + 1]
                if not isIntegerIn(window.fromSecond, 0, 86399) then
                    return ("windows[" .. tostring(i)) .. "].fromSecond: must be whole seconds from 0 to 86399"
                end
                if not isIntegerIn(window.untilSecond, 0, 86400) then
                    return ("windows[" .. tostring(i)) .. "].untilSecond: must be whole seconds from 0 to 86400"
                end
                local weekdays = window.weekdays
                if weekdays ~= nil then
                    do
                        local d = 0
                        while d < #weekdays do
                            if not isIntegerIn(weekdays[d + 1], 1, 7) then
                                return ((("windows[" .. tostring(i)) .. "].weekdays[") .. tostring(d)) .. "]: must be 1 (Monday) to 7 (Sunday)"
                            end
                            d = d + 1
                        end
                    end
                end
                i = i + 1
            end
        end
    end
    return nil
end
return ____exports
 end,
["billing.deck"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____rate = require("billing.rate")
local rateProblem = ____rate.rateProblem
local ENTRY_SEPARATOR = "|"
local RATE_SEPARATOR = ","
local TIER_SEPARATOR = ";"
local TIER_PRICE_SEPARATOR = ":"
--- Longer digit runs could lose precision as Lua numbers (doubles): no valid field has them.
local MAX_NUMBER_DIGITS = 15
local MINUTES_PER_DAY = 1440
--- string.byte of "1" and "7": ISO weekday digits.
local DIGIT_ONE = 49
local DIGIT_SEVEN = 55
--- A whole number written in decimal digits only, or undefined.
local function wholeNumber(text)
    if #text > MAX_NUMBER_DIGITS or (string.find(text, "^%d+$")) == nil then
        return nil
    end
    return tonumber(text)
end
local function hexByte(hex)
    return string.char(tonumber(hex, 16) or 0)
end
--- The destination as written in the CSV: %XX escapes decoded.
local function unescapeText(text)
    if (string.find(text, "%", 1, true)) == nil then
        return text
    end
    local decoded = string.gsub(text, "%%(%x%x)", hexByte)
    return decoded
end
--- Tiers "60:400;600:300", or undefined when malformed.
local function decodeTiers(text)
    local tiers = {}
    local start = 1
    while true do
        local stop = string.find(text, TIER_SEPARATOR, start, true)
        local last = stop == nil and #text or stop - 1
        local colon = string.find(text, TIER_PRICE_SEPARATOR, start, true)
        if colon == nil or colon > last then
            return nil
        end
        local fromSecond = wholeNumber(string.sub(text, start, colon - 1))
        local price = wholeNumber(string.sub(text, colon + 1, last))
        if fromSecond == nil or price == nil then
            return nil
        end
        tiers[#tiers + 1] = {fromSecond = fromSecond, price = price}
        if stop == nil then
            break
        end
        start = stop + 1
    end
    return tiers
end
--- The window of fields 7-9 (weekdays, from and until minutes, not all empty), or undefined when malformed.
local function decodeWindow(weekdayText, fromText, untilText)
    local fromSecond = 0
    local untilSecond = 0
    if fromText ~= "" or untilText ~= "" then
        local fromMinute = wholeNumber(fromText)
        local untilMinute = wholeNumber(untilText)
        if fromMinute == nil or untilMinute == nil or fromMinute >= MINUTES_PER_DAY or untilMinute > MINUTES_PER_DAY then
            return nil
        end
        fromSecond = fromMinute * 60
        untilSecond = untilMinute * 60
    end
    if weekdayText == "" then
        return {fromSecond = fromSecond, untilSecond = untilSecond}
    end
    local weekdays = {}
    do
        local i = 1
        while i <= #weekdayText do
            local digit = string.byte(weekdayText, i)
            if digit < DIGIT_ONE or digit > DIGIT_SEVEN then
                return nil
            end
            weekdays[#weekdays + 1] = digit - DIGIT_ONE + 1
            i = i + 1
        end
    end
    return {weekdays = weekdays, fromSecond = fromSecond, untilSecond = untilSecond}
end
--- One rate's comma-separated fields, or undefined when malformed or not a usable rate.
local function decodeRate(text, id)
    local fields = {}
    local start = 1
    while true do
        local stop = string.find(text, RATE_SEPARATOR, start, true)
        fields[#fields + 1] = string.sub(text, start, stop == nil and -1 or stop - 1)
        if stop == nil then
            break
        end
        start = stop + 1
    end
    local count = #fields
    if count < 5 or count > 10 then
        return nil
    end
    local connectFee = wholeNumber(fields[1])
    local price = wholeNumber(fields[2])
    local unitSeconds = wholeNumber(fields[3])
    local firstIncrement = wholeNumber(fields[4])
    local nextIncrement = wholeNumber(fields[5])
    if connectFee == nil or price == nil or unitSeconds == nil or firstIncrement == nil or nextIncrement == nil then
        return nil
    end
    local rate = {
        id = id,
        connectFee = connectFee,
        price = price,
        unitSeconds = unitSeconds,
        firstIncrement = firstIncrement,
        nextIncrement = nextIncrement
    }
    local maxCostText = count > 5 and fields[6] or ""
    if maxCostText ~= "" then
        rate.maxCost = wholeNumber(maxCostText)
        if rate.maxCost == nil then
            return nil
        end
    end
    local weekdayText = count > 6 and fields[7] or ""
    local fromText = count > 7 and fields[8] or ""
    local untilText = count > 8 and fields[9] or ""
    if weekdayText ~= "" or fromText ~= "" or untilText ~= "" then
        local window = decodeWindow(weekdayText, fromText, untilText)
        if window == nil then
            return nil
        end
        rate.windows = {window}
    end
    local tierText = count > 9 and fields[10] or ""
    if tierText ~= "" then
        rate.tiers = decodeTiers(tierText)
        if rate.tiers == nil then
            return nil
        end
    end
    if rateProblem(rate) ~= nil then
        return nil
    end
    return rate
end
--- The entry of an mtree value (the loader's format above), or undefined when the value is
-- malformed or any of its rates unusable (rateProblem): never throws. Rate ids are
-- "<plan>:<prefix>:<position>", e.g. "default:86:1".
function ____exports.decodeRateEntry(value)
    if type(value) ~= "string" then
        return nil
    end
    local planEnd = string.find(value, ENTRY_SEPARATOR, 1, true)
    if planEnd == nil then
        return nil
    end
    local prefixEnd = string.find(value, ENTRY_SEPARATOR, planEnd + 1, true)
    if prefixEnd == nil then
        return nil
    end
    local destinationEnd = string.find(value, ENTRY_SEPARATOR, prefixEnd + 1, true)
    if destinationEnd == nil then
        return nil
    end
    local plan = string.sub(value, 1, planEnd - 1)
    local prefix = string.sub(value, planEnd + 1, prefixEnd - 1)
    if (string.find(plan, "^[%w_%-]+$")) == nil or (string.find(prefix, "^%d+$")) == nil then
        return nil
    end
    local rates = {}
    local start = destinationEnd + 1
    while true do
        local stop = string.find(value, ENTRY_SEPARATOR, start, true)
        local rate = decodeRate(
            string.sub(value, start, stop == nil and -1 or stop - 1),
            (((plan .. ":") .. prefix) .. ":") .. tostring(#rates + 1)
        )
        if rate == nil then
            return nil
        end
        rates[#rates + 1] = rate
        if stop == nil then
            break
        end
        start = stop + 1
    end
    return {
        plan = plan,
        prefix = prefix,
        destination = unescapeText(string.sub(value, prefixEnd + 1, destinationEnd - 1)),
        rates = rates
    }
end
return ____exports
 end,
["billing.windows"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____integer = require("billing.integer")
local floorDiv = ____integer.floorDiv
local floorMod = ____integer.floorMod
local SECONDS_PER_DAY = 86400
--- 1970-01-01, day 0 of Unix time, was a Thursday: ISO weekday 4.
local EPOCH_ISO_WEEKDAY = 4
--- Local time of a Unix timestamp (seconds) at a UTC offset (seconds east of UTC, e.g. 28800
-- for UTC+8): the ISO weekday (1 = Monday ... 7 = Sunday) and the second of the day.
-- Fractions of a second are dropped (floored) first.
function ____exports.localWeekdayAndSecond(unixSeconds, utcOffsetSeconds)
    local ____local = math.floor(unixSeconds) + utcOffsetSeconds
    local day = floorDiv(____local, SECONDS_PER_DAY)
    local weekday = floorMod(day + EPOCH_ISO_WEEKDAY - 1, 7) + 1
    return weekday, ____local - day * SECONDS_PER_DAY
end
--- Whether a window holds a local weekday and second of the day (RateWindow's rules).
local function windowHolds(window, weekday, second)
    local weekdays = window.weekdays
    if weekdays ~= nil then
        local listed = false
        do
            local i = 0
            while i < #weekdays do
                if weekdays[i + 1] == weekday then
                    listed = true
                end
                i = i + 1
            end
        end
        if not listed then
            return false
        end
    end
    local from = window.fromSecond
    local ____until = window.untilSecond
    if from < ____until then
        return second >= from and second < ____until
    end
    if from > ____until then
        return second >= from or second < ____until
    end
    return true
end
--- The rate that applies to a call starting at `unixSeconds` (UTC offset in seconds): the
-- first of `rates`, in their order, with no windows or with a window holding the start's
-- local weekday and time; undefined when none does. The whole call is rated at that rate
-- (a call crossing into another window keeps its start's rate). Put the rate without
-- windows last, as the default. A window past midnight belongs to the weekday it holds the
-- time on: Mon 22:00-06:00 holds Monday 23:00 and Monday 05:00, not Tuesday 05:00.
function ____exports.selectRate(rates, unixSeconds, utcOffsetSeconds)
    local weekday, second = ____exports.localWeekdayAndSecond(unixSeconds, utcOffsetSeconds)
    do
        local i = 0
        while i < #rates do
            local rate = rates[i + 1]
            local windows = rate.windows
            if windows == nil or #windows == 0 then
                return rate
            end
            do
                local w = 0
                while w < #windows do
                    if windowHolds(windows[w + 1], weekday, second) then
                        return rate
                    end
                    w = w + 1
                end
            end
            i = i + 1
        end
    end
    return nil
end
return ____exports
 end,
["billing.increments"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____integer = require("billing.integer")
local ceilDiv = ____integer.ceilDiv
local ____rate = require("billing.rate")
local MAX_DURATION_MS = ____rate.MAX_DURATION_MS
--- The rules:
-- - a started second counts: the duration is rounded up to whole seconds (1 ms is 1 s,
--   1000 ms is 1 s, 1001 ms is 2 s);
-- - 0 ms (or less) is 0 billable seconds: the call costs its connect fee only;
-- - else the first increment is billed whole, then whole next increments:
--   seconds <= first: first; else first + ceil((seconds - first) / next) * next.
-- So with 30/6: 1 ms to 30 s bill 30 s, 31 s bills 36 s; with 60/60: 61 s bills 120 s.
-- Durations above MAX_DURATION_MS (24.8 days) are billed as MAX_DURATION_MS, which keeps the
-- cost's arithmetic exact (rate.ts); dialog timeouts end calls long before.
function ____exports.billableSeconds(rate, durationMs)
    if durationMs <= 0 then
        return 0
    end
    local seconds = ceilDiv(durationMs > MAX_DURATION_MS and MAX_DURATION_MS or durationMs, 1000)
    local first = rate.firstIncrement
    if seconds <= first then
        return first
    end
    local next = rate.nextIncrement
    return first + ceilDiv(seconds - first, next) * next
end
return ____exports
 end,
["billing.cost"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____integer = require("billing.integer")
local divRoundHalfUp = ____integer.divRoundHalfUp
local ____increments = require("billing.increments")
local billableSeconds = ____increments.billableSeconds
--- Cost of `seconds` billable seconds: connect fee + the exact sum over the tiers of
-- seconds-in-tier * price / unitSeconds, kept as one integer numerator over unitSeconds and
-- rounded once, half up, to the minor unit (1/10000 of the currency unit); then capped at
-- maxCost. Per-increment rounding is never applied: at 0.0005 per minute, 90 s in 1/1
-- increments costs 0.00075, rounded to 0.0008, where rounding each second would give 0.
function ____exports.costOfSeconds(rate, seconds)
    local numerator = 0
    local from = 0
    local price = rate.price
    local tiers = rate.tiers
    if tiers ~= nil then
        do
            local i = 0
            while i < #tiers do
                local tier = tiers[i + 1]
                if tier.fromSecond >= seconds then
                    break
                end
                numerator = numerator + (tier.fromSecond - from) * price
                from = tier.fromSecond
                price = tier.price
                i = i + 1
            end
        end
    end
    numerator = numerator + (seconds - from) * price
    local total = rate.connectFee + divRoundHalfUp(numerator, rate.unitSeconds)
    local cap = rate.maxCost
    return cap ~= nil and total > cap and cap or total
end
--- Cost of an answered call of `durationMs` milliseconds (answer to end): its billable
-- seconds by the rate's increments (increments.ts), then costOfSeconds.
function ____exports.callCost(rate, durationMs)
    return ____exports.costOfSeconds(
        rate,
        billableSeconds(rate, durationMs)
    )
end
return ____exports
 end,
["billing.prepaid"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____integer = require("billing.integer")
local floorDiv = ____integer.floorDiv
local ____cost = require("billing.cost")
local costOfSeconds = ____cost.costOfSeconds
--- The most billable seconds, at most `maxSeconds`, that `funds` pay for at `rate`: a whole
-- first increment and whole next increments (cost is non-decreasing in seconds, so a binary
-- search over the number of next increments finds it in O(log n) costs). 0 when the funds do
-- not pay the first increment (connect fee included) or maxSeconds is shorter than it.
function ____exports.affordableSeconds(rate, funds, maxSeconds)
    local first = rate.firstIncrement
    if maxSeconds < first or costOfSeconds(rate, first) > funds then
        return 0
    end
    local next = rate.nextIncrement
    local low = 0
    local high = floorDiv(maxSeconds - first, next)
    while low < high do
        local middle = low + math.ceil((high - low) / 2)
        if costOfSeconds(rate, first + middle * next) <= funds then
            low = middle
        else
            high = middle - 1
        end
    end
    return first + low * next
end
--- What a new prepaid call asks to reserve: the cost of its longest possible call
-- (maxSeconds, as billed), and the least it needs to start: its first increment.
function ____exports.reservationWanted(rate, maxSeconds)
    local first = rate.firstIncrement
    local next = rate.nextIncrement
    local longest = maxSeconds <= first and first or first + floorDiv(maxSeconds - first, next) * next
    return costOfSeconds(rate, longest), costOfSeconds(rate, first)
end
return ____exports
 end,
["fraud.spend"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- "critical" when the spend reached `critical`, "warning" when it reached `warning`, else "ok".
function ____exports.spendVerdict(spent, warning, critical)
    if spent >= critical then
        return "critical"
    end
    if spent >= warning then
        return "warning"
    end
    return "ok"
end
return ____exports
 end,
["fraud.destination"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- The verdict on a new call that is the `calls`-th of its account to its destination prefix
-- within the current minute: more than `critical` refuses it, more than `warning` (and not
-- more than `critical`) lets it through with a warning. A count below 1 (htable could not
-- count) is "ok", and a level below 1 (no such config) is never reached.
function ____exports.prefixRateVerdict(calls, warning, critical)
    if calls < 1 then
        return "ok"
    end
    if critical >= 1 and calls > critical then
        return "critical"
    end
    if warning >= 1 and calls > warning then
        return "warning"
    end
    return "ok"
end
return ____exports
 end,
["routes.destination"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____destination = require("fraud.destination")
local prefixRateVerdict = ____destination.prefixRateVerdict
local ____audit = require("routes.audit")
local NO_ACCOUNT = ____audit.NO_ACCOUNT
local ksr_route_audit_warning = ____audit.ksr_route_audit_warning
local ____counters = require("routes.counters")
local htableCount = ____counters.htableCount
--- htable of new calls per account and destination prefix (key `<account>:<prefix>`; the prefix
-- is digits, so the last colon splits the key) (kamailio.cfg: autoexpire 60, updateexpire 0:
-- a fixed one-minute window from a key's first call).
local DESTINATION_RATE_TABLE = "destrate"
--- cfg defines of fraud.prefixCallsPerMinute (scripts/lib/kamailio-run.mjs renders them).
local WARNING_DEFINE = "PREFIX_RATE_WARNING"
local CRITICAL_DEFINE = "PREFIX_RATE_CRITICAL"
--- Audit reason of the warning and of the refusal (routes/billing.ts refuses).
____exports.DESTINATION_RATE_REASON = "destination-rate"
--- Calls per minute of one account to one destination prefix (OpenSIPS fraud_detection's
-- per user and prefix limit), for each new call (initial INVITE) once authenticated: the
-- call counts for `account` and `prefix` (the matched rate-deck prefix); more than
-- fraud.prefixCallsPerMinute.warning within the minute logs a warning audit line
-- (`kamailio-ts warning reason=destination-rate`, WARNING) and lets the call through; more
-- than .critical returns true: the caller refuses the call with 403 (routes/billing.ts, so the
-- attempt gets its CDR). Refused calls count too. Trusted peers (account NO_ACCOUNT) are
-- exempt, as from the call velocity limits.
function ____exports.destinationRateExceeded(account, prefix)
    if account == NO_ACCOUNT then
        return false
    end
    local calls = htableCount(DESTINATION_RATE_TABLE, (account .. ":") .. prefix)
    local verdict = prefixRateVerdict(
        calls,
        KSR.kx.get_defn(WARNING_DEFINE),
        KSR.kx.get_defn(CRITICAL_DEFINE)
    )
    if verdict == "warning" then
        ksr_route_audit_warning(
            ____exports.DESTINATION_RATE_REASON,
            KSR.pv.gete("$ua"),
            account
        )
    end
    return verdict == "critical"
end
return ____exports
 end,
["routes.settings"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local cached
--- A string define: get_def returns it as written, quotes included.
local function stringDefine(name)
    local value = KSR.kx.get_def(name)
    if type(value) ~= "string" then
        return ""
    end
    local unquoted = string.gsub(value, "^\"(.*)\"$", "%1")
    return unquoted
end
function ____exports.billingSettings()
    if cached ~= nil then
        return cached
    end
    cached = {
        numbering = {
            countryCode = stringDefine("COUNTRY_CODE"),
            internationalPrefix = stringDefine("INTERNATIONAL_PREFIX"),
            nationalPrefix = stringDefine("NATIONAL_PREFIX")
        },
        utcOffsetSeconds = KSR.kx.get_defn("UTC_OFFSET_SECONDS"),
        defaultPlan = stringDefine("DEFAULT_RATE_PLAN"),
        maxCallSeconds = KSR.kx.get_defn("MAX_CALL_SECONDS"),
        maxConcurrentCalls = KSR.kx.get_defn("MAX_CONCURRENT_CALLS"),
        spendWarning = KSR.kx.get_defn("SPEND_WARNING"),
        spendCritical = KSR.kx.get_defn("SPEND_CRITICAL")
    }
    return cached
end
return ____exports
 end,
["routes.state"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local SERVER = "state"
local REPLY = "st"
--- The value of the reply container REPLY.
local REPLY_VALUE = "$redis(st=>value)"
--- The Redis list of CDR INSERT statements that ksr_route_cdr_writer drains.
____exports.CDR_QUEUE = "cdr:queue"
--- CDR statements the database refused one by one, kept for the operator.
____exports.CDR_DEAD_LETTERS = "cdr:failed"
--- Redis key of an account's prepaid balance (minor units, what is not reserved).
function ____exports.balanceKey(account)
    return "balance:" .. account
end
--- Reserves up to `want` of the account's balance, atomically in Redis: all of `want` when the
-- balance holds it, else the whole balance, provided it holds `minimum`. Returns the reserved
-- amount, -1 when the balance is below `minimum` (or missing: no balance is 0).
local RESERVE_SCRIPT = "local b = tonumber(redis.call('GET', KEYS[1]) or '0')\nlocal want, minimum = string.match(ARGV[1], '^(%d+)|(%d+)$')\nwant = tonumber(want) minimum = tonumber(minimum)\nif b < minimum then return -1 end\nlocal r = want if b < r then r = b end\nredis.call('DECRBY', KEYS[1], r)\nreturn r"
--- Settles a call once (the key settled:<attempt> guards a second run, e.g. after a restart):
-- returns `refund` to the balance when the account is prepaid, and adds `cost` to the spend of
-- the account's clock hour (kept two hours). ARGV[1] = "attempt|refund|cost|hour|prepaid|account".
local SETTLE_SCRIPT = "local attempt, refund, cost, hour, prepaid, account =\n  string.match(ARGV[1], '^([^|]*)|(%d+)|(%d+)|(%d+)|([01])|(.*)$')\nif not attempt then return -1 end\nif not redis.call('SET', 'settled:' .. attempt, '1', 'NX', 'EX', 2592000) then return 0 end\nif prepaid == '1' and tonumber(refund) > 0 then redis.call('INCRBY', 'balance:' .. account, refund) end\nlocal spend = 'spend:' .. account .. ':' .. hour\nredis.call('INCRBY', spend, cost)\nredis.call('EXPIRE', spend, 7200)\nreturn 1"
--- The integer reply of the last command, or undefined when it failed or was not an integer.
local function integerReply(ok)
    if ok < 0 then
        return nil
    end
    return tonumber(KSR.pv.get(REPLY_VALUE)) or nil
end
--- Reserve (see RESERVE_SCRIPT); undefined when Redis cannot be reached.
function ____exports.reserveBalance(account, want, minimum)
    local args = string.format("%d|%d", want, minimum)
    return integerReply(KSR.ndb_redis.redis_cmd_p3(
        SERVER,
        "EVAL %s 1 %s %s",
        RESERVE_SCRIPT,
        ____exports.balanceKey(account),
        args,
        REPLY
    ))
end
--- Settle (see SETTLE_SCRIPT); false when Redis cannot be reached.
function ____exports.settleCall(attempt, account, prepaid, refund, cost, hour)
    local args = string.format(
        "%s|%d|%d|%d|%s|%s",
        attempt,
        refund,
        cost,
        hour,
        prepaid and "1" or "0",
        account
    )
    return integerReply(KSR.ndb_redis.redis_cmd_p2(
        SERVER,
        "EVAL %s 0 %s",
        SETTLE_SCRIPT,
        args,
        REPLY
    )) ~= nil
end
--- The account's spend in the clock hour `hour` (Unix hours), 0 when none or unknown.
function ____exports.hourlySpend(account, hour)
    local key = string.format("spend:%s:%d", account, hour)
    if KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", key, REPLY) < 0 then
        return 0
    end
    return tonumber(KSR.pv.get(REPLY_VALUE)) or 0
end
--- Whether Redis answers (PING): without it no call can be billed.
function ____exports.stateAvailable()
    return KSR.ndb_redis.redis_cmd(SERVER, "PING", REPLY) >= 0
end
--- Appends a value to a Redis list; false when Redis cannot be reached.
function ____exports.pushToList(list, value)
    return KSR.ndb_redis.redis_cmd_p2(
        SERVER,
        "RPUSH %s %s",
        list,
        value,
        REPLY
    ) >= 0
end
--- Redis key of a call's answer time (ms), kept a day.
local function answerKey(attempt)
    return "answered:" .. attempt
end
--- Keeps the answer time of a call in Redis, for the other nodes of a cluster: the dialog
-- module's DMQ replication sends the dialog variables with the INVITE, not later, so a node
-- that ends a call set up elsewhere finds the answer time here. False when Redis fails.
function ____exports.rememberAnswer(attempt, answerMs)
    return KSR.ndb_redis.redis_cmd_p3(
        SERVER,
        "SET %s %s EX %s",
        answerKey(attempt),
        string.format("%d", answerMs),
        "86400",
        REPLY
    ) >= 0
end
--- The answer time that rememberAnswer kept, 0 when none or unknown.
function ____exports.rememberedAnswer(attempt)
    if KSR.ndb_redis.redis_cmd_p1(
        SERVER,
        "GET %s",
        answerKey(attempt),
        REPLY
    ) < 0 then
        return 0
    end
    return tonumber(KSR.pv.get(REPLY_VALUE)) or 0
end
return ____exports
 end,
["routes.clock"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- The current time in Unix milliseconds (Kamailio's clock of the message being handled).
function ____exports.nowMs()
    return KSR.pv.geti("$TV(s)") * 1000 + math.floor(KSR.pv.geti("$TV(u)") / 1000)
end
return ____exports
 end,
["routes.billing"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____numbering = require("billing.numbering")
local normaliseNumber = ____numbering.normaliseNumber
local ____deck = require("billing.deck")
local decodeRateEntry = ____deck.decodeRateEntry
local ____windows = require("billing.windows")
local selectRate = ____windows.selectRate
local ____prepaid = require("billing.prepaid")
local affordableSeconds = ____prepaid.affordableSeconds
local reservationWanted = ____prepaid.reservationWanted
local ____spend = require("fraud.spend")
local spendVerdict = ____spend.spendVerdict
local ____audit = require("routes.audit")
local ksr_route_audit = ____audit.ksr_route_audit
local ksr_route_audit_warning = ____audit.ksr_route_audit_warning
local ____destination = require("routes.destination")
local DESTINATION_RATE_REASON = ____destination.DESTINATION_RATE_REASON
local destinationRateExceeded = ____destination.destinationRateExceeded
local ____settings = require("routes.settings")
local billingSettings = ____settings.billingSettings
local ____state = require("routes.state")
local hourlySpend = ____state.hourlySpend
local reserveBalance = ____state.reserveBalance
local stateAvailable = ____state.stateAvailable
local ____clock = require("routes.clock")
local nowMs = ____clock.nowMs
--- htable of per-account policy (scripts/lib loads it from the account_policy table).
local ACCOUNTS_TABLE = "accounts"
--- mtree tree of high-cost destination prefixes (fraud.highCostPrefixes).
local HIGH_COST_TREE = "highcost"
--- Where mt_match puts the matched value (mtree's pv_value default).
local MTREE_VALUE = "$avp(s:tvalue)"
--- Dialog profile of an account's calls in progress.
local CALLS_PROFILE = "calls"
local PROFILE_SIZE = "$var(calls)"
--- Dialog variable names (short: each is stored per call, in Redis).
____exports.DLG = {
    attempt = "b_id",
    account = "b_acct",
    caller = "b_from",
    callee = "b_to",
    number = "b_num",
    sourceIp = "b_ip",
    deckValue = "b_deck",
    rateIndex = "b_rate",
    startMs = "b_start",
    answerMs = "b_answer",
    prepaid = "b_prepaid",
    reserved = "b_reserved",
    maxSeconds = "b_max",
    refusedCode = "b_code",
    refusedReason = "b_reason"
}
--- An account's policy value from the accounts htable, or undefined.
local function policy(account, field)
    return KSR.htable.sht_get(ACCOUNTS_TABLE, (account .. "::") .. field)
end
local function policyNumber(account, field, fallback)
    return tonumber(policy(account, field)) or fallback
end
--- Refuses the call statefully: the dialog sees the reply, so the attempt gets its CDR with
-- this code (dialog:failed), and the audit line is logged.
local function refuseCall(code, reason, auditReason, account)
    KSR.dialog.var_sets(
        ____exports.DLG.refusedCode,
        tostring(code)
    )
    KSR.dialog.var_sets(____exports.DLG.refusedReason, reason)
    ksr_route_audit(
        auditReason,
        KSR.pv.gete("$ua"),
        account
    )
    KSR.tm.t_reply(code, reason)
    KSR.x.exit()
end
--- Every new call (initial INVITE) once authenticated: `account` is the authenticated user, whose
-- From user ksr_route_auth made sure it is ("" for a trusted peer, billed to no account: rated with the default plan, never prepaid
-- nor capped).
function ____exports.ksr_route_billing(account, fromUser)
    local settings = billingSettings()
    local startMs = nowMs()
    local dialled = KSR.pv.gete("$rU")
    local callId = KSR.pv.gete("$ci")
    KSR.dialog.dlg_manage()
    KSR.tm.t_newtran()
    KSR.dialog.var_sets(
        ____exports.DLG.attempt,
        (((callId .. ";") .. KSR.pv.gete("$ft")) .. ";") .. KSR.pv.gete("$cs")
    )
    KSR.dialog.var_sets(____exports.DLG.account, account)
    KSR.dialog.var_sets(____exports.DLG.caller, fromUser)
    KSR.dialog.var_sets(____exports.DLG.callee, dialled)
    KSR.dialog.var_sets(
        ____exports.DLG.sourceIp,
        KSR.pv.gete("$si")
    )
    KSR.dialog.var_sets(
        ____exports.DLG.startMs,
        tostring(startMs)
    )
    if not stateAvailable() then
        refuseCall(503, "Service Unavailable - billing unavailable", "billing-unavailable", account)
    end
    local number = normaliseNumber(dialled, settings.numbering)
    if number == nil then
        refuseCall(404, "Not Found - not a dialable number", "not-dialable", account)
    end
    KSR.dialog.var_sets(____exports.DLG.number, number)
    local policyAllowsHighCost = account == "" or policyNumber(account, "highcost", 0) == 1
    if not policyAllowsHighCost and KSR.mtree.mt_match(HIGH_COST_TREE, number, 0) > 0 then
        refuseCall(403, "Forbidden - high-cost destination", "high-cost", account)
    end
    local plan = account == "" and settings.defaultPlan or (policy(account, "plan") or settings.defaultPlan)
    if KSR.mtree.mt_match(
        tostring(plan),
        number,
        0
    ) < 0 then
        refuseCall(403, "Forbidden - no rate for destination", "no-rate", account)
    end
    local deckValue = KSR.pv.gete(MTREE_VALUE)
    local entry = decodeRateEntry(deckValue)
    if entry == nil then
        KSR.err(((("kamailio-ts: rate plan " .. tostring(plan)) .. " holds a malformed value for ") .. number) .. "\n")
        refuseCall(500, "Server Internal Error - rate plan", "no-rate", account)
    end
    local rates = entry.rates
    local rate = selectRate(rates, startMs / 1000, settings.utcOffsetSeconds)
    if rate == nil then
        refuseCall(403, "Forbidden - no rate for destination at this time", "no-rate", account)
    end
    local rateIndex = 0
    do
        local i = 0
        while i < #rates do
            if rates[i + 1] == rate then
                rateIndex = i
            end
            i = i + 1
        end
    end
    KSR.dialog.var_sets(____exports.DLG.deckValue, deckValue)
    KSR.dialog.var_sets(
        ____exports.DLG.rateIndex,
        tostring(rateIndex)
    )
    if account == "" then
        return
    end
    if destinationRateExceeded(account, entry.prefix) then
        refuseCall(403, "Forbidden - destination call rate exceeded", DESTINATION_RATE_REASON, account)
    end
    KSR.dialog.set_dlg_profile(CALLS_PROFILE, account)
    KSR.dialog.get_profile_size(CALLS_PROFILE, account, PROFILE_SIZE)
    if KSR.pv.geti(PROFILE_SIZE) > policyNumber(account, "maxcalls", settings.maxConcurrentCalls) then
        refuseCall(403, "Forbidden - concurrent call limit", "concurrent-calls", account)
    end
    local spend = hourlySpend(
        account,
        math.floor(startMs / 3600000)
    )
    local verdict = spendVerdict(
        spend,
        policyNumber(account, "spend_warn", settings.spendWarning),
        policyNumber(account, "spend_crit", settings.spendCritical)
    )
    if verdict == "critical" then
        refuseCall(403, "Forbidden - hourly spend limit", "spend-limit", account)
    end
    if verdict == "warning" then
        ksr_route_audit_warning(
            "spend-warning",
            KSR.pv.gete("$ua"),
            account
        )
    end
    if policyNumber(account, "prepaid", 0) ~= 1 then
        return
    end
    local want, minimum = reservationWanted(rate, settings.maxCallSeconds)
    local reserved = reserveBalance(account, want, minimum)
    if reserved == nil then
        refuseCall(503, "Service Unavailable - balance unavailable", "balance-unavailable", account)
    end
    if reserved < 0 then
        refuseCall(402, "Payment Required - insufficient balance", "insufficient-balance", account)
    end
    KSR.dialog.var_sets(____exports.DLG.prepaid, "1")
    KSR.dialog.var_sets(
        ____exports.DLG.reserved,
        tostring(reserved)
    )
    local maxSeconds = affordableSeconds(rate, reserved, settings.maxCallSeconds)
    KSR.dialog.var_sets(
        ____exports.DLG.maxSeconds,
        tostring(maxSeconds)
    )
    KSR.dialog.dlg_set_timeout(maxSeconds + 1)
end
return ____exports
 end,
["routes.cluster"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____audit = require("routes.audit")
local NO_ACCOUNT = ____audit.NO_ACCOUNT
local ksr_route_drop_audited = ____audit.ksr_route_drop_audited
--- permissions address group of the peers' DMQ sockets (scripts/lib/cluster-run.mjs).
local DMQ_PEERS_GROUP = 2
local clustered
--- Whether this node runs in a cluster (the cfg define, read once per worker).
function ____exports.isClusterNode()
    if clustered == nil then
        clustered = KSR.kx.get_defn("WITH_CLUSTER") > 0
    end
    return clustered
end
--- KDMQ requests: the peers' go to the dmq module, which answers them; others are dropped.
function ____exports.ksr_route_dmq(method)
    if method ~= "KDMQ" or not ____exports.isClusterNode() then
        return
    end
    if KSR.permissions.allow_source_address(DMQ_PEERS_GROUP) > 0 then
        KSR.dmq.handle_message()
        KSR.x.exit()
    end
    ksr_route_drop_audited(
        "dmq-foreign",
        KSR.pv.gete("$ua"),
        NO_ACCOUNT
    )
end
return ____exports
 end,
["routes.request"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____reqinit = require("routes.reqinit")
local ksr_route_reqinit = ____reqinit.ksr_route_reqinit
local ____transactions = require("routes.transactions")
local ksr_route_transactions = ____transactions.ksr_route_transactions
local ____withindlg = require("routes.withindlg")
local ksr_route_withindlg = ____withindlg.ksr_route_withindlg
local ____auth = require("routes.auth")
local isTrustedSource = ____auth.isTrustedSource
local ksr_route_auth = ____auth.ksr_route_auth
local ____screen = require("routes.screen")
local ksr_route_screen_untrusted = ____screen.ksr_route_screen_untrusted
local ____relay = require("routes.relay")
local ksr_route_to_gateways = ____relay.ksr_route_to_gateways
local ____velocity = require("routes.velocity")
local ksr_route_call_rate = ____velocity.ksr_route_call_rate
local ____billing = require("routes.billing")
local ksr_route_billing = ____billing.ksr_route_billing
local ____audit = require("routes.audit")
local ksr_route_audit = ____audit.ksr_route_audit
local ____cluster = require("routes.cluster")
local ksr_route_dmq = ____cluster.ksr_route_dmq
--- Keep-alive OPTIONS addressed to the proxy itself (no user part) get 200.
local function ksr_route_keepalive(method)
    if method ~= "OPTIONS" or not KSR.is_myself_ruri() or KSR.pv.gete("$rU") ~= "" then
        return
    end
    KSR.sl.sl_send_reply(200, "Keepalive")
    KSR.x.exit()
end
--- New requests must be for a domain we serve (our addresses or the config's domains); others
-- (relay attempts) get 403, audited `relay-denied`.
local function ksr_route_served_domain(account)
    if KSR.is_myself_ruri() then
        return
    end
    ksr_route_audit(
        "relay-denied",
        KSR.pv.gete("$ua"),
        account
    )
    KSR.sl.sl_send_reply(403, "Relaying Forbidden - domain not served")
    KSR.x.exit()
end
--- Topology hiding beyond topos: the From URI's host is the caller's, so the far side gets the
-- domain the call was addressed to (ours) instead; uac restores the original in replies and
-- in-dialog requests (restore_mode auto).
local function ksr_route_hide_from(fromUser)
    local servedDomain = KSR.pv.gete("$rd")
    KSR.uac.uac_replace_from_uri(fromUser == "" and "sip:" .. servedDomain or (("sip:" .. fromUser) .. "@") .. servedDomain)
end
--- Every SIP request: the order of the KEMI example (reqinit, ban, flood and scanner checks, CANCEL,
-- in-dialog, initial: auth, served domain, call rate and destination call rate of new calls, relay).
function ____exports.ksr_request_route()
    local method = KSR.pv.gete("$rm")
    ksr_route_reqinit()
    ksr_route_dmq(method)
    local trusted = isTrustedSource()
    if not trusted then
        ksr_route_screen_untrusted()
    end
    ksr_route_transactions(method)
    ksr_route_withindlg(method)
    ksr_route_keepalive(method)
    local account = ksr_route_auth(trusted)
    ksr_route_served_domain(account)
    local fromUser = KSR.pv.gete("$fU")
    if method == "INVITE" then
        ksr_route_call_rate(trusted, account)
        ksr_route_billing(account, fromUser)
    end
    ksr_route_hide_from(fromUser)
    KSR.rr.record_route()
    ksr_route_to_gateways(method)
end
return ____exports
 end,
["routes.replies"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Kamailio's log level of debug messages (L_DBG): below it, KSR.dbg prints nothing.
local DEBUG_LEVEL = 3
--- Every reply Kamailio receives, before transaction matching.
function ____exports.ksr_reply_route()
    if KSR.get_debug() >= DEBUG_LEVEL then
        KSR.dbg(((((("reply " .. KSR.pv.gete("$rs")) .. " ") .. KSR.pv.gete("$rr")) .. " for ") .. KSR.pv.gete("$rm")) .. "\n")
    end
    if KSR.tm.t_check_trans() < 0 then
        KSR.x.drop()
    end
end
--- Replies of transactions relayed by ksr_route_relay: the hook point for billing.
function ____exports.ksr_onreply_manage()
    if KSR.get_debug() >= DEBUG_LEVEL then
        KSR.dbg(((("onreply " .. KSR.pv.gete("$rs")) .. " from ") .. KSR.pv.gete("$si")) .. "\n")
    end
end
return ____exports
 end,
["billing.cdr"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____line = require("audit.line")
local logSafe = ____line.logSafe
local ____integer = require("billing.integer")
local ceilDiv = ____integer.ceilDiv
local ____money = require("billing.money")
local formatMoney = ____money.formatMoney
--- Longest text kept in a CDR column: a hostile header cannot bloat the table.
local SQL_TEXT_MAX = 256
--- A text value as an SQL string literal for SQLite and PostgreSQL: cut to SQL_TEXT_MAX bytes,
-- NUL bytes dropped (neither database stores them in text), quotes doubled; with
-- standard_conforming_strings (PostgreSQL's default), backslashes are plain characters in
-- both. So the value stays one literal, whatever it holds.
function ____exports.sqlText(value)
    local cut = #value > SQL_TEXT_MAX and string.sub(value, 1, SQL_TEXT_MAX) or value
    local withoutNul = string.gsub(cut, "%z", "")
    local quoted = string.gsub(withoutNul, "'", "''")
    return ("'" .. quoted) .. "'"
end
--- An integer as SQL: digits only (%d of a whole number), never a text that could be SQL.
local function sqlInteger(value)
    return string.format("%d", value)
end
--- The columns of the cdr table (scripts/lib/cdr-db.mjs creates it), in INSERT order.
____exports.CDR_COLUMNS = "attempt_id, call_id, account, caller, callee, number, source_ip, destination, prefix, rate_id, " .. "start_ms, answer_ms, end_ms, duration_ms, billable_seconds, cost, sip_code, sip_reason, end_reason"
--- The INSERT of a CDR, idempotent on attempt_id: the CDR writer may run it twice (after a
-- crash between commit and dequeue) and the table keeps one row. Valid in SQLite and PostgreSQL.
function ____exports.cdrInsertSql(r)
    local texts = {
        ____exports.sqlText(r.attemptId),
        ____exports.sqlText(r.callId),
        ____exports.sqlText(r.account),
        ____exports.sqlText(r.caller),
        ____exports.sqlText(r.callee),
        ____exports.sqlText(r.number),
        ____exports.sqlText(r.sourceIp),
        ____exports.sqlText(r.destination),
        ____exports.sqlText(r.prefix),
        ____exports.sqlText(r.rateId)
    }
    local numbers = {
        sqlInteger(r.startMs),
        sqlInteger(r.answerMs),
        sqlInteger(r.endMs),
        sqlInteger(r.durationMs),
        sqlInteger(r.billableSeconds),
        sqlInteger(r.cost),
        sqlInteger(r.sipCode)
    }
    return (((((("INSERT INTO cdr (" .. ____exports.CDR_COLUMNS) .. ") VALUES (") .. table.concat(texts, ", ")) .. ", ") .. table.concat(numbers, ", ")) .. ", ") .. ((____exports.sqlText(r.sipReason) .. ", ") .. ____exports.sqlText(r.endReason)) .. ") ON CONFLICT (attempt_id) DO NOTHING"
end
--- The log line of a rated call, the brief's format made parseable whatever the headers hold:
-- `CALL BILLING - Call-ID: "...", From: "...", To: "...", Duration: 120 sec, Cost: 6.00, ...`.
-- Quoted values are escaped (logSafe: no value can end the line or close its quotes);
-- Duration is the started seconds from answer to end, Billable the seconds rated.
function ____exports.billingLine(r)
    local seconds = ceilDiv(r.durationMs, 1000)
    return (((((((("CALL BILLING - Call-ID: \"" .. logSafe(r.callId)) .. "\", From: \"") .. logSafe(r.caller)) .. "\", To: \"") .. logSafe(r.callee)) .. "\", ") .. ((((("Duration: " .. tostring(seconds)) .. " sec, Cost: ") .. formatMoney(r.cost)) .. ", Account: \"") .. logSafe(r.account)) .. "\", ") .. ((((((("Number: \"" .. r.number) .. "\", Prefix: \"") .. r.prefix) .. "\", Rate: \"") .. logSafe(r.rateId)) .. "\", Billable: ") .. tostring(r.billableSeconds)) .. " sec, ") .. (((("DurationMs: " .. tostring(r.durationMs)) .. ", End: ") .. r.endReason) .. ", Source: ") .. r.sourceIp
end
return ____exports
 end,
["routes.calls-end"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____increments = require("billing.increments")
local billableSeconds = ____increments.billableSeconds
local ____cost = require("billing.cost")
local costOfSeconds = ____cost.costOfSeconds
local ____cdr = require("billing.cdr")
local billingLine = ____cdr.billingLine
local cdrInsertSql = ____cdr.cdrInsertSql
local ____deck = require("billing.deck")
local decodeRateEntry = ____deck.decodeRateEntry
local ____line = require("audit.line")
local logSafe = ____line.logSafe
local ____billing = require("routes.billing")
local DLG = ____billing.DLG
local ____clock = require("routes.clock")
local nowMs = ____clock.nowMs
local ____state = require("routes.state")
local CDR_QUEUE = ____state.CDR_QUEUE
local pushToList = ____state.pushToList
local rememberAnswer = ____state.rememberAnswer
local rememberedAnswer = ____state.rememberedAnswer
local settleCall = ____state.settleCall
local ____cluster = require("routes.cluster")
local isClusterNode = ____cluster.isClusterNode
local function dialogVar(name)
    local value = KSR.dialog.var_get(name)
    return value == nil and "" or tostring(value)
end
local function dialogNumber(name)
    return tonumber(KSR.dialog.var_get(name)) or 0
end
--- A call attempt's record from the dialog variables, before the end is known.
local function recordFromDialog(endMs)
    local attemptId = dialogVar(DLG.attempt)
    local answerMs = dialogNumber(DLG.answerMs)
    if answerMs == 0 and isClusterNode() then
        answerMs = rememberedAnswer(attemptId)
    end
    return {
        attemptId = attemptId,
        callId = KSR.pv.gete("$dlg(callid)"),
        account = dialogVar(DLG.account),
        caller = dialogVar(DLG.caller),
        callee = dialogVar(DLG.callee),
        number = dialogVar(DLG.number),
        sourceIp = dialogVar(DLG.sourceIp),
        destination = "",
        prefix = "",
        rateId = "",
        startMs = dialogNumber(DLG.startMs),
        answerMs = answerMs,
        endMs = endMs,
        durationMs = 0,
        billableSeconds = 0,
        cost = 0,
        sipCode = 200,
        sipReason = "OK",
        endReason = "bye"
    }
end
--- Queues the CDR and logs the CALL BILLING line; a CDR Redis refuses is logged whole.
local function queueCdr(record)
    local sql = cdrInsertSql(record)
    if not pushToList(CDR_QUEUE, sql) then
        KSR.crit(("kamailio-ts cdr-not-queued sql=\"" .. logSafe(sql)) .. "\"\n")
    end
end
--- Settles the call's prepaid reservation and its hourly spend, once.
local function settle(record)
    local prepaid = dialogVar(DLG.prepaid) == "1"
    local refund = prepaid and dialogNumber(DLG.reserved) - record.cost or 0
    if record.account == "" then
        return
    end
    if not settleCall(
        record.attemptId,
        record.account,
        prepaid,
        refund > 0 and refund or 0,
        record.cost,
        math.floor(record.endMs / 3600000)
    ) then
        KSR.crit(((((("kamailio-ts settle-failed attempt=\"" .. logSafe(record.attemptId)) .. "\" refund=") .. tostring(refund)) .. " cost=") .. tostring(record.cost)) .. "\n")
    end
end
--- An answered call ended: rated from answer to end, capped at a prepaid call's limit.
local function rateEndedCall()
    local record = recordFromDialog(nowMs())
    local entry = decodeRateEntry(dialogVar(DLG.deckValue))
    local ____temp_0
    if entry == nil then
        ____temp_0 = nil
    else
        ____temp_0 = entry.rates[dialogNumber(DLG.rateIndex) + 1]
    end
    local rate = ____temp_0
    local answered = record.answerMs > 0 and record.answerMs or record.endMs
    local durationMs = record.endMs - answered
    local maxSeconds = dialogNumber(DLG.maxSeconds)
    if maxSeconds > 0 and durationMs > maxSeconds * 1000 then
        durationMs = maxSeconds * 1000
    end
    record.durationMs = durationMs < 0 and 0 or durationMs
    record.endReason = KSR.pv.gete("$rm") == "BYE" and "bye" or "timeout"
    if entry ~= nil and rate ~= nil then
        record.destination = entry.destination
        record.prefix = entry.prefix
        record.rateId = rate.id
        record.billableSeconds = billableSeconds(rate, record.durationMs)
        record.cost = costOfSeconds(rate, record.billableSeconds)
    else
        KSR.crit(("kamailio-ts call without a rate: attempt=\"" .. logSafe(record.attemptId)) .. "\"\n")
    end
    settle(record)
    queueCdr(record)
    KSR.notice(billingLine(record) .. "\n")
end
--- A call that was never answered: its final code, no cost; its reservation returned.
local function recordFailedCall()
    local record = recordFromDialog(nowMs())
    local refusedCode = dialogNumber(DLG.refusedCode)
    if refusedCode > 0 then
        record.sipCode = refusedCode
        record.sipReason = dialogVar(DLG.refusedReason)
    elseif KSR.siputils.is_reply() > 0 then
        record.sipCode = KSR.pv.geti("$rs")
        record.sipReason = KSR.pv.gete("$rr")
    else
        record.sipCode = 408
        record.sipReason = "Request Timeout"
    end
    record.answerMs = 0
    record.endReason = record.sipCode == 487 and "cancelled" or "failed"
    settle(record)
    queueCdr(record)
end
--- The dialog module's event callback (kamailio.cfg: modparam dialog event_callback).
function ____exports.ksr_dialog_event(event)
    if event == "dialog:start" then
        local answerMs = nowMs()
        KSR.dialog.var_sets(
            DLG.answerMs,
            tostring(answerMs)
        )
        if isClusterNode() and not rememberAnswer(
            dialogVar(DLG.attempt),
            answerMs
        ) then
            KSR.crit(("kamailio-ts answer-not-shared attempt=\"" .. logSafe(dialogVar(DLG.attempt))) .. "\"\n")
        end
    elseif event == "dialog:end" then
        rateEndedCall()
    elseif event == "dialog:failed" then
        recordFailedCall()
    end
end
return ____exports
 end,
["routes.cdr-writer"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____state = require("routes.state")
local CDR_DEAD_LETTERS = ____state.CDR_DEAD_LETTERS
local CDR_QUEUE = ____state.CDR_QUEUE
local pushToList = ____state.pushToList
local SERVER = "state"
local BATCH = 200
local QUEUE_REPLY = "cq"
local QUEUE_SIZE = "$redis(cq=>size)"
--- sqlops connection (kamailio.cfg CDR_SQLCON) and its result container.
local CONNECTION = "cdr"
local RESULT = "cdrw"
--- The writers' lock: its key, and how long (ms) a holder that stopped keeps it.
local LOCK_KEY = "cdr:writer"
local LOCK_MS = "2000"
--- Removes the batch only while its writer holds the lock. ARGV[1] = "holder|count".
local TRIM_IF_HOLDER = ((("local holder, count = string.match(ARGV[1], '^(.*)|(%d+)$')\nif redis.call('GET', '" .. LOCK_KEY) .. "') ~= holder then return 0 end\nredis.call('LTRIM', '") .. CDR_QUEUE) .. "', tonumber(count), -1)\nreturn 1"
local holder
--- This writer's name in the lock: the node (cfg define CLUSTER_NODE) and the process.
local function lockHolder()
    if holder == nil then
        local node = string.gsub(
            tostring(KSR.kx.get_def("CLUSTER_NODE")),
            "\"",
            ""
        )
        holder = (node .. ":") .. KSR.pv.gete("$pp")
    end
    return holder
end
--- Takes or renews the lock; false when another writer holds it or Redis fails.
local function holdLock()
    local me = lockHolder()
    if KSR.ndb_redis.redis_cmd_p3(
        SERVER,
        "SET %s %s NX PX %s",
        LOCK_KEY,
        me,
        LOCK_MS,
        QUEUE_REPLY
    ) >= 0 and KSR.pv.gete("$redis(cq=>value)") == "OK" then
        return true
    end
    if KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", LOCK_KEY, QUEUE_REPLY) < 0 or KSR.pv.gete("$redis(cq=>value)") ~= me then
        return false
    end
    return KSR.ndb_redis.redis_cmd_p3(
        SERVER,
        "SET %s %s PX %s",
        LOCK_KEY,
        me,
        LOCK_MS,
        QUEUE_REPLY
    ) >= 0
end
--- sqlops 5.6.3's KEMI sql_query returns 0 on success (unlike the cfg function), -1 on error.
local function execute(sql)
    return KSR.sqlops.sql_query(CONNECTION, sql, RESULT) >= 0
end
--- The queued statement at `index` of the last LRANGE.
local function queued(index)
    return tostring(KSR.pv.get(("$redis(cq=>value[" .. tostring(index)) .. "])"))
end
--- One statement at a time, after a batch failed: the ones the database refuses go to the dead
-- letter list (logged), so one bad row never blocks the queue. False when the database itself
-- is unavailable (the batch stays queued).
local function writeOneByOne(count)
    do
        local i = 0
        while i < count do
            local sql = queued(i)
            if not execute(sql) then
                if not execute("SELECT 1") then
                    return false
                end
                KSR.err(("kamailio-ts cdr-refused queued in " .. CDR_DEAD_LETTERS) .. "\n")
                pushToList(CDR_DEAD_LETTERS, sql)
            end
            i = i + 1
        end
    end
    return true
end
function ____exports.ksr_route_cdr_writer()
    if not holdLock() then
        return
    end
    if KSR.ndb_redis.redis_cmd_p3(
        SERVER,
        "LRANGE %s %s %s",
        CDR_QUEUE,
        "0",
        tostring(BATCH - 1),
        QUEUE_REPLY
    ) < 0 then
        return
    end
    local count = KSR.pv.geti(QUEUE_SIZE)
    if count <= 0 then
        return
    end
    local written = execute("BEGIN")
    do
        local i = 0
        while written and i < count do
            written = execute(queued(i))
            i = i + 1
        end
    end
    if written then
        written = execute("COMMIT")
    end
    if not written then
        execute("ROLLBACK")
        if not writeOneByOne(count) then
            return
        end
    end
    KSR.ndb_redis.redis_cmd_p2(
        SERVER,
        "EVAL %s 0 %s",
        TRIM_IF_HOLDER,
        string.format(
            "%s|%d",
            lockHolder(),
            count
        ),
        QUEUE_REPLY
    )
end
return ____exports
 end,
["routes.http"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- HTTP requests that reach a TCP listen socket (xhttp, event_callback in kamailio.cfg): GET
-- /metrics gets the Prometheus metrics (xhttp_prom: the refusal and warning counters per
-- reason), any other path 404. These requests never run the SIP routes, so no SIP screening
-- (bans, pike, scanners) applies to them.
function ____exports.ksr_xhttp_event(_event)
    if KSR.xhttp_prom.check_uri() > 0 then
        KSR.xhttp_prom.dispatch()
        return
    end
    KSR.xhttp.xhttp_reply(404, "Not Found", "text/plain", "")
end
return ____exports
 end,
["billing.prefix"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
function ____exports.newPrefixTable()
    return {entries = {}, longest = 0}
end
--- Adds or replaces the value of a prefix.
function ____exports.addPrefix(prefixes, prefix, value)
    prefixes.entries[prefix] = value
    if #prefix > prefixes.longest then
        prefixes.longest = #prefix
    end
end
--- The value of the longest prefix of `digits` in the table, and that prefix; undefined (nil,
-- nil in Lua) when no prefix matches. Probes at most min(#digits, longest) + 1 entries.
function ____exports.longestPrefixMatch(prefixes, digits)
    local entries = prefixes.entries
    local length = #digits < prefixes.longest and #digits or prefixes.longest
    while length >= 0 do
        local prefix = string.sub(digits, 1, length)
        local value = entries[prefix]
        if value ~= nil then
            return value, prefix
        end
        length = length - 1
    end
    return nil, nil
end
return ____exports
 end,
["main"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____modules = require("kemi.modules")
local assertKsrModulesLoaded = ____modules.assertKsrModulesLoaded
local ____request = require("routes.request")
local requestRoute = ____request.ksr_request_route
local ____replies = require("routes.replies")
local replyRoute = ____replies.ksr_reply_route
local onReplyManage = ____replies.ksr_onreply_manage
local ____relay = require("routes.relay")
local failureManage = ____relay.ksr_failure_manage
local ____calls_2Dend = require("routes.calls-end")
local dialogEvent = ____calls_2Dend.ksr_dialog_event
local ____cdr_2Dwriter = require("routes.cdr-writer")
local cdrWriter = ____cdr_2Dwriter.ksr_route_cdr_writer
local ____http = require("routes.http")
local xhttpEvent = ____http.ksr_xhttp_event
do
    local ____line = require("audit.line")
    ____exports.AUDIT_VALUE_MAX = ____line.AUDIT_VALUE_MAX
    ____exports.logSafe = ____line.logSafe
    ____exports.auditLine = ____line.auditLine
end
do
    local ____banning = require("fraud.banning")
    ____exports.banAfterFailures = ____banning.banAfterFailures
end
do
    local ____velocity = require("fraud.velocity")
    ____exports.callRateVerdict = ____velocity.callRateVerdict
end
do
    local ____destination = require("fraud.destination")
    ____exports.prefixRateVerdict = ____destination.prefixRateVerdict
end
do
    local ____integer = require("billing.integer")
    ____exports.floorDiv = ____integer.floorDiv
    ____exports.ceilDiv = ____integer.ceilDiv
    ____exports.floorMod = ____integer.floorMod
    ____exports.divRoundHalfUp = ____integer.divRoundHalfUp
end
do
    local ____money = require("billing.money")
    ____exports.MINOR_PER_UNIT = ____money.MINOR_PER_UNIT
    ____exports.parseMoney = ____money.parseMoney
    ____exports.formatMoney = ____money.formatMoney
end
do
    local ____numbering = require("billing.numbering")
    ____exports.normaliseNumber = ____numbering.normaliseNumber
end
do
    local ____prefix = require("billing.prefix")
    ____exports.newPrefixTable = ____prefix.newPrefixTable
    ____exports.addPrefix = ____prefix.addPrefix
    ____exports.longestPrefixMatch = ____prefix.longestPrefixMatch
end
do
    local ____rate = require("billing.rate")
    ____exports.MAX_PRICE = ____rate.MAX_PRICE
    ____exports.MAX_INCREMENT = ____rate.MAX_INCREMENT
    ____exports.MAX_DURATION_MS = ____rate.MAX_DURATION_MS
    ____exports.rateProblem = ____rate.rateProblem
end
do
    local ____increments = require("billing.increments")
    ____exports.billableSeconds = ____increments.billableSeconds
end
do
    local ____cost = require("billing.cost")
    ____exports.costOfSeconds = ____cost.costOfSeconds
    ____exports.callCost = ____cost.callCost
end
do
    local ____windows = require("billing.windows")
    ____exports.localWeekdayAndSecond = ____windows.localWeekdayAndSecond
    ____exports.selectRate = ____windows.selectRate
end
do
    local ____prepaid = require("billing.prepaid")
    ____exports.affordableSeconds = ____prepaid.affordableSeconds
    ____exports.reservationWanted = ____prepaid.reservationWanted
end
do
    local ____cdr = require("billing.cdr")
    ____exports.sqlText = ____cdr.sqlText
    ____exports.cdrInsertSql = ____cdr.cdrInsertSql
    ____exports.billingLine = ____cdr.billingLine
end
do
    local ____spend = require("fraud.spend")
    ____exports.spendVerdict = ____spend.spendVerdict
end
do
    local ____deck = require("billing.deck")
    ____exports.decodeRateEntry = ____deck.decodeRateEntry
end
assertKsrModulesLoaded()
ksr_request_route = requestRoute
ksr_reply_route = replyRoute
ksr_onreply_manage = onReplyManage
ksr_failure_manage = failureManage
ksr_dialog_event = dialogEvent
ksr_route_cdr_writer = cdrWriter
ksr_xhttp_event = xhttpEvent
return ____exports
 end,
}
local ____entry = require("main", ...)
return ____entry
