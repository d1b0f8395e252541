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
--- The route (and its argument) runNextRoute runs: Lua 5.1's xpcall passes no arguments.
local nextRoute
local nextArgument = ""
--- Runs nextRoute, read first: a route that another route's KSR call triggers (a dialog event) sets its own.
local function runNextRoute()
    local route = nextRoute
    local argument = nextArgument
    nextRoute = nil
    route(argument)
end
--- Runs a route the way app_lua would, raising the same errors, but with TS positions: the
-- exit string passes through unchanged, so KSR.x.exit() still ends the route for app_lua.
-- `argument`: what app_lua passed the route (an event route's event name).
function ____exports.callRoute(route, argument)
    if argument == nil then
        argument = ""
    end
    nextRoute = route
    nextArgument = argument
    local ok, message = xpcall(runNextRoute, ____exports.tsErrorMessage)
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
function ____exports.decodeRateEntry(value)
    local prefix, destination, id, connect, price, unit, first, next = string.match(value, "^(%d*)|([^|]*)|([^,]+),(%d+),(%d+),(%d+),(%d+),(%d+)$")
    if prefix == nil or destination == nil or id == nil then
        return nil
    end
    local rate = {
        id = id,
        connectFee = tonumber(connect) or 0,
        price = tonumber(price) or 0,
        unitSeconds = tonumber(unit) or 1,
        firstIncrement = tonumber(first) or 1,
        nextIncrement = tonumber(next) or 1
    }
    return {prefix = prefix, destination = destination, rates = {rate}}
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
--- Every new call (initial INVITE) once authenticated, to `dialled` (the Request-URI user): `account` is the authenticated user, whose
-- From user ksr_route_auth made sure it is ("" for a trusted peer, billed to no account: rated with the default plan, never prepaid
-- nor capped).
function ____exports.ksr_route_billing(account, fromUser, dialled)
    local settings = billingSettings()
    local startMs = nowMs()
    local callId = KSR.pv.gete("$ci")
    KSR.tm.t_newtran()
    KSR.dialog.dlg_manage()
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
    KSR.dialog.dlg_set_timeout(maxSeconds)
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
-- `dialled`: a new call's Request-URI user ("" for any other request).
function ____exports.ksr_route_toll_free(dialled)
    if not isTollFree(dialled) then
        return
    end
    if KSR.dispatcher.ds_list_exists(TOLL_FREE_SET) < 0 then
        return
    end
    ksr_route_to_gateway_set(TOLL_FREE_SET, "INVITE")
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
    local dialled = ""
    if method == "INVITE" then
        ksr_route_call_rate(trusted, account)
        dialled = KSR.pv.gete("$rU")
        ksr_route_billing(account, fromUser, dialled)
    end
    ksr_route_hide_from(fromUser)
    KSR.rr.record_route()
    ksr_route_toll_free(dialled)
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
local settleCall = ____state.settleCall
local function dialogVar(name)
    local value = KSR.dialog.var_get(name)
    return value == nil and "" or tostring(value)
end
local function dialogNumber(name)
    return tonumber(KSR.dialog.var_get(name)) or 0
end
--- A call attempt's record from the dialog variables, before the end is known.
local function recordFromDialog(endMs)
    return {
        attemptId = dialogVar(DLG.attempt),
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
        answerMs = dialogNumber(DLG.answerMs),
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
        KSR.dialog.var_sets(
            DLG.answerMs,
            tostring(nowMs())
        )
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
        "LTRIM %s %s -1",
        CDR_QUEUE,
        tostring(count),
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
local ____error_2Dpositions = require("kemi.error-positions")
local callRoute = ____error_2Dpositions.callRoute
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
    local ____deck = require("billing.deck")
    ____exports.decodeRateEntry = ____deck.decodeRateEntry
end
do
    local ____spend = require("fraud.spend")
    ____exports.spendVerdict = ____spend.spendVerdict
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
ksr_dialog_event = function(event)
    callRoute(dialogEvent, event)
end
ksr_route_cdr_writer = function()
    callRoute(cdrWriter)
end
ksr_xhttp_event = function(event)
    callRoute(xhttpEvent, event)
end
return ____exports
 end,
}
____modules["kemi.line-map"] = function() return { files = {"src/kemi/used-modules.generated.ts", "src/kemi/modules.ts", "src/kemi/error-positions.ts", "src/routes/reqinit.ts", "src/routes/transactions.ts", "src/routes/relay.ts", "src/routes/withindlg.ts", "src/fraud/banning.ts", "src/audit/line.ts", "src/routes/counters.ts", "src/routes/audit.ts", "src/routes/screen.ts", "src/routes/auth.ts", "src/fraud/velocity.ts", "src/routes/velocity.ts", "src/billing/numbering.ts", "src/billing/integer.ts", "src/billing/money.ts", "src/billing/rate.ts", "src/billing/deck.ts", "src/billing/windows.ts", "src/billing/increments.ts", "src/billing/cost.ts", "src/billing/prepaid.ts", "src/fraud/spend.ts", "src/fraud/destination.ts", "src/routes/destination.ts", "src/routes/settings.ts", "src/routes/state.ts", "src/routes/clock.ts", "src/routes/billing.ts", "src/routing/toll-free.ts", "src/routes/toll-free.ts", "src/routes/request.ts", "src/routes/replies.ts", "src/billing/cdr.ts", "src/routes/calls-end.ts", "src/routes/cdr-writer.ts", "src/routes/http.ts", "src/billing/prefix.ts", "src/main.ts"}, entries = "29,1,4;30,1,5;31,1,6;32,1,7;33,1,8;34,1,9;35,1,10;36,1,11;37,1,12;38,1,13;39,1,14;40,1,15;41,1,16;42,1,17;43,1,18;44,1,19;45,1,20;46,1,21;47,1,22;48,1,23;49,1,24;50,1,25;51,1,26;52,1,27;53,1,4;59,2,1;60,2,1;65,2,9;66,2,10;67,2,11;68,2,12;69,2,12;70,2,12;71,2,13;72,2,13;75,2,15;76,2,16;77,2,16;78,2,16;79,2,16;81,2,9;88,3,9;89,3,11;91,3,11;93,3,13;95,3,15;97,3,17;99,3,20;100,3,21;101,3,30;102,3,31;103,3,31;104,3,31;105,3,32;106,3,33;107,3,34;108,3,35;109,3,36;111,3,38;112,3,39;113,3,30;115,3,43;116,3,44;117,3,44;120,3,45;121,3,45;122,3,46;123,3,47;124,3,47;126,3,45;129,3,49;130,3,43;134,3,57;135,3,58;137,3,59;138,3,59;139,3,60;140,3,61;143,3,62;144,3,63;145,3,63;146,3,63;148,3,63;150,3,63;151,3,64;154,3,65;155,3,65;157,3,59;160,3,67;161,3,57;162,3,70;163,3,71;164,3,71;165,3,71;166,3,71;167,3,70;173,3,81;174,3,82;175,3,82;177,3,83;178,3,84;179,3,85;180,3,86;181,3,87;182,3,88;183,3,89;184,3,90;187,3,93;188,3,93;190,3,95;191,3,95;193,3,96;194,3,97;195,3,81;197,3,101;198,3,102;200,3,105;201,3,106;202,3,107;203,3,108;204,3,109;205,3,105;209,3,117;210,3,117;211,3,117;213,3,118;214,3,119;215,3,120;216,3,121;217,3,121;219,3,117;226,4,2;230,4,8;232,4,10;235,4,16;236,4,17;239,4,18;240,4,19;243,4,20;244,4,21;245,4,21;247,4,16;251,4,29;252,4,30;253,4,31;254,4,32;255,4,33;256,4,34;258,4,36;259,4,37;262,4,38;263,4,39;266,4,40;267,4,41;268,4,29;270,4,45;271,4,46;272,4,47;273,4,48;274,4,49;275,4,50;277,4,52;278,4,54;279,4,55;281,4,58;282,4,59;283,4,60;285,4,45;292,5,2;293,5,3;294,5,5;295,5,5;297,5,6;299,5,8;300,5,10;301,5,11;302,5,12;304,5,15;305,5,15;308,5,2;315,6,2;317,6,4;319,6,7;320,6,8;321,6,9;323,6,11;324,6,11;326,6,12;327,6,12;329,6,13;330,6,7;332,6,17;333,6,18;334,6,19;335,6,20;337,6,22;338,6,17;340,6,26;341,6,27;342,6,26;344,6,31;347,6,37;348,6,38;349,6,38;351,6,39;352,6,40;353,6,40;355,6,41;356,6,41;358,6,42;359,6,42;361,6,44;362,6,37;368,7,1;369,7,1;371,7,4;372,7,5;375,7,6;376,7,6;378,7,7;379,7,9;380,7,9;382,7,10;384,7,12;385,7,13;386,7,4;396,8,11;397,8,12;398,8,12;400,8,13;401,8,11;407,9,10;408,9,10;409,9,11;411,9,12;412,9,12;413,9,12;414,9,12;417,9,13;418,9,14;421,9,5;423,9,8;427,9,22;428,9,23;429,9,24;430,9,25;431,9,22;438,9,39;439,9,50;440,9,51;441,9,52;442,9,39;451,10,6;452,10,7;453,10,8;454,10,8;456,10,9;457,10,10;458,10,6;464,11,1;465,11,1;466,11,2;467,11,2;470,11,8;471,11,9;474,11,14;475,11,15;477,11,18;479,11,21;480,11,22;481,11,23;482,11,23;483,11,23;484,11,23;485,11,23;486,11,23;487,11,23;488,11,23;489,11,23;490,11,23;491,11,23;492,11,21;496,11,31;497,11,32;498,11,33;499,11,34;500,11,31;504,11,42;505,11,43;506,11,44;507,11,45;508,11,42;511,11,52;512,11,53;513,11,54;514,11,52;520,12,1;521,12,1;522,12,1;524,12,4;528,12,10;534,12,19;535,12,20;536,12,21;537,12,21;538,12,21;539,12,21;540,12,21;542,12,22;543,12,22;545,12,23;546,12,24;548,12,19;554,13,1;555,13,1;556,13,2;557,13,2;558,13,3;559,13,3;560,13,3;561,13,3;562,13,4;563,13,4;565,13,7;567,13,9;569,13,11;571,13,13;572,13,14;573,13,15;575,13,17;578,13,22;580,13,24;583,13,30;584,13,31;585,13,30;591,13,41;592,13,42;593,13,43;594,13,44;595,13,45;596,13,46;597,13,46;598,13,46;599,13,46;600,13,47;601,13,48;602,13,49;604,13,51;605,13,52;606,13,41;614,13,64;615,13,65;616,13,65;618,13,66;619,13,67;620,13,68;621,13,69;622,13,70;623,13,71;625,13,73;626,13,73;628,13,74;629,13,74;631,13,75;632,13,76;633,13,64;644,14,15;645,14,16;646,14,16;648,14,17;649,14,17;651,14,18;652,14,15;658,15,1;659,15,1;660,15,2;661,15,2;662,15,3;663,15,3;664,15,3;665,15,4;666,15,4;669,15,10;671,15,12;672,15,13;680,15,24;681,15,25;684,15,26;685,15,27;686,15,28;687,15,29;688,15,30;689,15,31;690,15,31;691,15,31;692,15,31;693,15,31;694,15,32;697,15,33;698,15,34;699,15,35;700,15,36;701,15,37;702,15,38;704,15,40;705,15,41;706,15,24;713,16,14;715,16,16;716,16,17;734,16,38;735,16,39;736,16,40;737,16,41;738,16,42;739,16,43;740,16,44;741,16,45;742,16,46;743,16,47;744,16,48;745,16,49;746,16,50;747,16,51;749,16,53;751,16,56;752,16,56;754,16,57;755,16,58;756,16,58;758,16,59;759,16,38;766,17,8;767,17,9;768,17,10;769,17,10;771,17,12;772,17,8;774,17,16;775,17,18;776,17,16;778,17,22;779,17,23;780,17,22;783,17,30;784,17,31;785,17,32;786,17,33;787,17,30;793,18,5;794,18,5;795,18,5;797,18,11;799,18,14;801,18,16;804,18,22;805,18,23;806,18,24;807,18,24;809,18,25;810,18,25;812,18,26;813,18,26;815,18,27;816,18,28;817,18,22;820,18,35;821,18,36;822,18,37;823,18,38;824,18,39;825,18,40;826,18,40;828,18,41;829,18,41;831,18,42;832,18,35;841,19,49;842,19,50;844,19,52;845,19,54;846,19,55;847,19,54;849,19,59;850,19,60;851,19,60;853,19,61;854,19,61;856,19,62;857,19,62;859,19,63;860,19,63;862,19,64;863,19,64;865,19,65;866,19,65;868,19,66;869,19,67;871,19,69;872,19,70;873,19,71;875,19,72;876,19,72;877,19,73;878,19,74;879,19,75;881,19,77;882,19,77;884,19,78;885,19,72;889,19,81;890,19,82;892,19,83;893,19,83;894,19,84;895,19,85;896,19,85;898,19,86;899,19,86;901,19,87;902,19,88;904,19,89;905,19,89;906,19,90;907,19,90;909,19,89;913,19,83;917,19,95;918,19,59;924,20,10;925,20,11;926,20,15;927,20,15;929,20,16;930,20,17;931,20,18;932,20,19;933,20,20;934,20,21;935,20,22;936,20,16;937,20,24;938,20,10;944,21,3;945,21,3;946,21,3;947,21,6;949,21,8;953,21,15;954,21,16;955,21,17;956,21,18;957,21,19;958,21,15;960,21,23;961,21,24;962,21,25;963,21,26;965,21,27;966,21,27;967,21,28;968,21,28;970,21,27;973,21,30;974,21,30;977,21,32;978,21,33;979,21,34;980,21,34;982,21,35;983,21,35;985,21,36;986,21,23;993,21,47;994,21,48;996,21,49;997,21,49;998,21,50;999,21,51;1000,21,52;1001,21,52;1004,21,53;1005,21,53;1006,21,54;1007,21,54;1009,21,53;1012,21,49;1015,21,57;1016,21,47;1022,22,3;1023,22,3;1024,22,4;1025,22,4;1035,22,17;1036,22,18;1037,22,18;1039,22,19;1040,22,20;1041,22,21;1042,22,21;1044,22,22;1045,22,23;1046,22,17;1052,23,3;1053,23,3;1054,23,4;1055,23,4;1061,23,15;1062,23,16;1063,23,17;1064,23,18;1065,23,19;1066,23,20;1068,23,21;1069,23,21;1070,23,22;1071,23,23;1074,23,24;1075,23,25;1076,23,26;1077,23,21;1081,23,29;1082,23,30;1083,23,31;1084,23,32;1085,23,15;1088,23,39;1089,23,40;1090,23,40;1091,23,40;1092,23,40;1093,23,39;1099,24,4;1100,24,4;1101,24,6;1102,24,6;1107,24,15;1108,24,16;1109,24,17;1110,24,17;1112,24,18;1113,24,19;1114,24,20;1115,24,21;1116,24,22;1117,24,23;1118,24,23;1120,24,24;1123,24,26;1124,24,15;1127,24,33;1128,24,34;1129,24,35;1130,24,36;1131,24,37;1132,24,33;1139,25,4;1140,25,5;1141,25,5;1143,25,6;1144,25,6;1146,25,7;1147,25,4;1157,26,15;1158,26,16;1159,26,16;1161,26,17;1162,26,17;1164,26,18;1165,26,18;1167,26,19;1168,26,15;1174,27,1;1175,27,1;1176,27,2;1177,27,2;1178,27,2;1179,27,3;1180,27,3;1184,27,10;1186,27,12;1187,27,13;1189,27,15;1198,27,27;1199,27,28;1200,27,28;1202,27,29;1203,27,30;1204,27,30;1205,27,30;1206,27,30;1207,27,30;1208,27,31;1209,27,31;1210,27,31;1211,27,31;1212,27,31;1213,27,31;1215,27,32;1216,27,27;1222,28,16;1224,28,19;1225,28,20;1226,28,21;1227,28,21;1229,28,22;1230,28,23;1231,28,19;1232,28,26;1233,28,27;1234,28,27;1236,28,28;1237,28,29;1238,28,30;1239,28,31;1240,28,32;1241,28,29;1242,28,34;1243,28,35;1244,28,36;1245,28,37;1246,28,38;1247,28,39;1248,28,28;1249,28,41;1250,28,26;1256,29,5;1257,29,6;1259,29,8;1261,29,11;1263,29,13;1265,29,16;1266,29,17;1267,29,16;1271,29,25;1275,29,38;1277,29,49;1278,29,50;1279,29,50;1281,29,51;1282,29,49;1284,29,55;1285,29,56;1286,29,57;1287,29,57;1288,29,57;1289,29,57;1290,29,57;1291,29,57;1292,29,57;1293,29,57;1294,29,55;1296,29,61;1297,29,62;1298,29,62;1299,29,62;1300,29,62;1301,29,62;1302,29,62;1303,29,62;1304,29,62;1305,29,62;1306,29,63;1307,29,63;1308,29,63;1309,29,63;1310,29,63;1311,29,63;1312,29,63;1313,29,61;1315,29,67;1316,29,68;1317,29,69;1318,29,69;1320,29,70;1321,29,67;1323,29,74;1324,29,75;1325,29,75;1326,29,75;1327,29,75;1328,29,75;1329,29,75;1330,29,75;1331,29,74;1338,30,2;1339,30,3;1340,30,2;1346,31,6;1347,31,6;1348,31,7;1349,31,7;1350,31,8;1351,31,8;1352,31,9;1353,31,9;1354,31,9;1355,31,10;1356,31,10;1357,31,11;1358,31,11;1359,31,11;1360,31,12;1361,31,12;1362,31,12;1363,31,13;1364,31,13;1365,31,14;1366,31,14;1367,31,14;1368,31,15;1369,31,15;1371,31,18;1373,31,20;1375,31,22;1377,31,24;1378,31,25;1380,31,28;1381,31,29;1382,31,30;1383,31,31;1384,31,32;1385,31,33;1386,31,34;1387,31,35;1388,31,36;1389,31,37;1390,31,38;1391,31,39;1392,31,40;1393,31,41;1394,31,42;1395,31,43;1396,31,28;1398,31,47;1399,31,48;1400,31,47;1401,31,51;1402,31,52;1403,31,51;1406,31,59;1407,31,60;1408,31,60;1409,31,60;1410,31,60;1411,31,61;1412,31,62;1413,31,62;1414,31,62;1415,31,62;1416,31,62;1417,31,63;1418,31,64;1419,31,59;1423,31,72;1424,31,73;1425,31,74;1426,31,75;1427,31,76;1428,31,77;1429,31,78;1430,31,78;1431,31,78;1432,31,78;1433,31,79;1434,31,80;1435,31,81;1436,31,82;1437,31,82;1438,31,82;1439,31,82;1440,31,83;1441,31,83;1442,31,83;1443,31,83;1444,31,85;1445,31,86;1446,31,86;1448,31,87;1449,31,89;1450,31,90;1451,31,91;1453,31,94;1454,31,95;1455,31,95;1456,31,95;1457,31,95;1458,31,95;1459,31,95;1461,31,96;1462,31,97;1463,31,98;1464,31,99;1465,31,100;1467,31,102;1468,31,103;1469,31,104;1470,31,104;1472,31,105;1474,31,106;1475,31,106;1476,31,106;1477,31,106;1479,31,106;1482,31,107;1483,31,108;1484,31,108;1485,31,108;1486,31,108;1487,31,109;1490,31,111;1491,31,112;1493,31,115;1494,31,116;1495,31,117;1496,31,118;1498,31,121;1499,31,121;1500,31,121;1501,31,121;1502,31,122;1503,31,123;1504,31,124;1505,31,125;1506,31,122;1507,31,127;1508,31,127;1510,31,128;1511,31,128;1512,31,128;1513,31,128;1514,31,128;1515,31,128;1517,31,130;1520,31,131;1521,31,132;1522,31,133;1523,31,133;1525,31,134;1526,31,134;1528,31,135;1529,31,136;1530,31,136;1531,31,136;1532,31,136;1533,31,137;1534,31,138;1535,31,138;1536,31,138;1537,31,138;1538,31,139;1539,31,72;1548,32,6;1549,32,7;1550,32,8;1551,32,6;1557,33,1;1558,33,1;1559,33,2;1560,33,2;1562,33,5;1565,33,11;1566,33,12;1569,33,13;1572,33,14;1573,33,11;1579,34,1;1580,34,1;1581,34,2;1582,34,2;1583,34,3;1584,34,3;1585,34,4;1586,34,4;1587,34,4;1588,34,5;1589,34,5;1590,34,6;1591,34,6;1592,34,7;1593,34,7;1594,34,8;1595,34,8;1596,34,9;1597,34,9;1598,34,10;1599,34,10;1601,34,13;1602,34,14;1605,34,15;1606,34,16;1607,34,13;1610,34,23;1611,34,24;1614,34,25;1615,34,25;1616,34,25;1617,34,25;1618,34,25;1619,34,26;1620,34,27;1621,34,23;1625,34,35;1626,34,36;1627,34,37;1628,34,35;1631,34,44;1632,34,45;1633,34,46;1634,34,48;1635,34,49;1636,34,49;1638,34,50;1639,34,51;1640,34,52;1641,34,53;1642,34,54;1643,34,56;1644,34,57;1645,34,58;1646,34,59;1647,34,60;1648,34,63;1650,34,67;1651,34,68;1652,34,69;1653,34,70;1654,34,44;1661,35,2;1663,35,5;1664,35,7;1665,35,8;1667,35,12;1668,35,12;1670,35,5;1672,35,16;1673,35,17;1674,35,17;1676,35,16;1682,36,4;1683,36,4;1684,36,5;1685,36,5;1686,36,6;1687,36,6;1689,36,36;1694,36,44;1695,36,45;1696,36,46;1697,36,47;1698,36,48;1699,36,44;1701,36,52;1702,36,53;1703,36,52;1705,36,57;1708,36,65;1709,36,66;1710,36,67;1711,36,67;1712,36,67;1713,36,67;1714,36,67;1715,36,68;1716,36,68;1717,36,68;1718,36,68;1719,36,68;1720,36,66;1721,36,70;1722,36,71;1723,36,71;1724,36,71;1725,36,71;1726,36,72;1727,36,72;1728,36,72;1729,36,70;1730,36,74;1731,36,65;1736,36,84;1737,36,85;1738,36,86;1739,36,84;1745,37,6;1746,37,6;1747,37,7;1748,37,7;1749,37,8;1750,37,8;1751,37,8;1752,37,9;1753,37,9;1754,37,10;1755,37,10;1756,37,11;1757,37,11;1758,37,12;1759,37,12;1760,37,13;1761,37,13;1762,37,13;1763,37,13;1764,37,15;1765,37,16;1766,37,17;1767,37,15;1768,37,20;1769,37,21;1770,37,20;1772,37,25;1773,37,26;1774,37,27;1775,37,28;1776,37,29;1777,37,30;1778,37,31;1779,37,32;1780,37,33;1781,37,34;1782,37,35;1783,37,36;1784,37,37;1785,37,38;1786,37,39;1787,37,40;1788,37,41;1789,37,42;1790,37,43;1791,37,44;1792,37,45;1793,37,26;1794,37,25;1796,37,50;1797,37,51;1798,37,52;1799,37,53;1801,37,50;1803,37,58;1804,37,59;1805,37,60;1806,37,61;1809,37,62;1810,37,62;1811,37,62;1812,37,62;1813,37,62;1814,37,62;1815,37,62;1816,37,62;1817,37,63;1819,37,58;1821,37,68;1822,37,69;1823,37,70;1824,37,71;1825,37,71;1826,37,71;1828,37,71;1830,37,71;1831,37,72;1832,37,73;1833,37,74;1834,37,76;1835,37,76;1837,37,77;1838,37,78;1839,37,79;1840,37,80;1841,37,81;1842,37,82;1843,37,83;1844,37,84;1846,37,86;1848,37,88;1849,37,89;1850,37,90;1851,37,68;1853,37,94;1854,37,95;1855,37,96;1856,37,97;1857,37,98;1858,37,99;1859,37,100;1860,37,101;1861,37,102;1863,37,104;1864,37,105;1866,37,107;1867,37,108;1868,37,109;1869,37,110;1870,37,94;1872,37,114;1873,37,115;1874,37,116;1875,37,116;1876,37,116;1877,37,116;1878,37,117;1879,37,118;1880,37,119;1881,37,120;1883,37,114;1889,38,5;1890,38,5;1891,38,5;1892,38,5;1893,38,7;1894,38,8;1895,38,9;1896,38,10;1898,38,12;1899,38,13;1901,38,16;1902,38,17;1903,38,16;1905,38,21;1906,38,22;1907,38,21;1911,38,30;1913,38,31;1914,38,31;1915,38,32;1916,38,33;1917,38,34;1918,38,34;1920,38,35;1921,38,36;1923,38,31;1926,38,39;1927,38,30;1928,38,42;1929,38,43;1930,38,43;1931,38,43;1932,38,43;1933,38,43;1934,38,43;1935,38,43;1936,38,43;1939,38,44;1940,38,45;1943,38,46;1945,38,47;1946,38,47;1947,38,47;1948,38,47;1951,38,48;1952,38,48;1954,38,49;1955,38,50;1956,38,51;1960,38,53;1961,38,53;1962,38,53;1963,38,53;1964,38,53;1965,38,53;1966,38,53;1967,38,42;1977,39,7;1978,39,8;1979,39,9;1982,39,12;1983,39,7;1989,40,12;1990,40,13;1991,40,12;1993,40,17;1994,40,18;1995,40,19;1996,40,19;1998,40,17;2001,40,26;2002,40,30;2003,40,31;2004,40,32;2005,40,33;2006,40,34;2007,40,35;2008,40,35;2010,40,36;2012,40,38;2013,40,26;2019,41,4;2020,41,4;2021,41,5;2022,41,5;2023,41,6;2024,41,6;2025,41,7;2026,41,7;2027,41,7;2028,41,8;2029,41,8;2030,41,9;2031,41,9;2032,41,10;2033,41,10;2034,41,11;2035,41,11;2037,41,13;2038,41,13;2039,41,13;2040,41,13;2043,41,14;2044,41,14;2047,41,15;2048,41,15;2051,41,16;2052,41,16;2055,41,17;2056,41,17;2059,41,18;2060,41,18;2061,41,18;2062,41,18;2063,41,18;2066,41,19;2067,41,19;2068,41,19;2069,41,19;2072,41,20;2073,41,20;2076,41,21;2077,41,21;2078,41,21;2079,41,21;2082,41,22;2083,41,22;2084,41,22;2085,41,22;2086,41,22;2089,41,23;2090,41,23;2093,41,24;2094,41,24;2095,41,24;2098,41,25;2099,41,25;2100,41,25;2103,41,26;2104,41,26;2105,41,26;2108,41,27;2109,41,27;2110,41,27;2111,41,27;2114,41,28;2115,41,28;2118,41,29;2119,41,29;2121,41,31;2122,41,34;2123,41,34;2124,41,34;2125,41,35;2126,41,35;2127,41,35;2128,41,36;2129,41,36;2130,41,36;2131,41,37;2132,41,37;2133,41,37;2134,41,38;2135,41,38;2136,41,38;2137,41,39;2138,41,39;2139,41,39;2140,41,40;2141,41,40;2142,41,40;" } end -- Generated by scripts/lib/tstl-line-map.cjs: bundle line -> TS file and line
local ____entry = require("main", ...)
return ____entry
