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
["billing.rate-cache"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____deck = require("billing.deck")
local decodeRateEntry = ____deck.decodeRateEntry
--- Distinct values a worker keeps (a few MB of Lua memory at most); then it starts afresh.
____exports.MAX_CACHED_RATE_ENTRIES = 4096
local decoded = {}
local cachedCount = 0
--- The decoded entry of an mtree value (undefined when malformed: never cached).
function ____exports.cachedRateEntry(deckValue)
    local hit = decoded[deckValue]
    if hit ~= nil then
        return hit
    end
    local entry = decodeRateEntry(deckValue)
    if entry == nil then
        return nil
    end
    if cachedCount >= ____exports.MAX_CACHED_RATE_ENTRIES then
        decoded = {}
        cachedCount = 0
    end
    decoded[deckValue] = entry
    cachedCount = cachedCount + 1
    return entry
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
function ____exports.windowHolds(window, weekday, second)
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
                    if ____exports.windowHolds(windows[w + 1], weekday, second) then
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
-- returns -1): the key's first event in a window starts it at 1. Two workers may both start the
-- same key in the same instant and count one event, not two. initval=0 would make sht_inc
-- create the item under its slot lock, but with autoexpire and updateexpire=0 it would also
-- reset an expired item without renewing its expiry: the count would stay at 1 until the
-- htable timer removes it, which is worse for a rate limit than one lost event.
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
["fraud.destination"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____windows = require("billing.windows")
local localWeekdayAndSecond = ____windows.localWeekdayAndSecond
local windowHolds = ____windows.windowHolds
--- The windows as scripts/lib/kamailio-run.mjs renders them into the PREFIX_RATE_WINDOWS define:
-- "<ISO weekday digits>,<from second>,<until second>,<warning>,<critical>" joined by ";"
-- ("12345,72000,28800,5,10"). A malformed window is left out; "" is none.
function ____exports.parsePrefixRateWindows(text)
    local windows = {}
    for days, from, ____until, warning, critical in string.gmatch(text, "(%d+),(%d+),(%d+),(%d+),(%d+)") do
        local weekdays = {}
        for day in string.gmatch(days, "%d") do
            weekdays[#weekdays + 1] = tonumber(day) or 0
        end
        windows[#windows + 1] = {
            weekdays = weekdays,
            fromSecond = tonumber(from) or 0,
            untilSecond = tonumber(____until) or 0,
            warning = tonumber(warning) or 0,
            critical = tonumber(critical) or 0
        }
    end
    return windows
end
--- The levels that apply at `unixSeconds` (local time at `utcOffsetSeconds`): those of the first
-- window holding it, else the base levels (fraud.prefixCallsPerMinute).
function ____exports.prefixRateLevels(windows, warning, critical, unixSeconds, utcOffsetSeconds)
    if #windows == 0 then
        return warning, critical
    end
    local weekday, second = localWeekdayAndSecond(unixSeconds, utcOffsetSeconds)
    do
        local i = 0
        while i < #windows do
            local window = windows[i + 1]
            if windowHolds(window, weekday, second) then
                return window.warning, window.critical
            end
            i = i + 1
        end
    end
    return warning, critical
end
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
["routes.settings"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local cached
--- A string define without its quotes (get_def returns it as written); "" when undefined.
function ____exports.stringDefine(name)
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
            countryCode = ____exports.stringDefine("COUNTRY_CODE"),
            internationalPrefix = ____exports.stringDefine("INTERNATIONAL_PREFIX"),
            nationalPrefix = ____exports.stringDefine("NATIONAL_PREFIX")
        },
        utcOffsetSeconds = KSR.kx.get_defn("UTC_OFFSET_SECONDS"),
        defaultPlan = ____exports.stringDefine("DEFAULT_RATE_PLAN"),
        maxCallSeconds = KSR.kx.get_defn("MAX_CALL_SECONDS"),
        maxConcurrentCalls = KSR.kx.get_defn("MAX_CONCURRENT_CALLS"),
        spendWarning = KSR.kx.get_defn("SPEND_WARNING"),
        spendCritical = KSR.kx.get_defn("SPEND_CRITICAL"),
        cdrPostgres = KSR.kx.get_defn("CDR_POSTGRES") == 1,
        fraudFailsOpen = KSR.kx.get_defn("FRAUD_FAIL_OPEN") == 1
    }
    return cached
end
return ____exports
 end,
["routes.destination"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____destination = require("fraud.destination")
local parsePrefixRateWindows = ____destination.parsePrefixRateWindows
local prefixRateLevels = ____destination.prefixRateLevels
local prefixRateVerdict = ____destination.prefixRateVerdict
local ____settings = require("routes.settings")
local billingSettings = ____settings.billingSettings
local stringDefine = ____settings.stringDefine
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
--- fraud.prefixCallWindows, rendered as one string define (parsePrefixRateWindows).
local WINDOWS_DEFINE = "PREFIX_RATE_WINDOWS"
--- The windows, parsed once per worker on first use (defines never change while Kamailio runs).
local windows
local function rateWindows()
    if windows ~= nil then
        return windows
    end
    windows = parsePrefixRateWindows(stringDefine(WINDOWS_DEFINE))
    return windows
end
--- Audit reason of the warning and of the refusal (routes/billing.ts refuses).
____exports.DESTINATION_RATE_REASON = "destination-rate"
--- Calls per minute of one account to one destination prefix (OpenSIPS fraud_detection's
-- per user and prefix limit), for each new call (initial INVITE) once authenticated: the
-- call counts for `account` and `prefix` (the matched rate-deck prefix); the levels are those
-- of the time window holding `unixSeconds` (the call's start), else fraud.prefixCallsPerMinute's; more than
-- the warning level within the minute logs a warning audit line
-- (`kamailio-ts warning reason=destination-rate`, WARNING) and lets the call through; more
-- than the critical one returns true: the caller refuses the call with 403 (routes/billing.ts, so the
-- attempt gets its CDR). Refused calls count too. Trusted peers (account NO_ACCOUNT) are
-- exempt, as from the call velocity limits.
function ____exports.destinationRateExceeded(account, prefix, unixSeconds)
    if account == NO_ACCOUNT then
        return false
    end
    local calls = htableCount(DESTINATION_RATE_TABLE, (account .. ":") .. prefix)
    local warning, critical = prefixRateLevels(
        rateWindows(),
        KSR.kx.get_defn(WARNING_DEFINE),
        KSR.kx.get_defn(CRITICAL_DEFINE),
        unixSeconds,
        billingSettings().utcOffsetSeconds
    )
    local verdict = prefixRateVerdict(calls, warning, critical)
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
--- The account's spend in the clock hour `hour` (Unix hours), 0 when none; undefined when Redis
-- fails the read after answering billing's PING (it went away in between, the GET alone timed
-- out, or the key holds another type).
function ____exports.hourlySpend(account, hour)
    local key = string.format("spend:%s:%d", account, hour)
    if KSR.ndb_redis.redis_cmd_p1(SERVER, "GET %s", key, REPLY) < 0 then
        return nil
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
function ____exports.sqlInteger(value)
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
        ____exports.sqlInteger(r.startMs),
        ____exports.sqlInteger(r.answerMs),
        ____exports.sqlInteger(r.endMs),
        ____exports.sqlInteger(r.durationMs),
        ____exports.sqlInteger(r.billableSeconds),
        ____exports.sqlInteger(r.cost),
        ____exports.sqlInteger(r.sipCode)
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
["billing.balance-sql"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____cdr = require("billing.cdr")
local cdrInsertSql = ____cdr.cdrInsertSql
local sqlInteger = ____cdr.sqlInteger
local sqlText = ____cdr.sqlText
--- Reserves `want` of the account's balance when it holds it, else the whole balance provided
-- it holds `minimum`, once per call attempt; one row of one column: the amount reserved, -1
-- when the balance (none is 0) is below `minimum`. reserve_balance locks the account's row, so
-- reservations of two nodes at once take turns and never overdraw it.
function ____exports.reserveBalanceSql(attempt, account, want, minimum)
    return ((((((("SELECT reserve_balance(" .. sqlText(attempt)) .. ", ") .. sqlText(account)) .. ", ") .. sqlInteger(want)) .. ", ") .. sqlInteger(minimum)) .. ")"
end
--- One statement (so one transaction, also when the CDR writer replays it alone): the call's
-- reservation, if the database took one (also when the INVITE never learnt it: an answer lost
-- to a timeout), is released: what the call did not cost goes back to the balance and the
-- settlement is recorded; then the CDR. A statement written twice finds no reservation the
-- second time and refunds nothing (balance_settlements' key guards it too).
function ____exports.settledCdrSql(r)
    local attempt = sqlText(r.attemptId)
    local cost = sqlInteger(r.cost)
    return ((((((("WITH held AS (DELETE FROM balance_reservations WHERE attempt_id = " .. attempt) .. " RETURNING account, amount), ") .. "settled AS (INSERT INTO balance_settlements (attempt_id, account, reserved, cost, refund) ") .. ((((("SELECT " .. attempt) .. ", account, amount, ") .. cost) .. ", GREATEST(amount - ") .. cost) .. ", 0) FROM held ") .. "ON CONFLICT (attempt_id) DO NOTHING RETURNING account, refund), ") .. "refunded AS (INSERT INTO balances (account, balance) SELECT account, refund FROM settled ") .. "ON CONFLICT (account) DO UPDATE SET balance = balances.balance + EXCLUDED.balance) ") .. cdrInsertSql(r)
end
return ____exports
 end,
["routes.pg-health"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local TABLE = "pgstate"
local DOWN = "down"
function ____exports.postgresMarkedDown()
    return KSR.htable.sht_get(TABLE, DOWN) ~= nil
end
function ____exports.markPostgresDown()
    KSR.htable.sht_seti(TABLE, DOWN, 1)
end
function ____exports.markPostgresUp()
    if ____exports.postgresMarkedDown() then
        KSR.htable.sht_rm(TABLE, DOWN)
    end
end
return ____exports
 end,
["routes.balances"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____cdr = require("billing.cdr")
local cdrInsertSql = ____cdr.cdrInsertSql
local ____balance_2Dsql = require("billing.balance-sql")
local reserveBalanceSql = ____balance_2Dsql.reserveBalanceSql
local settledCdrSql = ____balance_2Dsql.settledCdrSql
local ____settings = require("routes.settings")
local billingSettings = ____settings.billingSettings
local ____state = require("routes.state")
local reserveBalance = ____state.reserveBalance
local ____pg_2Dhealth = require("routes.pg-health")
local markPostgresDown = ____pg_2Dhealth.markPostgresDown
local postgresMarkedDown = ____pg_2Dhealth.postgresMarkedDown
--- DLG.prepaid values: the store holding the call's reservation.
____exports.RESERVED_IN_REDIS = "1"
____exports.RESERVED_IN_POSTGRES = "pg"
--- sqlops connection (kamailio.cfg CDR_SQLCON) and the result container of reservations.
local CONNECTION = "cdr"
local RESULT = "bal"
--- reserve_balance's answer (see reserveBalanceSql); undefined when PostgreSQL fails or is marked down.
local function reserveInPostgres(attempt, account, want, minimum)
    if postgresMarkedDown() then
        return nil
    end
    if KSR.sqlops.sql_query(
        CONNECTION,
        reserveBalanceSql(attempt, account, want, minimum),
        RESULT
    ) < 0 then
        markPostgresDown()
        return nil
    end
    local reserved = tonumber(KSR.sqlops.sql_result_get(RESULT, 0, 0))
    KSR.sqlops.sql_result_free(RESULT)
    return reserved or nil
end
--- Reserves up to `want`, at least `minimum`, of the account's balance where the deployment
-- keeps it, for the call `attempt`: [the amount (-1: the balance is short of `minimum`), the
-- store's DLG.prepaid value]; the amount is undefined when the store cannot be reached.
function ____exports.reservePrepaid(attempt, account, want, minimum)
    if billingSettings().cdrPostgres then
        return reserveInPostgres(attempt, account, want, minimum), ____exports.RESERVED_IN_POSTGRES
    end
    return reserveBalance(account, want, minimum), ____exports.RESERVED_IN_REDIS
end
--- The statement that stores the call's CDR: with the release of its reservation when that is
-- in PostgreSQL (the CDR writer then settles the balance in the CDR's transaction, once).
function ____exports.cdrStatement(record, reservedIn)
    return reservedIn == ____exports.RESERVED_IN_POSTGRES and settledCdrSql(record) or cdrInsertSql(record)
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
["routes.cluster"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____audit = require("routes.audit")
local NO_ACCOUNT = ____audit.NO_ACCOUNT
local ksr_route_drop_audited = ____audit.ksr_route_drop_audited
local ____settings = require("routes.settings")
local stringDefine = ____settings.stringDefine
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
local nodeName
--- This node's name ("node<id>", "single" outside a cluster: the cfg define CLUSTER_NODE), read once per process.
function ____exports.clusterNodeName()
    if nodeName == nil then
        nodeName = stringDefine("CLUSTER_NODE")
    end
    return nodeName
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
["routes.billing"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____numbering = require("billing.numbering")
local normaliseNumber = ____numbering.normaliseNumber
local ____rate_2Dcache = require("billing.rate-cache")
local cachedRateEntry = ____rate_2Dcache.cachedRateEntry
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
local stateAvailable = ____state.stateAvailable
local ____balances = require("routes.balances")
local reservePrepaid = ____balances.reservePrepaid
local ____clock = require("routes.clock")
local nowMs = ____clock.nowMs
local ____cluster = require("routes.cluster")
local clusterNodeName = ____cluster.clusterNodeName
local isClusterNode = ____cluster.isClusterNode
--- htable of per-account policy (scripts/lib loads it from the account_policy table).
local ACCOUNTS_TABLE = "accounts"
--- mtree tree of high-cost destination prefixes (fraud.highCostPrefixes).
local HIGH_COST_TREE = "highcost"
--- Where mt_match puts the matched value (mtree's pv_value default).
local MTREE_VALUE = "$avp(s:tvalue)"
--- Audit reason of a spend cap that Redis could not read (refused, or a warning: fraud.failMode).
local SPEND_UNAVAILABLE_REASON = "spend-unavailable"
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
    refusedReason = "b_reason",
    owner = "b_node",
    timeout = "b_tmo",
    ratedAtTimeout = "b_tmr",
    endedByBye = "b_bye"
}
--- Any name: a dialog with a timeout route runs the event callback with "dialog:timeout" when
-- its timer expires, before its BYEs are sent (calls-end.ts rates the call there).
local TIMEOUT_ROUTE = "ksr_dialog_event"
--- Cluster mode: how much later than the owner's the replicas' dialog timers expire. A replica's
-- timer that expires first does nothing (dlg_filter_mode 1) but keeps the replica alive after
-- the owner removes it (dialog 5.6.3 dlg_ontimeout returns without its unref): longer than the
-- owner's BYE transactions (fr_timer) take before the owner removes the dialog everywhere.
local REPLICA_TIMEOUT_MARGIN_SECONDS = 60
--- The call's dialog timeout, in seconds from the answer. In a cluster the dialog's lifetime,
-- which DMQ gives the replicas, gets REPLICA_TIMEOUT_MARGIN_SECONDS more; the owner sets its own
-- timer back to `seconds` at the confirming ACK (ksr_cluster_own_timeout).
local function setCallTimeout(seconds)
    if not isClusterNode() then
        KSR.dialog.dlg_set_timeout(seconds)
        return
    end
    KSR.dialog.var_sets(
        ____exports.DLG.owner,
        clusterNodeName()
    )
    KSR.dialog.var_sets(
        ____exports.DLG.timeout,
        tostring(seconds)
    )
    KSR.dialog.dlg_set_timeout(seconds + REPLICA_TIMEOUT_MARGIN_SECONDS)
end
--- An account's policy value from the accounts htable, or undefined.
local function policy(account, field)
    return KSR.htable.sht_get(ACCOUNTS_TABLE, (account .. "::") .. field)
end
local function policyNumber(account, field, fallback)
    return tonumber(policy(account, field)) or fallback
end
--- The final reply the proxy itself sends to a new call, kept for its CDR: the dialog's failure
-- event gets no message for a reply made locally (calls-end.ts). No-op outside a dialog.
function ____exports.recordLocalReply(code, reason)
    KSR.dialog.var_sets(
        ____exports.DLG.refusedCode,
        tostring(code)
    )
    KSR.dialog.var_sets(____exports.DLG.refusedReason, reason)
end
--- Refuses the call statefully: the dialog sees the reply, so the attempt gets its CDR with
-- this code (dialog:failed), and the audit line is logged.
local function refuseCall(code, reason, auditReason, account)
    ____exports.recordLocalReply(code, reason)
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
    KSR.pv.sets("$dlg_ctx(timeout_route)", TIMEOUT_ROUTE)
    KSR.dialog.dlg_manage()
    KSR.tm.t_newtran()
    local attempt = (((callId .. ";") .. KSR.pv.gete("$ft")) .. ";") .. KSR.pv.gete("$cs")
    KSR.dialog.var_sets(____exports.DLG.attempt, attempt)
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
    if isClusterNode() then
        setCallTimeout(settings.maxCallSeconds)
    end
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
    local entry = cachedRateEntry(deckValue)
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
    if destinationRateExceeded(
        account,
        entry.prefix,
        math.floor(startMs / 1000)
    ) then
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
    if spend == nil then
        if not settings.fraudFailsOpen then
            refuseCall(503, "Service Unavailable - spend limit unavailable", SPEND_UNAVAILABLE_REASON, account)
        end
        ksr_route_audit_warning(
            SPEND_UNAVAILABLE_REASON,
            KSR.pv.gete("$ua"),
            account
        )
    end
    local verdict = spendVerdict(
        spend or 0,
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
    local reserved, reservedIn = reservePrepaid(attempt, account, want, minimum)
    KSR.dialog.var_sets(____exports.DLG.prepaid, reservedIn)
    if reserved == nil then
        refuseCall(503, "Service Unavailable - balance unavailable", "balance-unavailable", account)
    end
    if reserved < 0 then
        refuseCall(402, "Payment Required - insufficient balance", "insufficient-balance", account)
    end
    KSR.dialog.var_sets(
        ____exports.DLG.reserved,
        tostring(reserved)
    )
    local maxSeconds = affordableSeconds(rate, reserved, settings.maxCallSeconds)
    if maxSeconds <= 0 then
        refuseCall(402, "Payment Required - insufficient balance", "insufficient-balance", account)
    end
    KSR.dialog.var_sets(
        ____exports.DLG.maxSeconds,
        tostring(maxSeconds)
    )
    setCallTimeout(maxSeconds + 1)
end
return ____exports
 end,
["routes.relay"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____billing = require("routes.billing")
local recordLocalReply = ____billing.recordLocalReply
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
        if method == "INVITE" then
            recordLocalReply(503, "No gateway available")
        end
        KSR.sl.send_reply(503, "No gateway available")
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
["routes.cluster-timeout"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____billing = require("routes.billing")
local DLG = ____billing.DLG
local ____clock = require("routes.clock")
local nowMs = ____clock.nowMs
local ____cluster = require("routes.cluster")
local clusterNodeName = ____cluster.clusterNodeName
local isClusterNode = ____cluster.isClusterNode
--- An ACK that loose_route matched to a dialog: the owner's timer back to the call's timeout.
function ____exports.ksr_cluster_own_timeout()
    if not isClusterNode() then
        return
    end
    local owner = KSR.dialog.var_get(DLG.owner)
    if owner == nil or tostring(owner) ~= clusterNodeName() then
        return
    end
    local timeout = tonumber(KSR.dialog.var_get(DLG.timeout)) or 0
    local answerMs = tonumber(KSR.dialog.var_get(DLG.answerMs)) or 0
    if timeout <= 0 or answerMs <= 0 then
        return
    end
    local remaining = math.ceil((answerMs + timeout * 1000 - nowMs()) / 1000)
    if remaining > 0 then
        KSR.dialog.dlg_set_timeout(remaining)
    end
end
return ____exports
 end,
["routes.bye-without-route"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____line = require("audit.line")
local logSafe = ____line.logSafe
local ____billing = require("routes.billing")
local DLG = ____billing.DLG
--- Ends the BYE's call through the dialog module, if it knows it; returns otherwise.
function ____exports.ksr_route_bye_without_route()
    local callId = KSR.pv.gete("$ci")
    local fromTag = KSR.pv.gete("$ft")
    if KSR.dialog.dlg_get(
        callId,
        fromTag,
        KSR.pv.gete("$tt")
    ) < 0 then
        return
    end
    local otherSide = fromTag == KSR.pv.gete("$dlg(from_tag)") and "callee" or "caller"
    KSR.dialog.var_sets(DLG.endedByBye, "1")
    KSR.sl.sl_send_reply(200, "OK")
    KSR.warn(((("kamailio-ts bye-without-route callid=\"" .. logSafe(callId)) .. "\" hangup=") .. otherSide) .. "\n")
    KSR.dialog.dlg_bye(otherSide)
    KSR.x.exit()
end
return ____exports
 end,
["routes.withindlg"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____relay = require("routes.relay")
local ksr_route_relay = ____relay.ksr_route_relay
local ____cluster_2Dtimeout = require("routes.cluster-timeout")
local ksr_cluster_own_timeout = ____cluster_2Dtimeout.ksr_cluster_own_timeout
local ____bye_2Dwithout_2Droute = require("routes.bye-without-route")
local ksr_route_bye_without_route = ____bye_2Dwithout_2Droute.ksr_route_bye_without_route
--- Requests inside a dialog (To-tag present) follow their Route set.
function ____exports.ksr_route_withindlg(method)
    if KSR.siputils.has_totag() < 0 then
        return
    end
    if KSR.rr.loose_route() > 0 then
        if method == "ACK" then
            ksr_cluster_own_timeout()
        end
        ksr_route_relay(method)
    end
    if method == "ACK" then
        if KSR.tm.t_check_trans() > 0 then
            ksr_route_relay(method)
        end
        KSR.x.exit()
    end
    if method == "BYE" then
        ksr_route_bye_without_route()
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
["fraud.quorum"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
--- The `minority` item of the htable `cluster`: 1 when the node sees a minority, 0 a majority.
____exports.IN_MINORITY = 1
____exports.IN_MAJORITY = 0
--- Nodes a node must see, itself included, for a majority of `clusterSize` nodes: floor(N/2)+1.
function ____exports.majorityOf(clusterSize)
    return math.floor(clusterSize / 2) + 1
end
--- IN_MINORITY when `active` nodes (itself included) are fewer than a majority of `clusterSize`.
function ____exports.minorityFlag(active, clusterSize)
    return active < ____exports.majorityOf(clusterSize) and ____exports.IN_MINORITY or ____exports.IN_MAJORITY
end
--- Whether a new call is refused for want of reliable fraud checks: "closed" (`failOpen`
-- false) refuses unless the node is known to see a majority (`flag` IN_MAJORITY; undefined:
-- not yet known, the first second after a start); "open" never does.
function ____exports.refusesNewCalls(flag, failOpen)
    return not failOpen and flag ~= ____exports.IN_MAJORITY
end
--- The log line of a change of view from `previous` to `current` (flags), "" when there is no
-- change to tell: the same view, or a node starting with a majority.
function ____exports.quorumChangeLine(previous, current, active, clusterSize, failOpen)
    if previous == current or previous == nil and current == ____exports.IN_MAJORITY then
        return ""
    end
    local seen = string.format(
        "sees %d of %d nodes (a majority is %d)",
        active,
        clusterSize,
        ____exports.majorityOf(clusterSize)
    )
    if current == ____exports.IN_MAJORITY then
        return ("kamailio-ts cluster-majority: this node " .. seen) .. " again: fraud checks shared again, new calls accepted"
    end
    local consequence = failOpen and "new calls let through (fraud.failMode open)" or "new calls refused with 503 (fraud.failMode closed)"
    return (("kamailio-ts cluster-minority: this node " .. seen) .. ": its fraud checks count its own traffic only, ") .. consequence
end
return ____exports
 end,
["routes.quorum"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____quorum = require("fraud.quorum")
local IN_MAJORITY = ____quorum.IN_MAJORITY
local minorityFlag = ____quorum.minorityFlag
local quorumChangeLine = ____quorum.quorumChangeLine
local refusesNewCalls = ____quorum.refusesNewCalls
local ____audit = require("routes.audit")
local ksr_route_audit = ____audit.ksr_route_audit
local ____cluster = require("routes.cluster")
local clusterNodeName = ____cluster.clusterNodeName
local isClusterNode = ____cluster.isClusterNode
local ____settings = require("routes.settings")
local billingSettings = ____settings.billingSettings
--- kamailio.cfg's local htable of this node's view, and its items.
local CLUSTER_TABLE = "cluster"
local MINORITY_KEY = "minority"
local ACTIVE_KEY = "active"
--- kamailio.cfg's replicated htable of heartbeats, keyed by node name ("node<id>": CLUSTER_NODE).
local HEARTBEAT_TABLE = "heartbeat"
--- Node ids run from 1 to 15 (scripts/lib/cluster-config.mjs CLUSTER_NODE_IDS).
local MAX_NODE_ID = 15
--- Ticks after a start during which a minority is not yet believed: the other nodes' heartbeats
-- reach a starting node with DMQ's first sync, and an item lives 3 s. Until then the view stays
-- unknown (closed refuses new calls of accounts, open lets them through), unless a majority shows.
local SETTLING_TICKS = 4
--- This timer process's ticks since the start (the timer runs in one process only).
local ticks = 0
--- rtimer "clusterwatch", every second, in one process: writes this node's heartbeat, counts the
-- heartbeats present (this node's included), writes the count and the flag, and logs each change
-- of view once (a WARNING, whatever fraud.failMode: operators must see it).
function ____exports.ksr_route_cluster_watch()
    KSR.htable.sht_seti(
        HEARTBEAT_TABLE,
        clusterNodeName(),
        1
    )
    local active = 0
    do
        local id = 1
        while id <= MAX_NODE_ID do
            if KSR.htable.sht_get(
                HEARTBEAT_TABLE,
                "node" .. tostring(id)
            ) ~= nil then
                active = active + 1
            end
            id = id + 1
        end
    end
    local clusterSize = KSR.kx.get_defn("CLUSTER_SIZE")
    local current = minorityFlag(active, clusterSize)
    KSR.htable.sht_seti(CLUSTER_TABLE, ACTIVE_KEY, active)
    if ticks < SETTLING_TICKS then
        ticks = ticks + 1
    end
    if current ~= IN_MAJORITY and ticks < SETTLING_TICKS then
        return
    end
    local previous = tonumber(KSR.htable.sht_get(CLUSTER_TABLE, MINORITY_KEY))
    if previous == current then
        return
    end
    KSR.htable.sht_seti(CLUSTER_TABLE, MINORITY_KEY, current)
    local line = quorumChangeLine(
        previous,
        current,
        active,
        clusterSize,
        billingSettings().fraudFailsOpen
    )
    if line ~= "" then
        KSR.warn(line .. "\n")
    end
end
--- A new call (initial INVITE) of an untrusted caller on a cluster node that does not see a
-- majority of the nodes, with fraud.failMode "closed": 503 (callers and DNS SRV clients try
-- another node), audited `cluster-minority`. Trusted peers pass: none of the shared fraud
-- checks (bans, call rates, account caps) applies to them.
function ____exports.ksr_route_cluster_quorum(trusted, account)
    if trusted or not isClusterNode() then
        return
    end
    local failOpen = billingSettings().fraudFailsOpen
    if failOpen then
        return
    end
    if not refusesNewCalls(
        tonumber(KSR.htable.sht_get(CLUSTER_TABLE, MINORITY_KEY)),
        failOpen
    ) then
        return
    end
    ksr_route_audit(
        "cluster-minority",
        KSR.pv.gete("$ua"),
        account
    )
    KSR.sl.sl_send_reply(503, "Service Unavailable - fraud checks unavailable")
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
local ____billing = require("routes.billing")
local ksr_route_billing = ____billing.ksr_route_billing
local ____audit = require("routes.audit")
local ksr_route_audit = ____audit.ksr_route_audit
local ____cluster = require("routes.cluster")
local ksr_route_dmq = ____cluster.ksr_route_dmq
local ____toll_2Dfree = require("routes.toll-free")
local ksr_route_toll_free = ____toll_2Dfree.ksr_route_toll_free
local ____quorum = require("routes.quorum")
local ksr_route_cluster_quorum = ____quorum.ksr_route_cluster_quorum
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
function ____exports.ksr_route_hide_from(fromUser)
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
    local dialled = ""
    if method == "INVITE" then
        ksr_route_call_rate(trusted, account)
        ksr_route_cluster_quorum(trusted, account)
        dialled = KSR.pv.gete("$rU")
        ksr_route_billing(account, fromUser, dialled)
    end
    ____exports.ksr_route_hide_from(fromUser)
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
["routes.cdr-writer"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____state = require("routes.state")
local CDR_DEAD_LETTERS = ____state.CDR_DEAD_LETTERS
local CDR_QUEUE = ____state.CDR_QUEUE
local pushToList = ____state.pushToList
local ____settings = require("routes.settings")
local billingSettings = ____settings.billingSettings
local ____cluster = require("routes.cluster")
local clusterNodeName = ____cluster.clusterNodeName
local ____pg_2Dhealth = require("routes.pg-health")
local markPostgresDown = ____pg_2Dhealth.markPostgresDown
local markPostgresUp = ____pg_2Dhealth.markPostgresUp
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
        holder = (clusterNodeName() .. ":") .. KSR.pv.gete("$pp")
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
--- Writes one CDR statement straight into the database, for a CDR that Redis refused to queue
-- (Redis down): the writer is idle then (it cannot take its lock), and the statement's ON
-- CONFLICT (attempt_id) makes a later replay harmless. False when the database refuses it too.
function ____exports.writeCdrNow(sql)
    return execute(sql)
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
--- The batch in one transaction. PostgreSQL gets it as one query: db_postgres resends a query
-- on a new connection when the old one broke (a database restart), and a BEGIN sent apart
-- would be lost with it, leaving the rest to commit alone and the first rows (CDRs, refunds)
-- rolled back unseen. SQLite (db_sqlite runs the first statement of a query only) statement
-- by statement.
local function writeBatch(count)
    if billingSettings().cdrPostgres then
        local parts = {"BEGIN"}
        do
            local i = 0
            while i < count do
                parts[i + 1 + 1] = queued(i)
                i = i + 1
            end
        end
        parts[count + 1 + 1] = "COMMIT"
        return execute(table.concat(parts, ";\n"))
    end
    local written = execute("BEGIN")
    do
        local i = 0
        while written and i < count do
            written = execute(queued(i))
            i = i + 1
        end
    end
    return written and execute("COMMIT")
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
    if billingSettings().cdrPostgres then
        if not execute("SELECT 1") then
            markPostgresDown()
            return
        end
        markPostgresUp()
    end
    local written = writeBatch(count)
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
["routes.calls-end"] = function(...) 
--[[ Generated with https://github.com/TypeScriptToLua/TypeScriptToLua ]]
local ____exports = {}
local ____increments = require("billing.increments")
local billableSeconds = ____increments.billableSeconds
local ____cost = require("billing.cost")
local costOfSeconds = ____cost.costOfSeconds
local ____cdr = require("billing.cdr")
local billingLine = ____cdr.billingLine
local ____rate_2Dcache = require("billing.rate-cache")
local cachedRateEntry = ____rate_2Dcache.cachedRateEntry
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
local ____balances = require("routes.balances")
local RESERVED_IN_REDIS = ____balances.RESERVED_IN_REDIS
local cdrStatement = ____balances.cdrStatement
local ____cdr_2Dwriter = require("routes.cdr-writer")
local writeCdrNow = ____cdr_2Dwriter.writeCdrNow
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
--- Prometheus counters (kamailio.cfg): call attempts by outcome, and revenue in minor units.
local CALLS_METRIC = "ts_calls_total"
local REVENUE_METRIC = "ts_revenue_minor_total"
--- Queues the CDR statement (or writes it, when Redis refuses it) and counts the call.
local function queueCdr(record, sql)
    KSR.xhttp_prom.counter_inc_l1(CALLS_METRIC, 1, record.sipCode == 200 and "answered" or record.endReason)
    if record.cost > 0 then
        KSR.xhttp_prom.counter_inc_l0(REVENUE_METRIC, record.cost)
    end
    if pushToList(CDR_QUEUE, sql) then
        return
    end
    if writeCdrNow(sql) then
        KSR.warn(("kamailio-ts cdr-written-directly attempt=\"" .. logSafe(record.attemptId)) .. "\"\n")
    else
        KSR.crit(("kamailio-ts cdr-not-queued sql=\"" .. logSafe(sql)) .. "\"\n")
    end
end
--- Settles the call's prepaid reservation and its hourly spend, once; returns the statement
-- that stores its CDR. A reservation in Redis is refunded here; one in PostgreSQL by that
-- statement, in the CDR's transaction, from the reservation the database recorded (balances.ts).
local function settle(record)
    local reservedIn = dialogVar(DLG.prepaid)
    local inRedis = reservedIn == RESERVED_IN_REDIS
    local reserved = inRedis and dialogNumber(DLG.reserved) or 0
    local refund = reserved > record.cost and reserved - record.cost or 0
    if record.account ~= "" and not settleCall(
        record.attemptId,
        record.account,
        inRedis,
        refund,
        record.cost,
        math.floor(record.endMs / 3600000)
    ) then
        KSR.crit(((((("kamailio-ts settle-failed attempt=\"" .. logSafe(record.attemptId)) .. "\" refund=") .. tostring(refund)) .. " cost=") .. tostring(record.cost)) .. "\n")
    end
    return cdrStatement(record, reservedIn)
end
--- An answered call ended: rated from answer to end, capped at a prepaid call's limit.
local function rateEndedCall()
    local record = recordFromDialog(nowMs())
    local entry = cachedRateEntry(dialogVar(DLG.deckValue))
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
    record.endReason = (KSR.pv.gete("$rm") == "BYE" or dialogVar(DLG.endedByBye) == "1") and "bye" or "timeout"
    if entry ~= nil and rate ~= nil then
        record.destination = entry.destination
        record.prefix = entry.prefix
        record.rateId = rate.id
        record.billableSeconds = billableSeconds(rate, record.durationMs)
        record.cost = costOfSeconds(rate, record.billableSeconds)
    else
        KSR.crit(("kamailio-ts call without a rate: attempt=\"" .. logSafe(record.attemptId)) .. "\"\n")
    end
    queueCdr(
        record,
        settle(record)
    )
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
    queueCdr(
        record,
        settle(record)
    )
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
    elseif event == "dialog:timeout" then
        KSR.dialog.var_sets(DLG.ratedAtTimeout, "1")
        rateEndedCall()
    elseif event == "dialog:end" then
        if dialogVar(DLG.ratedAtTimeout) ~= "1" then
            rateEndedCall()
        end
    elseif event == "dialog:failed" then
        recordFailedCall()
    end
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
local ____quorum = require("routes.quorum")
local clusterWatch = ____quorum.ksr_route_cluster_watch
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
    ____exports.parsePrefixRateWindows = ____destination.parsePrefixRateWindows
    ____exports.prefixRateLevels = ____destination.prefixRateLevels
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
    local ____balance_2Dsql = require("billing.balance-sql")
    ____exports.reserveBalanceSql = ____balance_2Dsql.reserveBalanceSql
    ____exports.settledCdrSql = ____balance_2Dsql.settledCdrSql
end
do
    local ____spend = require("fraud.spend")
    ____exports.spendVerdict = ____spend.spendVerdict
end
do
    local ____quorum = require("fraud.quorum")
    ____exports.majorityOf = ____quorum.majorityOf
    ____exports.minorityFlag = ____quorum.minorityFlag
    ____exports.refusesNewCalls = ____quorum.refusesNewCalls
    ____exports.quorumChangeLine = ____quorum.quorumChangeLine
end
do
    local ____deck = require("billing.deck")
    ____exports.decodeRateEntry = ____deck.decodeRateEntry
end
do
    local ____rate_2Dcache = require("billing.rate-cache")
    ____exports.cachedRateEntry = ____rate_2Dcache.cachedRateEntry
    ____exports.MAX_CACHED_RATE_ENTRIES = ____rate_2Dcache.MAX_CACHED_RATE_ENTRIES
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
ksr_route_cluster_watch = function()
    callRoute(clusterWatch)
end
ksr_xhttp_event = function(event)
    callRoute(xhttpEvent, event)
end
return ____exports
 end,
}
____modules["kemi.line-map"] = function() return { files = {"src/kemi/used-modules.generated.ts", "src/kemi/modules.ts", "src/kemi/error-positions.ts", "src/routes/reqinit.ts", "src/routes/transactions.ts", "src/billing/numbering.ts", "src/billing/integer.ts", "src/billing/money.ts", "src/billing/rate.ts", "src/billing/deck.ts", "src/billing/rate-cache.ts", "src/billing/windows.ts", "src/billing/increments.ts", "src/billing/cost.ts", "src/billing/prepaid.ts", "src/fraud/spend.ts", "src/audit/line.ts", "src/routes/counters.ts", "src/routes/audit.ts", "src/fraud/destination.ts", "src/routes/settings.ts", "src/routes/destination.ts", "src/routes/state.ts", "src/billing/cdr.ts", "src/billing/balance-sql.ts", "src/routes/pg-health.ts", "src/routes/balances.ts", "src/routes/clock.ts", "src/routes/cluster.ts", "src/routes/billing.ts", "src/routes/relay.ts", "src/routes/cluster-timeout.ts", "src/routes/bye-without-route.ts", "src/routes/withindlg.ts", "src/fraud/banning.ts", "src/routes/screen.ts", "src/routes/auth.ts", "src/fraud/velocity.ts", "src/routes/velocity.ts", "src/routing/toll-free.ts", "src/routes/toll-free.ts", "src/fraud/quorum.ts", "src/routes/quorum.ts", "src/routes/request.ts", "src/routes/replies.ts", "src/routes/cdr-writer.ts", "src/routes/calls-end.ts", "src/routes/http.ts", "src/billing/prefix.ts", "src/main.ts"}, entries = "29,1,4;30,1,5;31,1,6;32,1,7;33,1,8;34,1,9;35,1,10;36,1,11;37,1,12;38,1,13;39,1,14;40,1,15;41,1,16;42,1,17;43,1,18;44,1,19;45,1,20;46,1,21;47,1,22;48,1,23;49,1,24;50,1,25;51,1,26;52,1,27;53,1,4;59,2,1;60,2,1;65,2,9;66,2,10;67,2,11;68,2,12;69,2,12;70,2,12;71,2,13;72,2,13;75,2,15;76,2,16;77,2,16;78,2,16;79,2,16;81,2,9;88,3,9;89,3,11;91,3,11;93,3,13;95,3,15;97,3,17;99,3,20;100,3,21;101,3,30;102,3,31;103,3,31;104,3,31;105,3,32;106,3,33;107,3,34;108,3,35;109,3,36;111,3,38;112,3,39;113,3,30;115,3,43;116,3,44;117,3,44;120,3,45;121,3,45;122,3,46;123,3,47;124,3,47;126,3,45;129,3,49;130,3,43;134,3,57;135,3,58;137,3,59;138,3,59;139,3,60;140,3,61;143,3,62;144,3,63;145,3,63;146,3,63;148,3,63;150,3,63;151,3,64;154,3,65;155,3,65;157,3,59;160,3,67;161,3,57;162,3,70;163,3,71;164,3,71;165,3,71;166,3,71;167,3,70;173,3,81;174,3,82;175,3,82;177,3,83;178,3,84;179,3,85;180,3,86;181,3,87;182,3,88;183,3,89;184,3,90;187,3,93;188,3,93;190,3,95;191,3,95;193,3,96;194,3,97;195,3,81;197,3,101;198,3,102;200,3,105;201,3,106;202,3,107;203,3,108;204,3,109;205,3,105;209,3,117;210,3,117;211,3,117;213,3,118;214,3,119;215,3,120;216,3,121;217,3,121;219,3,117;226,4,2;230,4,8;232,4,10;235,4,16;236,4,17;239,4,18;240,4,19;243,4,20;244,4,21;245,4,21;247,4,16;251,4,29;252,4,30;253,4,31;254,4,32;255,4,33;256,4,34;258,4,36;259,4,37;262,4,38;263,4,39;266,4,40;267,4,41;268,4,29;270,4,45;271,4,46;272,4,47;273,4,48;274,4,49;275,4,50;277,4,52;278,4,54;279,4,55;281,4,58;282,4,59;283,4,60;285,4,45;292,5,2;293,5,3;294,5,5;295,5,5;297,5,6;299,5,8;300,5,10;301,5,11;302,5,12;304,5,15;305,5,15;308,5,2;315,6,14;317,6,16;318,6,17;336,6,38;337,6,39;338,6,40;339,6,41;340,6,42;341,6,43;342,6,44;343,6,45;344,6,46;345,6,47;346,6,48;347,6,49;348,6,50;349,6,51;351,6,53;353,6,56;354,6,56;356,6,57;357,6,58;358,6,58;360,6,59;361,6,38;368,7,8;369,7,9;370,7,10;371,7,10;373,7,12;374,7,8;376,7,16;377,7,18;378,7,16;380,7,22;381,7,23;382,7,22;385,7,30;386,7,31;387,7,32;388,7,33;389,7,30;395,8,5;396,8,5;397,8,5;399,8,11;401,8,14;403,8,16;406,8,22;407,8,23;408,8,24;409,8,24;411,8,25;412,8,25;414,8,26;415,8,26;417,8,27;418,8,28;419,8,22;422,8,35;423,8,36;424,8,37;425,8,38;426,8,39;427,8,40;428,8,40;430,8,41;431,8,41;433,8,42;434,8,35;443,9,49;444,9,50;446,9,52;447,9,54;448,9,55;449,9,54;451,9,59;452,9,60;453,9,60;455,9,61;456,9,61;458,9,62;459,9,62;461,9,63;462,9,63;464,9,64;465,9,64;467,9,65;468,9,65;470,9,66;471,9,67;473,9,69;474,9,70;475,9,71;477,9,72;478,9,72;479,9,73;480,9,74;481,9,75;483,9,77;484,9,77;486,9,78;487,9,72;491,9,81;492,9,82;494,9,83;495,9,83;496,9,84;497,9,85;498,9,85;500,9,86;501,9,86;503,9,87;504,9,88;506,9,89;507,9,89;508,9,90;509,9,90;511,9,89;515,9,83;519,9,95;520,9,59;526,10,13;527,10,13;528,10,26;529,10,27;530,10,28;531,10,29;533,10,31;534,10,32;536,10,34;537,10,35;539,10,38;540,10,39;541,10,39;543,10,40;544,10,38;545,10,43;546,10,44;547,10,43;549,10,48;550,10,49;551,10,49;553,10,50;554,10,51;555,10,48;557,10,55;558,10,56;559,10,57;560,10,58;561,10,59;562,10,60;563,10,61;564,10,62;565,10,62;567,10,63;568,10,64;569,10,65;570,10,65;572,10,66;573,10,67;576,10,68;578,10,70;579,10,55;581,10,74;582,10,75;583,10,76;584,10,77;585,10,78;586,10,79;587,10,80;588,10,80;590,10,81;591,10,82;593,10,84;594,10,84;596,10,85;598,10,86;599,10,86;600,10,87;601,10,88;602,10,88;604,10,89;605,10,86;608,10,91;609,10,74;611,10,95;612,10,96;613,10,97;614,10,98;615,10,99;616,10,100;617,10,101;620,10,102;622,10,104;623,10,105;624,10,105;626,10,106;627,10,107;628,10,108;629,10,109;630,10,110;631,10,111;632,10,112;634,10,114;635,10,114;636,10,114;637,10,114;638,10,114;639,10,114;640,10,114;641,10,114;642,10,115;643,10,116;644,10,117;645,10,118;646,10,118;649,10,120;650,10,121;651,10,122;652,10,123;653,10,124;654,10,125;655,10,125;657,10,126;659,10,128;660,10,129;661,10,130;662,10,131;663,10,131;666,10,133;667,10,133;669,10,134;670,10,95;674,10,142;675,10,143;676,10,143;678,10,144;679,10,145;680,10,145;682,10,146;683,10,147;684,10,147;686,10,148;687,10,149;688,10,149;690,10,150;691,10,151;692,10,152;693,10,152;695,10,153;696,10,154;697,10,155;698,10,156;699,10,157;700,10,157;701,10,157;702,10,157;703,10,158;704,10,158;706,10,159;707,10,160;710,10,161;712,10,163;713,10,163;714,10,163;715,10,163;716,10,163;717,10,163;718,10,142;724,11,5;725,11,5;727,11,8;728,11,10;729,11,11;731,11,14;732,11,15;733,11,16;734,11,16;736,11,17;737,11,18;738,11,18;740,11,19;741,11,20;742,11,21;744,11,23;745,11,24;746,11,25;747,11,14;753,12,3;754,12,3;755,12,3;756,12,6;758,12,8;762,12,15;763,12,16;764,12,17;765,12,18;766,12,19;767,12,15;769,12,23;770,12,24;771,12,25;772,12,26;774,12,27;775,12,27;776,12,28;777,12,28;779,12,27;782,12,30;783,12,30;786,12,32;787,12,33;788,12,34;789,12,34;791,12,35;792,12,35;794,12,36;795,12,23;802,12,47;803,12,48;805,12,49;806,12,49;807,12,50;808,12,51;809,12,52;810,12,52;813,12,53;814,12,53;815,12,54;816,12,54;818,12,53;821,12,49;824,12,57;825,12,47;831,13,3;832,13,3;833,13,4;834,13,4;844,13,17;845,13,18;846,13,18;848,13,19;849,13,20;850,13,21;851,13,21;853,13,22;854,13,23;855,13,17;861,14,3;862,14,3;863,14,4;864,14,4;870,14,15;871,14,16;872,14,17;873,14,18;874,14,19;875,14,20;877,14,21;878,14,21;879,14,22;880,14,23;883,14,24;884,14,25;885,14,26;886,14,21;890,14,29;891,14,30;892,14,31;893,14,32;894,14,15;897,14,39;898,14,40;899,14,40;900,14,40;901,14,40;902,14,39;908,15,4;909,15,4;910,15,6;911,15,6;916,15,15;917,15,16;918,15,17;919,15,17;921,15,18;922,15,19;923,15,20;924,15,21;925,15,22;926,15,23;927,15,23;929,15,24;932,15,26;933,15,15;936,15,33;937,15,34;938,15,35;939,15,36;940,15,37;941,15,33;948,16,4;949,16,5;950,16,5;952,16,6;953,16,6;955,16,7;956,16,4;962,17,10;963,17,10;964,17,11;966,17,12;967,17,12;968,17,12;969,17,12;972,17,13;973,17,14;976,17,5;978,17,8;982,17,22;983,17,23;984,17,24;985,17,25;986,17,22;993,17,39;994,17,50;995,17,51;996,17,52;997,17,39;1010,18,10;1011,18,11;1012,18,12;1013,18,12;1015,18,13;1016,18,14;1017,18,10;1023,19,1;1024,19,1;1025,19,2;1026,19,2;1029,19,8;1030,19,9;1033,19,14;1034,19,15;1036,19,18;1038,19,21;1039,19,22;1040,19,23;1041,19,23;1042,19,23;1043,19,23;1044,19,23;1045,19,23;1046,19,23;1047,19,23;1048,19,23;1049,19,23;1050,19,23;1051,19,21;1055,19,31;1056,19,32;1057,19,33;1058,19,34;1059,19,31;1063,19,42;1064,19,43;1065,19,44;1066,19,45;1067,19,42;1070,19,52;1071,19,53;1072,19,54;1073,19,52;1079,20,7;1080,20,7;1081,20,7;1085,20,20;1086,20,21;1087,20,22;1088,20,23;1089,20,24;1090,20,24;1092,20,25;1093,20,26;1094,20,27;1095,20,28;1096,20,29;1097,20,30;1098,20,25;1100,20,33;1101,20,20;1104,20,40;1105,20,47;1106,20,47;1108,20,48;1110,20,49;1111,20,49;1112,20,50;1113,20,51;1114,20,51;1116,20,49;1119,20,53;1120,20,40;1125,20,65;1126,20,66;1127,20,66;1129,20,67;1130,20,67;1132,20,68;1133,20,68;1135,20,69;1136,20,65;1142,21,20;1144,21,23;1145,21,24;1146,21,25;1147,21,25;1149,21,26;1150,21,27;1151,21,23;1152,21,30;1153,21,31;1154,21,31;1156,21,32;1157,21,33;1158,21,34;1159,21,35;1160,21,36;1161,21,33;1162,21,38;1163,21,39;1164,21,40;1165,21,41;1166,21,42;1167,21,43;1168,21,44;1169,21,45;1170,21,32;1171,21,47;1172,21,30;1178,22,1;1179,22,1;1180,22,1;1181,22,1;1182,22,2;1183,22,2;1184,22,2;1185,22,3;1186,22,3;1187,22,3;1188,22,4;1189,22,4;1193,22,11;1195,22,13;1196,22,14;1198,22,16;1200,22,19;1201,22,21;1202,22,22;1203,22,22;1205,22,23;1206,22,24;1207,22,21;1209,22,27;1219,22,40;1220,22,41;1221,22,41;1223,22,42;1224,22,43;1225,22,44;1226,22,45;1227,22,46;1228,22,47;1229,22,48;1230,22,43;1231,22,50;1232,22,51;1233,22,51;1234,22,51;1235,22,51;1236,22,51;1237,22,51;1239,22,52;1240,22,40;1246,23,5;1247,23,6;1249,23,8;1251,23,11;1253,23,13;1255,23,16;1256,23,17;1257,23,16;1261,23,25;1265,23,38;1267,23,49;1268,23,50;1269,23,50;1271,23,51;1272,23,49;1274,23,55;1275,23,56;1276,23,57;1277,23,57;1278,23,57;1279,23,57;1280,23,57;1281,23,57;1282,23,57;1283,23,57;1284,23,55;1286,23,61;1287,23,62;1288,23,62;1289,23,62;1290,23,62;1291,23,62;1292,23,62;1293,23,62;1294,23,62;1295,23,62;1296,23,63;1297,23,63;1298,23,63;1299,23,63;1300,23,63;1301,23,63;1302,23,63;1303,23,61;1307,23,71;1308,23,72;1309,23,73;1310,23,73;1312,23,74;1313,23,71;1315,23,78;1316,23,79;1317,23,78;1319,23,83;1320,23,84;1321,23,84;1322,23,84;1323,23,84;1324,23,84;1325,23,84;1326,23,84;1327,23,83;1329,23,88;1330,23,89;1331,23,88;1335,23,97;1336,23,98;1337,23,98;1338,23,98;1339,23,98;1340,23,98;1341,23,98;1342,23,98;1343,23,98;1344,23,97;1346,23,102;1347,23,103;1348,23,103;1349,23,103;1350,23,103;1351,23,103;1352,23,103;1353,23,103;1355,23,104;1356,23,102;1362,24,4;1363,24,4;1364,24,5;1365,24,5;1366,24,6;1367,24,6;1369,24,36;1374,24,44;1375,24,45;1376,24,46;1377,24,47;1378,24,48;1379,24,44;1381,24,52;1382,24,53;1383,24,52;1385,24,57;1388,24,65;1389,24,66;1390,24,67;1391,24,67;1392,24,67;1393,24,67;1394,24,67;1395,24,68;1396,24,68;1397,24,68;1398,24,68;1399,24,68;1400,24,66;1401,24,70;1402,24,71;1403,24,71;1404,24,71;1405,24,71;1406,24,72;1407,24,72;1408,24,72;1409,24,70;1410,24,74;1411,24,65;1416,24,84;1417,24,85;1418,24,86;1419,24,84;1425,25,5;1426,25,5;1427,25,5;1428,25,5;1433,25,14;1434,25,15;1435,25,14;1441,25,25;1442,25,26;1443,25,27;1444,25,28;1445,25,25;1451,26,6;1452,26,7;1453,26,9;1454,26,10;1455,26,9;1456,26,13;1457,26,14;1458,26,13;1459,26,17;1460,26,18;1461,26,18;1463,26,17;1469,27,4;1470,27,4;1471,27,5;1472,27,5;1473,27,5;1474,27,7;1475,27,7;1476,27,8;1477,27,8;1478,27,9;1479,27,9;1480,27,9;1482,27,12;1483,27,13;1485,27,16;1486,27,17;1488,27,20;1489,27,21;1490,27,21;1492,27,23;1493,27,23;1494,27,23;1495,27,23;1496,27,23;1497,27,24;1498,27,25;1500,27,28;1501,27,29;1502,27,30;1503,27,20;1507,27,38;1508,27,39;1509,27,39;1511,27,40;1512,27,38;1515,27,47;1516,27,48;1517,27,47;1524,28,2;1525,28,3;1526,28,2;1532,29,5;1533,29,5;1534,29,5;1535,29,6;1536,29,6;1538,29,9;1539,29,11;1541,29,14;1542,29,15;1543,29,15;1545,29,16;1546,29,14;1547,29,19;1549,29,22;1550,29,23;1551,29,23;1553,29,24;1554,29,22;1556,29,28;1557,29,29;1560,29,30;1561,29,31;1562,29,32;1564,29,34;1565,29,34;1566,29,34;1567,29,34;1568,29,34;1569,29,28;1575,30,6;1576,30,6;1577,30,7;1578,30,7;1579,30,8;1580,30,8;1581,30,9;1582,30,9;1583,30,9;1584,30,10;1585,30,10;1586,30,11;1587,30,11;1588,30,11;1589,30,12;1590,30,12;1591,30,12;1592,30,13;1593,30,13;1594,30,14;1595,30,14;1596,30,14;1597,30,15;1598,30,15;1599,30,16;1600,30,16;1601,30,17;1602,30,17;1603,30,17;1605,30,20;1607,30,22;1609,30,24;1611,30,26;1613,30,28;1614,30,29;1616,30,32;1617,30,33;1618,30,34;1619,30,35;1620,30,36;1621,30,37;1622,30,38;1623,30,39;1624,30,40;1625,30,41;1626,30,42;1627,30,43;1628,30,44;1629,30,45;1630,30,46;1631,30,47;1632,30,49;1633,30,50;1634,30,52;1635,30,54;1636,30,32;1639,30,61;1644,30,69;1648,30,76;1649,30,77;1650,30,78;1653,30,81;1654,30,81;1655,30,81;1656,30,81;1657,30,82;1658,30,82;1659,30,82;1660,30,82;1661,30,83;1662,30,76;1664,30,87;1665,30,88;1666,30,87;1667,30,91;1668,30,92;1669,30,91;1672,30,99;1673,30,100;1674,30,100;1675,30,100;1676,30,100;1677,30,101;1678,30,99;1681,30,108;1682,30,109;1683,30,110;1684,30,110;1685,30,110;1686,30,110;1687,30,110;1688,30,111;1689,30,112;1690,30,108;1694,30,120;1695,30,121;1696,30,122;1697,30,123;1698,30,126;1699,30,127;1700,30,128;1701,30,129;1702,30,130;1703,30,131;1704,30,132;1705,30,133;1706,30,134;1707,30,134;1708,30,134;1709,30,134;1710,30,135;1711,30,135;1712,30,135;1713,30,135;1714,30,136;1715,30,136;1717,30,140;1718,30,140;1720,30,142;1721,30,143;1722,30,143;1724,30,144;1725,30,146;1726,30,147;1727,30,148;1729,30,151;1730,30,152;1731,30,152;1732,30,152;1733,30,152;1734,30,152;1735,30,152;1737,30,153;1738,30,154;1739,30,155;1740,30,156;1741,30,157;1743,30,159;1744,30,160;1745,30,161;1746,30,161;1748,30,162;1750,30,163;1751,30,163;1752,30,163;1753,30,163;1755,30,163;1758,30,164;1759,30,165;1760,30,165;1761,30,165;1762,30,165;1763,30,166;1766,30,168;1767,30,168;1768,30,168;1769,30,168;1770,30,168;1771,30,169;1773,30,172;1774,30,173;1775,30,174;1776,30,175;1778,30,178;1779,30,178;1780,30,178;1781,30,178;1782,30,179;1783,30,181;1784,30,181;1786,30,182;1787,30,182;1788,30,182;1789,30,182;1790,30,182;1792,30,184;1793,30,185;1794,30,186;1795,30,187;1796,30,184;1797,30,189;1798,30,189;1800,30,190;1801,30,190;1802,30,190;1803,30,190;1804,30,190;1805,30,190;1807,30,192;1810,30,193;1811,30,194;1812,30,197;1813,30,198;1814,30,198;1816,30,199;1817,30,199;1819,30,200;1820,30,200;1821,30,200;1822,30,200;1823,30,201;1824,30,204;1825,30,204;1827,30,205;1828,30,205;1829,30,205;1830,30,205;1831,30,208;1832,30,120;1838,31,1;1839,31,1;1841,31,4;1843,31,6;1845,31,9;1846,31,10;1847,31,11;1849,31,13;1850,31,13;1852,31,14;1853,31,14;1855,31,15;1856,31,9;1858,31,19;1859,31,20;1860,31,23;1861,31,23;1863,31,24;1864,31,25;1866,31,27;1867,31,19;1869,31,31;1870,31,32;1871,31,31;1873,31,36;1876,31,42;1877,31,43;1878,31,43;1880,31,44;1881,31,45;1882,31,45;1884,31,46;1885,31,46;1887,31,47;1888,31,47;1890,31,49;1891,31,42;1897,32,8;1898,32,8;1899,32,9;1900,32,9;1901,32,10;1902,32,10;1903,32,10;1905,32,13;1906,32,14;1909,32,15;1910,32,16;1913,32,17;1914,32,18;1915,32,19;1918,32,21;1919,32,22;1920,32,22;1922,32,13;1928,33,5;1929,33,5;1930,33,6;1931,33,6;1933,33,9;1934,33,10;1935,33,11;1936,33,12;1937,33,12;1938,33,12;1939,33,12;1940,33,12;1943,33,14;1944,33,15;1945,33,16;1946,33,17;1947,33,18;1948,33,19;1949,33,9;1955,34,1;1956,34,1;1957,34,2;1958,34,2;1959,34,3;1960,34,3;1962,34,6;1963,34,7;1966,34,8;1967,34,9;1968,34,9;1970,34,10;1972,34,12;1973,34,14;1974,34,14;1976,34,15;1978,34,17;1979,34,17;1981,34,18;1982,34,19;1983,34,6;1993,35,11;1994,35,12;1995,35,12;1997,35,13;1998,35,11;2004,36,1;2005,36,1;2006,36,1;2008,36,4;2012,36,10;2018,36,19;2019,36,20;2020,36,21;2021,36,21;2022,36,21;2023,36,21;2024,36,21;2026,36,22;2027,36,22;2029,36,23;2030,36,24;2032,36,19;2038,37,1;2039,37,1;2040,37,2;2041,37,2;2042,37,3;2043,37,3;2044,37,3;2045,37,3;2046,37,4;2047,37,4;2049,37,7;2051,37,9;2053,37,11;2055,37,13;2056,37,14;2057,37,15;2059,37,17;2062,37,22;2064,37,24;2067,37,30;2068,37,31;2069,37,30;2075,37,41;2076,37,42;2077,37,43;2078,37,44;2079,37,45;2080,37,46;2081,37,46;2082,37,46;2083,37,46;2084,37,47;2085,37,48;2086,37,49;2088,37,51;2089,37,52;2090,37,41;2098,37,64;2099,37,65;2100,37,65;2102,37,66;2103,37,67;2104,37,68;2105,37,69;2106,37,70;2107,37,71;2109,37,73;2110,37,73;2112,37,74;2113,37,74;2115,37,75;2116,37,76;2117,37,64;2128,38,15;2129,38,16;2130,38,16;2132,38,17;2133,38,17;2135,38,18;2136,38,15;2142,39,1;2143,39,1;2144,39,2;2145,39,2;2146,39,3;2147,39,3;2148,39,3;2149,39,4;2150,39,4;2153,39,10;2155,39,12;2156,39,13;2164,39,24;2165,39,25;2168,39,26;2169,39,27;2170,39,28;2171,39,29;2172,39,30;2173,39,31;2174,39,31;2175,39,31;2176,39,31;2177,39,31;2178,39,32;2181,39,33;2182,39,34;2183,39,35;2184,39,36;2185,39,37;2186,39,38;2188,39,40;2189,39,41;2190,39,24;2199,40,6;2200,40,7;2201,40,8;2202,40,6;2208,41,1;2209,41,1;2210,41,2;2211,41,2;2213,41,5;2216,41,11;2217,41,12;2220,41,13;2223,41,14;2224,41,11;2231,42,9;2232,42,10;2234,42,13;2235,42,14;2236,42,13;2238,42,18;2239,42,19;2240,42,18;2244,42,27;2245,42,28;2246,42,27;2249,42,35;2250,42,36;2251,42,36;2253,42,37;2254,42,37;2255,42,37;2256,42,37;2257,42,37;2258,42,37;2259,42,38;2260,42,39;2262,42,41;2263,42,42;2264,42,35;2270,43,8;2271,43,8;2272,43,8;2273,43,8;2274,43,8;2275,43,9;2276,43,9;2277,43,10;2278,43,10;2279,43,10;2280,43,11;2281,43,11;2283,43,14;2284,43,15;2285,43,16;2287,43,18;2289,43,20;2293,43,27;2295,43,30;2299,43,37;2300,43,38;2301,43,38;2302,43,38;2303,43,38;2304,43,38;2305,43,39;2307,43,40;2308,43,40;2309,43,41;2310,43,41;2311,43,41;2312,43,41;2313,43,41;2315,43,40;2318,43,43;2319,43,44;2320,43,45;2321,43,46;2322,43,46;2324,43,47;2327,43,48;2328,43,49;2331,43,50;2332,43,51;2333,43,51;2334,43,51;2335,43,51;2336,43,51;2337,43,51;2338,43,51;2339,43,52;2340,43,52;2342,43,37;2347,43,61;2348,43,62;2351,43,63;2352,43,64;2355,43,65;2356,43,65;2357,43,65;2358,43,65;2361,43,66;2362,43,66;2363,43,66;2364,43,66;2365,43,66;2366,43,67;2367,43,68;2368,43,61;2374,44,1;2375,44,1;2376,44,2;2377,44,2;2378,44,3;2379,44,3;2380,44,4;2381,44,4;2382,44,4;2383,44,5;2384,44,5;2385,44,6;2386,44,6;2387,44,7;2388,44,7;2389,44,8;2390,44,8;2391,44,9;2392,44,9;2393,44,10;2394,44,10;2395,44,11;2396,44,11;2397,44,12;2398,44,12;2400,44,15;2401,44,16;2404,44,17;2405,44,18;2406,44,15;2409,44,25;2410,44,26;2413,44,27;2414,44,27;2415,44,27;2416,44,27;2417,44,27;2418,44,28;2419,44,29;2420,44,25;2424,44,37;2425,44,38;2426,44,39;2427,44,37;2430,44,46;2431,44,47;2432,44,48;2433,44,50;2434,44,52;2435,44,53;2436,44,53;2438,44,54;2439,44,55;2440,44,56;2441,44,57;2442,44,58;2443,44,60;2444,44,61;2445,44,62;2446,44,63;2447,44,65;2448,44,66;2449,44,69;2451,44,73;2452,44,74;2453,44,75;2454,44,76;2455,44,46;2462,45,2;2464,45,5;2465,45,7;2466,45,8;2468,45,12;2469,45,12;2471,45,5;2473,45,16;2474,45,17;2475,45,17;2477,45,16;2483,46,9;2484,46,9;2485,46,9;2486,46,9;2487,46,10;2488,46,10;2489,46,11;2490,46,11;2491,46,12;2492,46,12;2493,46,12;2494,46,14;2495,46,15;2496,46,16;2497,46,17;2499,46,19;2500,46,20;2502,46,22;2503,46,23;2505,46,25;2506,46,30;2508,46,33;2509,46,34;2510,46,35;2512,46,37;2513,46,33;2515,46,41;2516,46,42;2517,46,43;2518,46,43;2519,46,43;2520,46,43;2521,46,43;2522,46,43;2523,46,43;2524,46,43;2525,46,43;2527,46,44;2528,46,44;2530,46,45;2531,46,45;2532,46,45;2533,46,45;2534,46,45;2535,46,45;2536,46,45;2537,46,45;2538,46,41;2540,46,49;2541,46,50;2542,46,49;2546,46,58;2547,46,59;2548,46,58;2550,46,63;2551,46,64;2552,46,63;2556,46,72;2558,46,73;2559,46,73;2560,46,74;2561,46,75;2562,46,76;2563,46,76;2565,46,77;2566,46,78;2568,46,73;2571,46,81;2572,46,72;2578,46,91;2579,46,92;2580,46,93;2582,46,94;2583,46,94;2584,46,94;2585,46,94;2588,46,95;2589,46,96;2591,46,98;2593,46,99;2594,46,99;2595,46,99;2596,46,99;2599,46,100;2600,46,91;2601,46,103;2602,46,104;2605,46,105;2606,46,105;2607,46,105;2608,46,105;2609,46,105;2610,46,105;2611,46,105;2612,46,105;2615,46,106;2616,46,107;2619,46,110;2620,46,111;2621,46,112;2624,46,115;2626,46,117;2627,46,118;2628,46,119;2629,46,120;2633,46,122;2634,46,122;2635,46,122;2636,46,122;2637,46,122;2638,46,122;2639,46,122;2640,46,122;2641,46,122;2642,46,122;2643,46,122;2644,46,103;2650,47,7;2651,47,7;2652,47,8;2653,47,8;2654,47,9;2655,47,9;2656,47,10;2657,47,10;2658,47,11;2659,47,11;2660,47,12;2661,47,12;2662,47,13;2663,47,13;2664,47,14;2665,47,14;2666,47,14;2667,47,14;2668,47,14;2669,47,14;2670,47,15;2671,47,15;2672,47,16;2673,47,16;2674,47,16;2675,47,17;2676,47,17;2677,47,19;2678,47,20;2679,47,21;2680,47,19;2681,47,24;2682,47,25;2683,47,24;2685,47,29;2686,47,30;2687,47,31;2688,47,33;2689,47,33;2691,47,34;2692,47,35;2693,47,36;2694,47,37;2695,47,38;2696,47,39;2697,47,40;2698,47,41;2699,47,42;2700,47,43;2701,47,44;2702,47,45;2703,47,46;2704,47,47;2705,47,48;2706,47,49;2707,47,50;2708,47,51;2709,47,52;2710,47,53;2711,47,34;2712,47,29;2714,47,58;2715,47,59;2717,47,62;2718,47,63;2719,47,64;2720,47,64;2722,47,65;2725,47,67;2726,47,68;2728,47,70;2730,47,62;2734,47,79;2735,47,80;2736,47,81;2737,47,82;2738,47,83;2739,47,84;2740,47,84;2741,47,84;2742,47,84;2743,47,84;2744,47,84;2745,47,84;2746,47,84;2747,47,85;2749,47,87;2750,47,79;2752,47,91;2753,47,92;2754,47,93;2755,47,94;2756,47,94;2757,47,94;2759,47,94;2761,47,94;2762,47,95;2763,47,96;2764,47,97;2765,47,100;2766,47,100;2768,47,101;2769,47,102;2770,47,103;2771,47,104;2772,47,105;2773,47,106;2774,47,107;2775,47,108;2777,47,110;2779,47,112;2780,47,112;2781,47,112;2782,47,112;2783,47,113;2784,47,91;2786,47,117;2787,47,118;2788,47,119;2789,47,120;2790,47,121;2791,47,122;2792,47,123;2793,47,124;2794,47,125;2796,47,127;2797,47,128;2799,47,130;2800,47,131;2801,47,132;2802,47,132;2803,47,132;2804,47,132;2805,47,117;2807,47,136;2808,47,137;2809,47,138;2810,47,139;2811,47,139;2812,47,139;2813,47,139;2814,47,140;2815,47,140;2816,47,140;2817,47,140;2818,47,141;2820,47,143;2821,47,147;2822,47,148;2823,47,149;2824,47,150;2825,47,150;2827,47,151;2828,47,152;2830,47,136;2840,48,7;2841,48,8;2842,48,9;2845,48,12;2846,48,7;2852,49,12;2853,49,13;2854,49,12;2856,49,17;2857,49,18;2858,49,19;2859,49,19;2861,49,17;2864,49,26;2865,49,30;2866,49,31;2867,49,32;2868,49,33;2869,49,34;2870,49,35;2871,49,35;2873,49,36;2875,49,38;2876,49,26;2882,50,4;2883,50,4;2884,50,5;2885,50,5;2886,50,6;2887,50,6;2888,50,7;2889,50,7;2890,50,7;2891,50,8;2892,50,8;2893,50,9;2894,50,9;2895,50,10;2896,50,10;2897,50,11;2898,50,11;2899,50,12;2900,50,12;2902,50,14;2903,50,14;2904,50,14;2905,50,14;2908,50,15;2909,50,15;2912,50,16;2913,50,16;2916,50,17;2917,50,17;2918,50,17;2919,50,17;2922,50,18;2923,50,18;2926,50,19;2927,50,19;2928,50,19;2929,50,19;2930,50,19;2933,50,20;2934,50,20;2935,50,20;2936,50,20;2939,50,21;2940,50,21;2943,50,22;2944,50,22;2945,50,22;2946,50,22;2949,50,23;2950,50,23;2951,50,23;2952,50,23;2953,50,23;2956,50,24;2957,50,24;2960,50,25;2961,50,25;2962,50,25;2965,50,26;2966,50,26;2967,50,26;2970,50,27;2971,50,27;2972,50,27;2975,50,28;2976,50,28;2977,50,28;2978,50,28;2981,50,29;2982,50,29;2983,50,29;2986,50,30;2987,50,30;2990,50,31;2991,50,31;2992,50,31;2993,50,31;2994,50,31;2997,50,33;2998,50,33;3001,50,34;3002,50,34;3003,50,34;3005,50,36;3006,50,39;3007,50,39;3008,50,39;3009,50,40;3010,50,40;3011,50,40;3012,50,41;3013,50,41;3014,50,41;3015,50,42;3016,50,42;3017,50,42;3018,50,43;3019,50,43;3020,50,43;3021,50,44;3022,50,44;3023,50,44;3024,50,45;3025,50,45;3026,50,45;3027,50,46;3028,50,46;3029,50,46;" } end -- Generated by scripts/lib/tstl-line-map.cjs: bundle line -> TS file and line
local ____entry = require("main", ...)
return ____entry
