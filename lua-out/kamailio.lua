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
    {"dispatcher", "dispatcher.so"},
    {"maxfwd", "maxfwd.so"},
    {"permissions", "permissions.so"},
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
["routes.trusted"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- Address group of the deployment config's trusted peers in permissions' address file.
local TRUSTED_GROUP = 1
--- Only trusted peers may place calls until digest authentication arrives: the proxy is never
-- an open relay.
function ____exports.ksr_route_trusted()
    if KSR.permissions.allow_source_address(TRUSTED_GROUP) > 0 then
        return
    end
    KSR.sl.sl_send_reply(403, "Forbidden - untrusted source")
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
local ____trusted = require("routes.trusted")
local ksr_route_trusted = ____trusted.ksr_route_trusted
local ____relay = require("routes.relay")
local ksr_route_to_gateways = ____relay.ksr_route_to_gateways
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
--- Every SIP request: the order of the KEMI example (reqinit, CANCEL, in-dialog, initial).
function ____exports.ksr_request_route()
    local method = KSR.pv.gete("$rm")
    ksr_route_reqinit()
    ksr_route_transactions(method)
    ksr_route_withindlg(method)
    ksr_route_keepalive(method)
    ksr_route_trusted()
    ksr_route_served_domain()
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
