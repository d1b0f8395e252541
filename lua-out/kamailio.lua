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
["kemi.error-positions"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- What app_lua raises for KSR.x.exit() and KSR.x.drop(): the end of a route, not an error.
local KSR_EXIT = "~~ksr~exit~~"
local ____opt_0 = debug.getinfo(1, "S")
--- How Lua names this bundle in error positions (its chunk name, shortened as Lua does).
local BUNDLE = ____opt_0 and ____opt_0.short_src or "?"
--- Frames of the TS call chain reported at most.
local MAX_FRAMES = 8
--- Bundle lines looked back for a mapped one (a line TSTL emitted without a mapping).
local MAX_LOOKBACK = 20
--- This file: its callRoute frame is where a route's call chain ends.
local THIS_FILE = "src/kemi/error-positions.ts"
--- The bundle's line map, parsed on first use: bundle line -> TS file, and -> TS line.
local mapFiles
local mapLines
local function loadLineMap()
    local ____require_result_2 = require("kemi.line-map")
    local files = ____require_result_2.files
    local entries = ____require_result_2.entries
    local fileOf = {}
    local lineOf = {}
    for bundleLine, fileIndex, tsLine in string.gmatch(entries, "(%d+),(%d+),(%d+);") do
        fileOf[tonumber(bundleLine)] = files[tonumber(fileIndex)]
        lineOf[tonumber(bundleLine)] = tonumber(tsLine)
    end
    mapFiles = fileOf
    mapLines = lineOf
end
--- "src/file.ts:LINE" for a line of this bundle, or undefined when nothing near maps.
function ____exports.tsPosition(bundleLine)
    if mapFiles == nil then
        loadLineMap()
    end
    do
        local line = bundleLine
        while line > 0 and line > bundleLine - MAX_LOOKBACK do
            local file = mapFiles[line]
            if file ~= nil then
                return (file .. ":") .. tostring(mapLines[line])
            end
            line = line - 1
        end
    end
    return nil
end
--- TS positions of the Lua frames of this bundle, innermost first, " < " between them, from
-- the frame that raised the error out to the route (callRoute, in this file, ends the walk).
-- Called by the handler only: level 1 is this function, 2 the handler, 3 the raising function.
local function tsCallChain()
    local positions = {}
    do
        local level = 3
        while #positions < MAX_FRAMES do
            local frame = debug.getinfo(level, "Sl")
            if frame == nil then
                break
            end
            local line = frame.short_src == BUNDLE and (frame.currentline or 0) or 0
            local ____temp_3
            if line > 0 then
                ____temp_3 = ____exports.tsPosition(line)
            else
                ____temp_3 = nil
            end
            local position = ____temp_3
            if position ~= nil and string.sub(position, 1, #THIS_FILE + 1) == THIS_FILE .. ":" then
                break
            end
            if position ~= nil then
                positions[#positions + 1] = position
            end
            level = level + 1
        end
    end
    return table.concat(positions, " < ")
end
local function escapedByte(byte)
    return string.format(
        "\\x%02x",
        string.byte(byte)
    )
end
--- xpcall handler: the exit string and non-string errors unchanged; a message positioned in
-- this bundle (Lua positions errors of library functions at their caller) gets the TS position
-- instead, one positioned nowhere (`error(text, 0)`) the innermost bundle frame's; each ends
-- with the TS call chain, e.g. "(ts: a.ts:3 < b.ts:9; lua: kamailio.lua:88)". Control bytes
-- (a message may quote a header) are escaped as \xHH: the log line stays one line.
function ____exports.tsErrorMessage(raised)
    if raised == KSR_EXIT or type(raised) ~= "string" then
        return raised
    end
    local message = string.gsub(raised, "%c", escapedByte)
    local chain = tsCallChain()
    local prefix = BUNDLE .. ":"
    if string.sub(message, 1, #prefix) == prefix then
        local line, text = string.match(message, "^(%d+): (.*)$", #prefix + 1)
        if line ~= nil and text ~= nil then
            local position = ____exports.tsPosition(tonumber(line)) or (BUNDLE .. ":") .. line
            return ((((((((position .. ": ") .. text) .. " (ts: ") .. chain) .. "; lua: ") .. BUNDLE) .. ":") .. line) .. ")"
        end
    end
    if chain == "" then
        return message
    end
    if (string.match(message, "^[^%s]+:%d+: ")) ~= nil then
        return ((message .. " (ts: ") .. chain) .. ")"
    end
    local innermost = string.match(chain, "^[^ ]+")
    return ((((innermost .. ": ") .. message) .. " (ts: ") .. chain) .. ")"
end
--- Runs a route the way app_lua would, raising the same errors, but with TS positions: the
-- exit string passes through unchanged, so KSR.x.exit() still ends the route for app_lua.
function ____exports.callRoute(route)
    local ok, message = xpcall(route, ____exports.tsErrorMessage)
    if not ok then
        error(message, 0)
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
--- New calls go to the gateways of a dispatcher set, in priority order.
function ____exports.ksr_route_to_gateway_set(set, method)
    if KSR.dispatcher.ds_select_dst(set, BY_PRIORITY) < 0 then
        KSR.sl.sl_send_reply(503, "No gateway available")
        KSR.x.exit()
    end
    return ____exports.ksr_route_relay(method)
end
--- New calls go to the carrier gateways, in priority order.
function ____exports.ksr_route_to_gateways(method)
    return ____exports.ksr_route_to_gateway_set(GATEWAY_SET, method)
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
["routing.toll-free"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- An 800 number, as dialled: "800" then digits, with or without the country code written "+1"
-- ("8005551234", "+18005551234"). A bare "1800..." is not one: a national number elsewhere
-- may begin so (China's 180 mobile numbers do).
function ____exports.isTollFree(number)
    local national = string.sub(number, 1, 2) == "+1" and string.sub(number, 3) or number
    return string.sub(national, 1, 3) == "800" and (string.find(national, "^%d+$")) ~= nil
end
return ____exports
 end,
["routes.toll-free"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____toll_2Dfree = require("routing.toll-free")
local isTollFree = ____toll_2Dfree.isTollFree
local ____relay = require("routes.relay")
local ksr_route_to_gateway_set = ____relay.ksr_route_to_gateway_set
--- Dispatcher set of the toll-free gateways: the deployment config's tollFreeGateways.
local TOLL_FREE_SET = 2
--- Calls to 800 numbers go to the toll-free gateways, when the deployment config has any.
function ____exports.ksr_route_toll_free(method)
    if method ~= "INVITE" or not isTollFree(KSR.pv.gete("$rU")) then
        return
    end
    if KSR.dispatcher.ds_list_exists(TOLL_FREE_SET) < 0 then
        return
    end
    ksr_route_to_gateway_set(TOLL_FREE_SET, method)
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
local ____toll_2Dfree = require("routes.toll-free")
local ksr_route_toll_free = ____toll_2Dfree.ksr_route_toll_free
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
    ksr_route_toll_free(method)
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
["main"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____modules = require("kemi.modules")
local assertKsrModulesLoaded = ____modules.assertKsrModulesLoaded
local ____error_2Dpositions = require("kemi.error-positions")
local callRoute = ____error_2Dpositions.callRoute
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
    local ____toll_2Dfree = require("routing.toll-free")
    ____exports.isTollFree = ____toll_2Dfree.isTollFree
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
assertKsrModulesLoaded()
ksr_request_route = function()
    callRoute(requestRoute)
end
ksr_reply_route = function()
    callRoute(replyRoute)
end
ksr_onreply_manage = function()
    callRoute(onReplyManage)
end
ksr_failure_manage = function()
    callRoute(failureManage)
end
return ____exports
 end,
}
____modules["kemi.line-map"] = function() return { files = {"src/kemi/used-modules.generated.ts", "src/kemi/modules.ts", "src/kemi/error-positions.ts", "src/routes/reqinit.ts", "src/routes/transactions.ts", "src/routes/relay.ts", "src/routes/withindlg.ts", "src/fraud/banning.ts", "src/audit/line.ts", "src/routes/screen.ts", "src/routes/counters.ts", "src/routes/auth.ts", "src/fraud/velocity.ts", "src/routes/velocity.ts", "src/routing/toll-free.ts", "src/routes/toll-free.ts", "src/routes/request.ts", "src/routes/replies.ts", "src/billing/integer.ts", "src/billing/money.ts", "src/billing/numbering.ts", "src/billing/prefix.ts", "src/billing/rate.ts", "src/billing/increments.ts", "src/billing/cost.ts", "src/billing/windows.ts", "src/main.ts"}, entries = "29,1,4;30,1,5;31,1,6;32,1,7;33,1,8;34,1,9;35,1,10;36,1,11;37,1,12;38,1,13;39,1,14;40,1,15;41,1,16;42,1,17;43,1,18;44,1,19;45,1,20;46,1,21;47,1,4;53,2,1;54,2,1;59,2,9;60,2,10;61,2,11;62,2,12;63,2,12;64,2,12;65,2,13;66,2,13;69,2,15;70,2,16;71,2,16;72,2,16;73,2,16;75,2,9;82,3,9;83,3,11;85,3,11;87,3,13;89,3,15;91,3,17;93,3,20;94,3,21;95,3,30;96,3,31;97,3,31;98,3,31;99,3,32;100,3,33;101,3,34;102,3,35;103,3,36;105,3,38;106,3,39;107,3,30;109,3,43;110,3,44;111,3,44;114,3,45;115,3,45;116,3,46;117,3,47;118,3,47;120,3,45;123,3,49;124,3,43;128,3,57;129,3,58;131,3,59;132,3,59;133,3,60;134,3,61;137,3,62;138,3,63;139,3,63;140,3,63;142,3,63;144,3,63;145,3,64;148,3,65;149,3,65;151,3,59;154,3,67;155,3,57;156,3,70;157,3,71;158,3,71;159,3,71;160,3,71;161,3,70;167,3,81;168,3,82;169,3,82;171,3,83;172,3,84;173,3,85;174,3,86;175,3,87;176,3,88;177,3,89;178,3,90;181,3,93;182,3,93;184,3,95;185,3,95;187,3,96;188,3,97;189,3,81;192,3,104;193,3,105;194,3,106;195,3,106;197,3,104;204,4,2;208,4,8;210,4,10;213,4,16;214,4,17;217,4,18;218,4,19;221,4,20;222,4,21;223,4,21;225,4,16;229,4,29;230,4,30;231,4,31;232,4,32;233,4,33;234,4,34;236,4,36;237,4,37;240,4,38;241,4,39;244,4,40;245,4,41;246,4,29;248,4,45;249,4,46;250,4,47;251,4,48;252,4,49;253,4,50;255,4,52;256,4,54;257,4,55;259,4,58;260,4,59;261,4,60;263,4,45;270,5,2;271,5,3;272,5,5;273,5,5;275,5,6;277,5,8;278,5,10;279,5,11;280,5,12;282,5,15;283,5,15;286,5,2;293,6,2;295,6,4;297,6,7;298,6,8;299,6,9;301,6,11;302,6,11;304,6,12;305,6,12;307,6,13;308,6,7;310,6,17;311,6,18;312,6,19;313,6,20;315,6,22;316,6,17;318,6,26;319,6,27;320,6,26;322,6,31;325,6,37;326,6,38;327,6,38;329,6,39;330,6,40;331,6,40;333,6,41;334,6,41;336,6,42;337,6,42;339,6,44;340,6,37;346,7,1;347,7,1;349,7,4;350,7,5;353,7,6;354,7,6;356,7,7;357,7,9;358,7,9;360,7,10;362,7,12;363,7,13;364,7,4;374,8,11;375,8,12;376,8,12;378,8,13;379,8,11;385,9,10;386,9,10;387,9,11;389,9,12;390,9,12;391,9,12;392,9,12;395,9,13;396,9,14;399,9,5;401,9,8;405,9,22;406,9,23;407,9,24;408,9,25;409,9,22;414,9,34;415,9,43;416,9,44;417,9,45;418,9,34;424,10,1;425,10,1;427,10,4;431,10,10;434,10,16;435,10,17;436,10,18;437,10,18;438,10,18;439,10,18;440,10,18;441,10,18;442,10,18;443,10,18;444,10,18;445,10,19;446,10,16;449,10,26;450,10,27;451,10,28;452,10,26;458,10,38;459,10,39;460,10,40;461,10,40;462,10,40;463,10,40;464,10,40;466,10,41;467,10,41;469,10,42;470,10,43;472,10,38;481,11,6;482,11,7;483,11,8;484,11,8;486,11,9;487,11,10;488,11,6;494,12,1;495,12,1;496,12,2;497,12,2;498,12,2;499,12,2;500,12,3;501,12,3;503,12,6;505,12,8;507,12,10;509,12,12;510,12,13;511,12,14;513,12,16;516,12,21;518,12,23;521,12,29;522,12,30;523,12,29;529,12,40;530,12,41;531,12,42;532,12,43;533,12,44;534,12,45;535,12,45;536,12,45;537,12,45;538,12,46;539,12,47;540,12,48;542,12,50;543,12,51;544,12,40;550,12,61;551,12,62;554,12,63;555,12,64;556,12,65;557,12,66;560,12,69;561,12,69;563,12,70;564,12,70;566,12,71;567,12,72;568,12,61;579,13,15;580,13,16;581,13,16;583,13,17;584,13,17;586,13,18;587,13,15;593,14,1;594,14,1;595,14,2;596,14,2;597,14,2;598,14,2;599,14,3;600,14,3;603,14,9;605,14,11;606,14,12;614,14,23;615,14,24;618,14,25;619,14,26;620,14,27;621,14,28;622,14,28;623,14,28;624,14,28;625,14,29;626,14,30;627,14,30;628,14,30;629,14,30;630,14,30;631,14,31;634,14,32;635,14,33;636,14,34;637,14,35;638,14,36;639,14,37;641,14,39;642,14,40;643,14,23;652,15,6;653,15,7;654,15,8;655,15,6;661,16,1;662,16,1;663,16,2;664,16,2;666,16,5;668,16,8;669,16,9;672,16,10;675,16,11;676,16,8;682,17,1;683,17,1;684,17,2;685,17,2;686,17,3;687,17,3;688,17,4;689,17,4;690,17,4;691,17,5;692,17,5;693,17,6;694,17,6;695,17,7;696,17,7;697,17,8;698,17,8;700,17,11;701,17,12;704,17,13;705,17,14;706,17,11;708,17,18;709,17,19;712,17,20;713,17,21;714,17,18;718,17,29;719,17,30;720,17,31;721,17,32;722,17,29;725,17,39;726,17,40;727,17,41;728,17,43;729,17,44;730,17,44;732,17,45;733,17,46;734,17,47;735,17,48;736,17,49;737,17,51;738,17,51;740,17,54;741,17,55;742,17,56;743,17,57;744,17,39;751,18,2;753,18,5;754,18,7;755,18,8;757,18,12;758,18,12;760,18,5;762,18,16;763,18,17;764,18,17;766,18,16;773,19,8;774,19,9;775,19,10;776,19,10;778,19,12;779,19,8;781,19,16;782,19,17;783,19,16;785,19,21;786,19,22;787,19,21;790,19,29;791,19,30;792,19,31;793,19,32;794,19,29;800,20,5;801,20,5;802,20,5;804,20,11;806,20,14;808,20,16;811,20,22;812,20,23;813,20,24;814,20,24;816,20,25;817,20,25;819,20,26;820,20,26;822,20,27;823,20,28;824,20,22;827,20,35;828,20,36;829,20,37;830,20,38;831,20,39;832,20,40;833,20,40;835,20,41;836,20,41;838,20,42;839,20,35;846,21,14;848,21,16;849,21,17;867,21,38;868,21,39;869,21,40;870,21,41;871,21,42;872,21,43;873,21,44;874,21,45;875,21,46;876,21,47;877,21,48;878,21,49;879,21,50;880,21,51;882,21,53;884,21,56;885,21,56;887,21,57;888,21,58;889,21,58;891,21,59;892,21,38;898,22,12;899,22,13;900,22,12;902,22,17;903,22,18;904,22,19;905,22,19;907,22,17;910,22,26;911,22,30;912,22,31;913,22,32;914,22,33;915,22,34;916,22,35;917,22,35;919,22,36;921,22,38;922,22,26;931,23,49;932,23,50;934,23,52;935,23,54;936,23,55;937,23,54;939,23,59;940,23,60;941,23,60;943,23,61;944,23,61;946,23,62;947,23,62;949,23,63;950,23,63;952,23,64;953,23,64;955,23,65;956,23,65;958,23,66;959,23,67;961,23,69;962,23,70;963,23,71;965,23,72;966,23,72;967,23,73;968,23,74;969,23,75;971,23,77;972,23,77;974,23,78;975,23,72;979,23,81;980,23,82;982,23,83;983,23,83;984,23,84;985,23,85;986,23,85;988,23,86;989,23,86;991,23,87;992,23,88;994,23,89;995,23,89;996,23,90;997,23,90;999,23,89;1003,23,83;1007,23,95;1008,23,59;1014,24,3;1015,24,3;1016,24,4;1017,24,4;1027,24,17;1028,24,18;1029,24,18;1031,24,19;1032,24,20;1033,24,21;1034,24,21;1036,24,22;1037,24,23;1038,24,17;1044,25,3;1045,25,3;1046,25,4;1047,25,4;1053,25,15;1054,25,16;1055,25,17;1056,25,18;1057,25,19;1058,25,20;1060,25,21;1061,25,21;1062,25,22;1063,25,23;1066,25,24;1067,25,25;1068,25,26;1069,25,21;1073,25,29;1074,25,30;1075,25,31;1076,25,32;1077,25,15;1080,25,39;1081,25,40;1082,25,40;1083,25,40;1084,25,40;1085,25,39;1091,26,3;1092,26,3;1093,26,3;1094,26,6;1096,26,8;1100,26,15;1101,26,16;1102,26,17;1103,26,18;1104,26,19;1105,26,15;1107,26,23;1108,26,24;1109,26,25;1110,26,26;1112,26,27;1113,26,27;1114,26,28;1115,26,28;1117,26,27;1120,26,30;1121,26,30;1124,26,32;1125,26,33;1126,26,34;1127,26,34;1129,26,35;1130,26,35;1132,26,36;1133,26,23;1140,26,47;1141,26,48;1143,26,49;1144,26,49;1145,26,50;1146,26,51;1147,26,52;1148,26,52;1151,26,53;1152,26,53;1153,26,54;1154,26,54;1156,26,53;1159,26,49;1162,26,57;1163,26,47;1169,27,4;1170,27,4;1171,27,5;1172,27,5;1173,27,6;1174,27,6;1175,27,7;1176,27,7;1177,27,7;1178,27,8;1179,27,8;1181,27,10;1182,27,10;1183,27,10;1184,27,10;1187,27,11;1188,27,11;1191,27,12;1192,27,12;1195,27,13;1196,27,13;1199,27,14;1200,27,14;1201,27,14;1202,27,14;1203,27,14;1206,27,15;1207,27,15;1208,27,15;1209,27,15;1212,27,16;1213,27,16;1216,27,17;1217,27,17;1218,27,17;1219,27,17;1222,27,18;1223,27,18;1224,27,18;1225,27,18;1226,27,18;1229,27,19;1230,27,19;1233,27,20;1234,27,20;1235,27,20;1238,27,21;1239,27,21;1240,27,21;1242,27,23;1243,27,26;1244,27,26;1245,27,26;1246,27,27;1247,27,27;1248,27,27;1249,27,28;1250,27,28;1251,27,28;1252,27,29;1253,27,29;1254,27,29;" } end -- Generated by scripts/lib/tstl-line-map.cjs: bundle line -> TS file and line
local ____entry = require("main", ...)
return ____entry
