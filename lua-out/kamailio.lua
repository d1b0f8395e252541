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
--- [KSR sub-table, module file] for every non-core KSR module that src/ calls.
____exports.USED_KSR_MODULES = {
    {"auth", "auth.so"},
    {"auth_db", "auth_db.so"},
    {"dispatcher", "dispatcher.so"},
    {"htable", "htable.so"},
    {"kx", "kemix.so"},
    {"maxfwd", "maxfwd.so"},
    {"permissions", "permissions.so"},
    {"pike", "pike.so"},
    {"regex", "regex.so"},
    {"rr", "rr.so"},
    {"sanity", "sanity.so"},
    {"siputils", "siputils.so"},
    {"sl", "sl.so"},
    {"textopsx", "textopsx.so"},
    {"tm", "tm.so"},
    {"tmx", "tmx.so"},
    {"uac", "uac.so"}
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
--- The audit line of a request the proxy refused or dropped (without its newline):
-- `kamailio-ts refused reason=<code> ua="..." from="..." ruri_user="..." callid="..." src=<ip>:<port>`.
-- The reason is one of ours; the quoted values come from the message and are escaped (logSafe);
-- the source address, which no message can forge, comes last (IPv6 in brackets).
function ____exports.refusedLine(reason, srcIp, srcPort, userAgent, from, ruriUser, callId)
    local host = (string.find(srcIp, ":", 1, true)) == nil and srcIp or ("[" .. srcIp) .. "]"
    local values = ((((((("ua=\"" .. ____exports.logSafe(userAgent)) .. "\" from=\"") .. ____exports.logSafe(from)) .. "\" ruri_user=\"") .. ____exports.logSafe(ruriUser)) .. "\" callid=\"") .. ____exports.logSafe(callId)) .. "\""
    return (((((("kamailio-ts refused reason=" .. reason) .. " ") .. values) .. " src=") .. host) .. ":") .. srcPort
end
return ____exports
 end,
["routes.screen"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____line = require("audit.line")
local refusedLine = ____line.refusedLine
--- regex module group of the deployment config's scanner User-Agents (the run's groups file).
local SCANNER_GROUP = 0
--- htable of banned source addresses (kamailio.cfg: key the source IP, autoexpire the config's
-- fraud.authFailures.bantime, none for a ban until lifted); src/routes/auth.ts (failed
-- authentications) and src/routes/velocity.ts (call rate) add to it.
____exports.BANS_TABLE = "ipban"
--- Logs the audit line (NOTICE) of a request refused or dropped for `reason`, with the
-- request's values and its source address last (src/audit/line.ts).
function ____exports.ksr_route_audit(reason, userAgent)
    local from = KSR.pv.gete("$fu")
    local line = refusedLine(
        reason,
        KSR.pv.gete("$si"),
        KSR.pv.gete("$sp"),
        userAgent,
        from,
        KSR.pv.gete("$rU"),
        KSR.pv.gete("$ci")
    )
    KSR.notice(line .. "\n")
end
--- Drops the request without any reply, after its audit line (NOTICE): a flood, a scanner or a
-- banned address gets nothing back, not even a sign that a SIP server listens here.
function ____exports.ksr_route_drop_audited(reason, userAgent)
    ____exports.ksr_route_audit(reason, userAgent)
    KSR.x.drop()
end
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
        ____exports.ksr_route_drop_audited("ban-drop", userAgent)
    end
    if KSR.pike.pike_check_req() < 0 then
        ____exports.ksr_route_drop_audited("flood", userAgent)
    end
    if userAgent ~= "" and KSR.regex.pcre_match_group(userAgent, SCANNER_GROUP) > 0 then
        ____exports.ksr_route_drop_audited("scanner", userAgent)
    end
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
["routes.auth"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____banning = require("fraud.banning")
local banAfterFailures = ____banning.banAfterFailures
local ____screen = require("routes.screen")
local BANS_TABLE = ____screen.BANS_TABLE
local ksr_route_audit = ____screen.ksr_route_audit
local ksr_route_drop_audited = ____screen.ksr_route_drop_audited
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
--- Wrong credentials from an untrusted source: one audit line (auth-failure), then the source
-- address's failure is counted (htable, shared by all workers); past fraud.authFailures.maxretry
-- within findtime, the address is banned (audit line `banned`) and this request is dropped
-- without reply like every later one until the ban ends (ksr_route_screen_untrusted). Else
-- the request gets 403 with `reason`.
local function ksr_route_auth_failed(reason)
    local userAgent = KSR.pv.gete("$ua")
    ksr_route_audit("auth-failure", userAgent)
    local source = KSR.pv.gete("$si")
    local failures = htableCount(AUTH_FAILURES_TABLE, source)
    if banAfterFailures(
        failures,
        KSR.kx.get_defn(MAXRETRY_DEFINE)
    ) then
        KSR.htable.sht_seti(BANS_TABLE, source, 1)
        KSR.htable.sht_rm(AUTH_FAILURES_TABLE, source)
        ksr_route_drop_audited("banned", userAgent)
    end
    KSR.sl.sl_send_reply(403, reason)
    KSR.x.exit()
end
--- Who may place calls: trusted peers (by address: `trusted`, from isTrustedSource); everyone
-- else authenticates (digest, the subscriber table), and the account is the caller: a From
-- user that is not the authenticated account is refused. A request without credentials (or
-- with a stale nonce) is challenged, which never counts as a failure; wrong credentials get
-- 403 (so they are never mistaken for a first challenge) and count towards a ban.
function ____exports.ksr_route_auth(trusted)
    if trusted then
        return
    end
    local realm = KSR.pv.gete("$fd")
    local result = KSR.auth_db.auth_check(realm, SUBSCRIBERS, AUTH_USER_IS_CALLER)
    if result > 0 then
        KSR.auth.consume_credentials()
        return
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
local ksr_route_audit = ____screen.ksr_route_audit
local ksr_route_drop_audited = ____screen.ksr_route_drop_audited
local ____counters = require("routes.counters")
local htableCount = ____counters.htableCount
--- htable of new calls per source IP (key `ip:<address>`) and per account (`account:<user>`)
-- (kamailio.cfg: autoexpire 60, updateexpire 0: a fixed one-minute window from a key's first call).
local CALL_RATE_TABLE = "callrate"
--- cfg defines of fraud.callRate (scripts/lib/kamailio-run.mjs renders them).
local LIMIT_DEFINE = "CALL_RATE_LIMIT"
local BAN_DEFINE = "CALL_RATE_BAN"
--- Call velocity of an initial INVITE, after authentication: each new call counts once for its
-- source IP and once for its account (the authenticated user, which auth_check made sure is
-- the From user). More than fraud.callRate.callsPerMinute within a minute, by either count,
-- gets 503 (audit line `call-rate`); more than banCallsPerMinute bans the source IP like failed
-- authentications do (htable BANS_TABLE, audit `banned`) and the request is dropped without
-- reply. Trusted peers (carriers, PBXs) are exempt: they are not limited per IP, and they
-- never authenticate, so they have no account to limit either.
function ____exports.ksr_route_call_rate(trusted)
    if trusted then
        return
    end
    local source = KSR.pv.gete("$si")
    local sourceKey = "ip:" .. source
    local sourceCalls = htableCount(CALL_RATE_TABLE, sourceKey)
    local accountCalls = htableCount(
        CALL_RATE_TABLE,
        "account:" .. KSR.pv.gete("$fU")
    )
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
    ksr_route_audit("call-rate", userAgent)
    if verdict == "ban" then
        KSR.htable.sht_seti(BANS_TABLE, source, 1)
        KSR.htable.sht_rm(CALL_RATE_TABLE, sourceKey)
        ksr_route_drop_audited("banned", userAgent)
    end
    KSR.sl.sl_send_reply(503, "Service Unavailable - call rate exceeded")
    KSR.x.exit()
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
--- Keep-alive OPTIONS addressed to the proxy itself (no user part) get 200.
local function ksr_route_keepalive(method)
    if method ~= "OPTIONS" or not KSR.is_myself_ruri() or KSR.pv.gete("$rU") ~= "" then
        return
    end
    KSR.sl.sl_send_reply(200, "Keepalive")
    KSR.x.exit()
end
--- New requests must be for a domain we serve (our addresses or the config's domains).
local function ksr_route_served_domain()
    if KSR.is_myself_ruri() then
        return
    end
    KSR.sl.sl_send_reply(403, "Relaying Forbidden - domain not served")
    KSR.x.exit()
end
--- Topology hiding beyond topos: the From URI's host is the caller's, so the far side gets the
-- domain the call was addressed to (ours) instead; uac restores the original in replies and
-- in-dialog requests (restore_mode auto).
local function ksr_route_hide_from()
    local fromUser = KSR.pv.gete("$fU")
    local servedDomain = KSR.pv.gete("$rd")
    KSR.uac.uac_replace_from_uri(fromUser == "" and "sip:" .. servedDomain or (("sip:" .. fromUser) .. "@") .. servedDomain)
end
--- Every SIP request: the order of the KEMI example (reqinit, ban, flood and scanner checks, CANCEL,
-- in-dialog, initial: auth, served domain, call rate of new calls, relay).
function ____exports.ksr_request_route()
    local method = KSR.pv.gete("$rm")
    ksr_route_reqinit()
    local trusted = isTrustedSource()
    if not trusted then
        ksr_route_screen_untrusted()
    end
    ksr_route_transactions(method)
    ksr_route_withindlg(method)
    ksr_route_keepalive(method)
    ksr_route_auth(trusted)
    ksr_route_served_domain()
    if method == "INVITE" then
        ksr_route_call_rate(trusted)
    end
    ksr_route_hide_from()
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
    return -____exports.floorDiv(-a, b)
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
do
    local ____line = require("audit.line")
    ____exports.AUDIT_VALUE_MAX = ____line.AUDIT_VALUE_MAX
    ____exports.logSafe = ____line.logSafe
    ____exports.refusedLine = ____line.refusedLine
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
    local ____deck = require("billing.deck")
    ____exports.decodeRateEntry = ____deck.decodeRateEntry
end
assertKsrModulesLoaded()
ksr_request_route = requestRoute
ksr_reply_route = replyRoute
ksr_onreply_manage = onReplyManage
ksr_failure_manage = failureManage
return ____exports
 end,
}
local ____entry = require("main", ...)
return ____entry
