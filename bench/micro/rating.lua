-- kamailio-ts micro-benchmark (npm run bench, bench/lib/micro.mjs runs it under lua5.1 and
-- luajit): the bundle's own logic, through its exports, as the specs reach it
-- (test/support/bundle.lua, with a fake KSR).
--
--   lua5.1 bench/micro/rating.lua DECK.tsv NUMBERS.txt SECONDS
--
-- DECK.tsv: "prefix<TAB>destination" lines (bench/lib/deck.mjs); each destination has a
-- peak rate (Monday to Friday, 08:00-20:00) and a default one. Prints one JSON object:
--   memoryKb     what the deck adds to this Lua state (collectgarbage("count"), after a full GC)
--   loadS        seconds to build it with newPrefixTable/addPrefix
--   rating       the whole per-call decision: longestPrefixMatch, selectRate, callCost
--   prefixMatch  longestPrefixMatch alone (probesPerMatch: hash probes it makes on average);
--                rateAndCost: selectRate + callCost alone
--   decodeAndCost  the Lua part of the billing route's mtree design: decodeRateEntry of an mtree
--                value, selectRate, callCost; cachedDecodeAndCost: the same through
--                cachedRateEntry, each value decoded once per worker
--   fraud        the fraud policy of one new call: callRateVerdict, prefixRateVerdict, spendVerdict
--   auditLine    auditLine, the audit line of a refused request
-- each as { perSecond, usPerCall, iterations } of the best of three timed runs of at least
-- SECONDS each (os.clock: CPU time of this process).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../../test/support/?.lua;" .. package.path

local deck_file, numbers_file, seconds = arg[1], arg[2], tonumber(arg[3] or "0.5")
assert(deck_file and numbers_file, "usage: rating.lua DECK.tsv NUMBERS.txt SECONDS")

local api = require("bundle").exports(require("fake_ksr").new())

--- The two rates of destination `d`: prices vary with d so that no two plans are alike.
local function destination_rates(d)
  local peak = {
    id = "d" .. d .. "-peak", connectFee = d % 3 * 100, price = 100 + d, unitSeconds = 60,
    firstIncrement = 30, nextIncrement = 6,
    windows = { { weekdays = { 1, 2, 3, 4, 5 }, fromSecond = 8 * 3600, untilSecond = 20 * 3600 } },
  }
  local default = {
    id = "d" .. d, connectFee = 0, price = 50 + d, unitSeconds = 60, firstIncrement = 60, nextIncrement = 1,
    tiers = { { fromSecond = 600, price = 40 + d } }, maxCost = 1000000,
  }
  return { peak, default }
end

local plans = {}
for d = 1, 1000 do plans[d] = destination_rates(d) end

local numbers = {}
for line in io.lines(numbers_file) do numbers[#numbers + 1] = line end
local number_count = #numbers

collectgarbage("collect")
local memory_before = collectgarbage("count")
local load_start = os.clock()
local deck = api.newPrefixTable()
local add = api.addPrefix
local prefixes = 0
for line in io.lines(deck_file) do
  local prefix, destination = line:match("^(%d+)\t(%d+)$")
  add(deck, prefix, plans[tonumber(destination)])
  prefixes = prefixes + 1
end
local load_seconds = os.clock() - load_start
collectgarbage("collect")
local memory_kb = collectgarbage("count") - memory_before

--- Runs body(n) with n doubling until it takes `seconds`, then twice more at that n; the best
--- of the three gives calls per second.
local function timed(body)
  local n = 1000
  local elapsed
  repeat
    local start = os.clock()
    body(n)
    elapsed = os.clock() - start
    if elapsed < seconds then n = n * 2 end
  until elapsed >= seconds or n > 2 ^ 30
  local best = elapsed
  for _ = 1, 2 do
    local start = os.clock()
    body(n)
    local e = os.clock() - start
    if e < best then best = e end
  end
  return { perSecond = math.floor(n / best), usPerCall = best / n * 1e6, iterations = n }
end

-- Monday 2024-01-01 10:00 UTC+8 onwards: calls in and out of the peak window as i grows.
local START = 1704074400
local UTC8 = 28800
local DURATIONS = { 0, 1, 29999, 30001, 61000, 125000, 600500, 3600000 }

local longestPrefixMatch, selectRate, callCost = api.longestPrefixMatch, api.selectRate, api.callCost
local sink = 0

local rating = timed(function(n)
  for i = 1, n do
    local rates = longestPrefixMatch(deck, numbers[i % number_count + 1])
    if rates ~= nil then
      local rate = selectRate(rates, START + i * 7, UTC8)
      if rate ~= nil then sink = sink + callCost(rate, DURATIONS[i % 8 + 1]) end
    end
  end
end)

local prefix_match = timed(function(n)
  for i = 1, n do
    if longestPrefixMatch(deck, numbers[i % number_count + 1]) ~= nil then sink = sink + 1 end
  end
end)

local rate_and_cost = timed(function(n)
  for i = 1, n do
    local rate = selectRate(plans[i % 1000 + 1], START + i * 7, UTC8)
    sink = sink + callCost(rate, DURATIONS[i % 8 + 1])
  end
end)

-- The mtree design of the billing route (src/routes/billing.ts, calls-end.ts): mtree (C) finds
-- the deck value; the Lua decodes it, selects the rate and, at the call's end, costs it.
local decodeRateEntry = api.decodeRateEntry
-- France in kamailio/rates/default.csv: a weekday daytime rate, then the fallback.
local DECK_VALUE = "default|33|France|0,500,60,60,60,,12345,480,1200|0,200,60,60,60"
local decode_and_cost = timed(function(n)
  for i = 1, n do
    local entry = decodeRateEntry(DECK_VALUE)
    local rate = selectRate(entry.rates, START + i * 7, UTC8)
    sink = sink + callCost(rate, DURATIONS[i % 8 + 1])
  end
end)

-- The same through the route's per-worker cache (src/billing/rate-cache.ts): each distinct
-- mtree value decoded once, what billing.ts and calls-end.ts now do.
local cachedRateEntry = api.cachedRateEntry
local cached_decode_and_cost = timed(function(n)
  for i = 1, n do
    local entry = cachedRateEntry(DECK_VALUE)
    local rate = selectRate(entry.rates, START + i * 7, UTC8)
    sink = sink + callCost(rate, DURATIONS[i % 8 + 1])
  end
end)

-- The fraud policy of one new call from an account: call rate, destination rate, hourly spend.
local callRateVerdict, prefixRateVerdict, spendVerdict = api.callRateVerdict, api.prefixRateVerdict, api.spendVerdict
local fraud = timed(function(n)
  for i = 1, n do
    if callRateVerdict(i % 250, 100, 200) ~= "allow" then sink = sink + 1 end
    if prefixRateVerdict(i % 40, 20, 30) ~= "ok" then sink = sink + 1 end
    if spendVerdict(i % 600000, 200000, 500000) ~= "ok" then sink = sink + 1 end
  end
end)

local auditLine = api.auditLine
local audit_line = timed(function(n)
  for i = 1, n do
    sink = sink + #auditLine("refused", "call-rate", "192.0.2.7", "5060", "friendly-scanner", "1001", "sip:1001@example.com",
      numbers[i % number_count + 1], "a84b4c76e66710")
  end
end)

-- Probes of one match: from min(#number, longest) down to the matched prefix's length.
local probes = 0
for i = 1, number_count do
  local number = numbers[i]
  local _, prefix = longestPrefixMatch(deck, number)
  local from = #number < deck.longest and #number or deck.longest
  probes = probes + from - (prefix and #prefix or -1) + (prefix and 1 or 0)
end

local function json_timing(t)
  return string.format('{"perSecond":%d,"usPerCall":%.4f,"iterations":%d}', t.perSecond, t.usPerCall, t.iterations)
end

print(string.format(
  '{"interpreter":"%s","prefixes":%d,"longestPrefix":%d,"probesPerMatch":%.2f,"memoryKb":%.0f,"loadS":%.3f,"rating":%s,"prefixMatch":%s,"rateAndCost":%s,"decodeAndCost":%s,"cachedDecodeAndCost":%s,"fraud":%s,"auditLine":%s,"sink":%d}',
  jit and jit.version or _VERSION, prefixes, deck.longest, probes / number_count, memory_kb, load_seconds, json_timing(rating),
  json_timing(prefix_match), json_timing(rate_and_cost), json_timing(decode_and_cost), json_timing(cached_decode_and_cost), json_timing(fraud), json_timing(audit_line), sink % 1000))
