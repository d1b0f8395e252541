-- The rating library (src/billing/), reached through the bundle's exports: the bundle returns
-- its entry module, src/main.ts, which re-exports the pure billing functions. The bundle is
-- loaded as routes_spec.lua loads it, with a fake KSR installed (its module check needs one);
-- rating itself calls no KSR function. Build it first (npm run build).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")

local bundle = require("bundle")

local fake = fake_ksr.new()
local api = bundle.exports(fake)

--- A rate with the brief's price (0.05 per second, 1/1) unless `fields` says otherwise.
local function rate(fields)
  local r = { id = "cn-mobile", connectFee = 0, price = 500, unitSeconds = 1, firstIncrement = 1, nextIncrement = 1 }
  for k, v in pairs(fields or {}) do r[k] = v end
  return r
end

local function is_integer(x)
  return type(x) == "number" and math.floor(x) == x
end

describe("rating (src/billing)", function()
  describe("the bundle's exports", function()
    it("are the billing functions, and loading them called no KSR function", function()
      for _, name in ipairs({ "floorDiv", "ceilDiv", "floorMod", "divRoundHalfUp", "parseMoney", "formatMoney",
        "normaliseNumber", "newPrefixTable", "addPrefix", "longestPrefixMatch", "rateProblem", "billableSeconds",
        "costOfSeconds", "callCost", "localWeekdayAndSecond", "selectRate" }) do
        assert.is_function(api[name], name)
      end
      assert.are.equal(10000, api.MINOR_PER_UNIT)
      assert.are.same({}, fake.calls)
    end)

    it("use no TSTL lualib helper, and the billing modules define no closure", function()
      local source = assert(io.open(bundle.PATH)):read("*a")
      assert.is_nil(source:find("__TS__", 1, true))
      local modules = 0
      for name, body in source:gmatch('%["(billing%.[%w_]+)"%] = function%(%.%.%.%)(.-)\n end,') do
        modules = modules + 1
        for line in body:gmatch("[^\n]+") do
          if line:find("function", 1, true) and not line:match("^%s*%-%-") then
            -- only top-level named functions: no nested function, no anonymous one
            assert.is_truthy(line:match("^function ____exports%.[%w_]+%(") or line:match("^local function [%w_]+%("),
              name .. ": " .. line)
          end
        end
      end
      assert.are.equal(11, modules)
    end)
  end)

  describe("integer arithmetic", function()
    it("floorDiv, ceilDiv and floorMod round towards -inf / +inf for every sign", function()
      assert.are.same({ 2, -3, -3, 2, 0 }, { api.floorDiv(7, 3), api.floorDiv(-7, 3), api.floorDiv(7, -3),
        api.floorDiv(-7, -3), api.floorDiv(0, 5) })
      assert.are.same({ 3, -2, -2, 3, 2 }, { api.ceilDiv(7, 3), api.ceilDiv(-7, 3), api.ceilDiv(7, -3),
        api.ceilDiv(-7, -3), api.ceilDiv(6, 3) })
      assert.are.same({ 1, 2, -2, 0 }, { api.floorMod(7, 3), api.floorMod(-7, 3), api.floorMod(7, -3), api.floorMod(9, 3) })
    end)

    it("floorDiv is exact just below 2^53, where a / b rounded would not be", function()
      local big = 2 ^ 53 - 1 -- 9007199254740991 = 3 * 3002399751580330 + 1
      assert.are.equal(3002399751580330, api.floorDiv(big, 3))
      -- (2^53 - 2) / (2^53 - 1) rounds to 1.0 as a double: floor(a / b) would say 1
      assert.are.equal(0, api.floorDiv(2 ^ 53 - 2, 2 ^ 53 - 1))
      assert.are.equal(1, api.ceilDiv(2 ^ 53 - 2, 2 ^ 53 - 1))
    end)

    it("divRoundHalfUp rounds .5 up and below .5 down", function()
      assert.are.same({ 8, 7, 1, 0, 0, 3 }, { api.divRoundHalfUp(450, 60), api.divRoundHalfUp(445, 60),
        api.divRoundHalfUp(30, 60), api.divRoundHalfUp(29, 60), api.divRoundHalfUp(0, 60), api.divRoundHalfUp(3, 1) })
    end)
  end)

  describe("money (minor units, 1/10000 of the currency unit)", function()
    it("parses decimal amounts exactly, with no float", function()
      local cases = { ["0.05"] = 500, ["6.00"] = 60000, ["6"] = 60000, ["1.2345"] = 12345, ["0"] = 0,
        ["0.0001"] = 1, ["12.5"] = 125000, ["99999999999.9999"] = 999999999999999 }
      for text, minor in pairs(cases) do assert.are.equal(minor, api.parseMoney(text), text) end
    end)

    it("rejects what is not a plain decimal amount", function()
      for _, text in ipairs({ "", ".", ".5", "5.", "-1", "+1", "1e3", "0x10", "1.23456", "1,5", " 1", "1 ",
        "100000000000", "inf", "nan" }) do
        assert.is_nil(api.parseMoney(text), text)
      end
    end)

    it("formats with 2 to 4 decimals", function()
      local cases = { { 60000, "6.00" }, { 500, "0.05" }, { 5, "0.0005" }, { 12340, "1.234" }, { 12345, "1.2345" },
        { -12345, "-1.2345" }, { 0, "0.00" }, { 10000000, "1000.00" }, { 50, "0.005" } }
      for _, case in ipairs(cases) do assert.are.equal(case[2], api.formatMoney(case[1])) end
    end)
  end)

  describe("the brief's call", function()
    it("0.05 per second in 1/1 increments: 120 s costs exactly 6.00 (60000 minor units)", function()
      local brief = rate({ price = api.parseMoney("0.05") })
      assert.are.equal(120, api.billableSeconds(brief, 120000))
      local cost = api.callCost(brief, 120000)
      assert.are.equal(60000, cost)
      assert.is_true(is_integer(cost))
      assert.are.equal("6.00", api.formatMoney(cost))
    end)
  end)

  describe("billing increments (first/next)", function()
    local durations = { 0, 1, 999, 1000, 1001, 29000, 30000, 30001, 31000, 59000, 60000, 60001, 61000, 90000, 120000,
      121000 }
    local expected = {
      ["1/1"] = { 0, 1, 1, 1, 2, 29, 30, 31, 31, 59, 60, 61, 61, 90, 120, 121 },
      ["60/60"] = { 0, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 120, 120, 120, 120, 180 },
      ["30/6"] = { 0, 30, 30, 30, 30, 30, 30, 36, 36, 60, 60, 66, 66, 90, 120, 126 },
      ["60/1"] = { 0, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61, 61, 90, 120, 121 },
    }
    for plan, seconds in pairs(expected) do
      local first, next = plan:match("^(%d+)/(%d+)$")
      local r = rate({ firstIncrement = tonumber(first), nextIncrement = tonumber(next) })
      for i, ms in ipairs(durations) do
        it(plan .. ": " .. ms .. " ms bills " .. seconds[i] .. " s, at 0.05/s " .. seconds[i] * 500 .. " minor units",
          function()
            assert.are.equal(seconds[i], api.billableSeconds(r, ms))
            assert.are.equal(seconds[i] * 500, api.callCost(r, ms))
          end)
      end
    end

    it("a negative duration bills nothing", function()
      assert.are.equal(0, api.billableSeconds(rate({ firstIncrement = 60 }), -5))
    end)

    it("per-minute prices: 1.00/min in 60/60, 0.60/min in 30/6", function()
      local per_minute = rate({ price = 10000, unitSeconds = 60, firstIncrement = 60, nextIncrement = 60 })
      assert.are.equal(10000, api.callCost(per_minute, 1))
      assert.are.equal(10000, api.callCost(per_minute, 60000))
      assert.are.equal(20000, api.callCost(per_minute, 61000))
      local thirty_six = rate({ price = 6000, unitSeconds = 60, firstIncrement = 30, nextIncrement = 6 })
      assert.are.equal(3000, api.callCost(thirty_six, 1))     -- 30 s
      assert.are.equal(3600, api.callCost(thirty_six, 31000)) -- 36 s
      assert.are.equal(6600, api.callCost(thirty_six, 61000)) -- 66 s
    end)
  end)

  describe("connect fee", function()
    local r = rate({ connectFee = 1000, firstIncrement = 30, nextIncrement = 6 })

    it("an answered call of 0 ms costs its connect fee only", function()
      assert.are.equal(0, api.billableSeconds(r, 0))
      assert.are.equal(1000, api.callCost(r, 0))
    end)

    it("1 ms costs the connect fee and the whole first increment", function()
      assert.are.equal(1000 + 30 * 500, api.callCost(r, 1))
    end)

    it("is added once, whatever the duration", function()
      assert.are.equal(1000 + 36 * 500, api.callCost(r, 31000))
      assert.are.equal(1000 + 120 * 500, api.callCost(r, 120000))
    end)
  end)

  describe("tiers", function()
    -- 0.05/s for the first minute, 0.03/s to 5 minutes, 0.01/s after
    local tiered = rate({ tiers = { { fromSecond = 60, price = 300 }, { fromSecond = 300, price = 100 } } })

    it("price each billable second at the tier it falls in", function()
      assert.are.equal(59 * 500, api.callCost(tiered, 59000))
      assert.are.equal(60 * 500, api.callCost(tiered, 60000))
      assert.are.equal(60 * 500 + 300, api.callCost(tiered, 60001))
      assert.are.equal(60 * 500 + 60 * 300, api.callCost(tiered, 120000))
      assert.are.equal(60 * 500 + 240 * 300, api.callCost(tiered, 300000))
      assert.are.equal(60 * 500 + 240 * 300 + 100 * 100, api.callCost(tiered, 400000))
    end)

    it("apply to billable seconds, after the increments", function()
      local minutes = rate({ firstIncrement = 60, nextIncrement = 60, tiers = { { fromSecond = 60, price = 300 } } })
      assert.are.equal(60 * 500, api.callCost(minutes, 1))
      assert.are.equal(60 * 500 + 60 * 300, api.callCost(minutes, 61000)) -- 61 s bills 120 s
    end)

    it("a tier from second 0 is refused (the rate's price is the price from 0)", function()
      assert.matches("^tiers%[0%]%.fromSecond", api.rateProblem(rate({ tiers = { { fromSecond = 0, price = 1 } } })))
    end)
  end)

  describe("maximum cost", function()
    it("caps the total, connect fee included", function()
      local capped = rate({ connectFee = 1000, maxCost = 50000 })
      assert.are.equal(1000 + 60 * 500, api.callCost(capped, 60000))
      assert.are.equal(50000, api.callCost(capped, 120000))
      assert.are.equal(50000, api.callCost(capped, 3600000))
      assert.are.equal(1000, api.callCost(capped, 0))
    end)

    it("a cap of 0 makes calls free; no cap leaves them uncapped", function()
      assert.are.equal(0, api.callCost(rate({ maxCost = 0 }), 120000))
      assert.are.equal(3600 * 500, api.callCost(rate(), 3600000))
    end)
  end)

  describe("rounding: once, half up to the minor unit, on the total", function()
    -- 0.0005 per minute (5 minor units per 60 s) in 1/1 increments: each second is 1/12 of
    -- a minor unit, which rounds to 0 on its own
    local tiny = rate({ price = 5, unitSeconds = 60 })

    it("90 s cost 7.5 minor units, rounded to 8, where rounding each second gives 0", function()
      local per_increment = 0
      for _ = 1, 90 do per_increment = per_increment + api.divRoundHalfUp(5, 60) end
      assert.are.equal(0, per_increment)
      assert.are.equal(8, api.callCost(tiny, 90000))
    end)

    it("half up exactly at .5, down below it", function()
      assert.are.equal(7, api.callCost(tiny, 89000)) -- 7.4166...
      assert.are.equal(1, api.callCost(tiny, 6000))  -- 0.5
      assert.are.equal(0, api.callCost(tiny, 5000))  -- 0.41666...
    end)

    it("across tiers, the fractions of every tier add up before the one rounding", function()
      -- 30 s at 1/60 then 30 s at 2/60: 0.5 + 1.0 = 1.5 -> 2; rounding per tier down: 0 + 1
      local r = rate({ price = 1, unitSeconds = 60, tiers = { { fromSecond = 30, price = 2 } } })
      assert.are.equal(2, api.callCost(r, 60000))
      local r2 = rate({ price = 1, unitSeconds = 60, tiers = { { fromSecond = 20, price = 2 } } })
      -- 20/60 + 40*2/60 = 100/60 = 1.67 -> 2; rounded per tier: 0 + 1 = 1
      assert.are.equal(2, api.callCost(r2, 60000))
    end)

    it("equals an independent second-by-second rational sum, for many rates and durations", function()
      -- a deterministic generator (math.random differs between Lua 5.1 and LuaJIT)
      local seed = 12345
      local function random(n)
        seed = (seed * 16807) % 2147483647
        return seed % n
      end
      local increments = { { 1, 1 }, { 60, 60 }, { 30, 6 }, { 60, 1 }, { 6, 6 } }
      for _ = 1, 200 do
        local inc = increments[random(#increments) + 1]
        local r = rate({ connectFee = random(3000), price = random(100000), unitSeconds = ({ 1, 6, 60, 3600 })[random(4) + 1],
          firstIncrement = inc[1], nextIncrement = inc[2],
          tiers = { { fromSecond = 1 + random(120), price = random(50000) } } })
        r.tiers[2] = { fromSecond = r.tiers[1].fromSecond + 1 + random(600), price = random(20000) }
        assert.is_nil(api.rateProblem(r))
        local ms = random(1000000)
        local seconds = api.billableSeconds(r, ms)
        local sum = 0
        for s = 0, seconds - 1 do
          local price = r.price
          for _, tier in ipairs(r.tiers) do if s >= tier.fromSecond then price = tier.price end end
          sum = sum + price
        end
        local whole = math.floor(sum / r.unitSeconds)
        local rounded = (sum - whole * r.unitSeconds) * 2 >= r.unitSeconds and whole + 1 or whole
        local cost = api.callCost(r, ms)
        assert.is_true(is_integer(cost))
        assert.are.equal(r.connectFee + rounded, cost, "duration " .. ms)
      end
    end)

    it("stays exact at the largest price and duration, and clamps longer durations", function()
      local r = rate({ price = api.MAX_PRICE, connectFee = api.MAX_PRICE })
      local seconds = math.ceil(api.MAX_DURATION_MS / 1000)
      assert.are.equal(2147484, seconds)
      assert.are.equal(api.MAX_PRICE + seconds * api.MAX_PRICE, api.callCost(r, api.MAX_DURATION_MS))
      assert.are.equal(seconds, api.billableSeconds(r, api.MAX_DURATION_MS * 10))
      assert.is_true(api.callCost(r, api.MAX_DURATION_MS) < 2 ^ 53)
    end)
  end)

  describe("rate validation", function()
    it("accepts the brief's rate and a full one", function()
      assert.is_nil(api.rateProblem(rate()))
      assert.is_nil(api.rateProblem(rate({ connectFee = 100, maxCost = 1000000, tiers = { { fromSecond = 60, price = 1 } },
        windows = { { weekdays = { 1, 2, 3, 4, 5 }, fromSecond = 28800, untilSecond = 72000 } } })))
    end)

    it("names the field of a bad rate", function()
      local cases = {
        { { id = "" }, "^id:" },
        { { price = 0.5 }, "^price:" },
        { { price = -1 }, "^price:" },
        { { price = api.MAX_PRICE + 1 }, "^price:" },
        { { connectFee = 1.5 }, "^connectFee:" },
        { { unitSeconds = 0 }, "^unitSeconds:" },
        { { firstIncrement = 0 }, "^firstIncrement:" },
        { { nextIncrement = 0.5 }, "^nextIncrement:" },
        { { maxCost = -1 }, "^maxCost:" },
        { { tiers = { { fromSecond = 60, price = 1 }, { fromSecond = 60, price = 2 } } }, "^tiers%[1%]%.fromSecond:" },
        { { tiers = { { fromSecond = 60, price = 0 / 0 } } }, "^tiers%[0%]%.price:" },
        { { windows = { { fromSecond = 86400, untilSecond = 0 } } }, "^windows%[0%]%.fromSecond:" },
        { { windows = { { fromSecond = 0, untilSecond = 86401 } } }, "^windows%[0%]%.untilSecond:" },
        { { windows = { { weekdays = { 1, 8 }, fromSecond = 0, untilSecond = 0 } } }, "^windows%[0%]%.weekdays%[1%]:" },
      }
      for _, case in ipairs(cases) do assert.matches(case[2], api.rateProblem(rate(case[1]))) end
    end)
  end)

  describe("dialled-number normalisation", function()
    local china = { countryCode = "86", internationalPrefix = "00", nationalPrefix = "0" }

    it("gives the brief's callee the same E.164 digits however it is dialled", function()
      for _, dialled in ipairs({ "+8613545769997", "008613545769997", "13545769997", "+86 135-4576-9997",
        "+86 (135) 4576.9997" }) do
        assert.are.equal("8613545769997", api.normaliseNumber(dialled, china), dialled)
      end
    end)

    it("replaces the national prefix by the country code", function()
      assert.are.equal("861089672389", api.normaliseNumber("01089672389", china))
      assert.are.equal("861089672389", api.normaliseNumber("(010) 8967-2389", china))
    end)

    it("takes a number starting with the country code, without + or 00, as national", function()
      assert.are.equal("868613545769997", api.normaliseNumber("8613545769997", china))
    end)

    it("follows the plan's prefixes (NANP: 011 and 1; UK: 00 and 0; no trunk prefix)", function()
      local nanp = { countryCode = "1", internationalPrefix = "011", nationalPrefix = "1" }
      assert.are.equal("447911123456", api.normaliseNumber("011447911123456", nanp))
      assert.are.equal("12125551234", api.normaliseNumber("12125551234", nanp))
      assert.are.equal("12125551234", api.normaliseNumber("2125551234", nanp))
      assert.are.equal("12125551234", api.normaliseNumber("+1 (212) 555-1234", nanp))
      local uk = { countryCode = "44", internationalPrefix = "00", nationalPrefix = "0" }
      assert.are.equal("447911123456", api.normaliseNumber("07911123456", uk))
      assert.are.equal("8613545769997", api.normaliseNumber("008613545769997", uk))
      local none = { countryCode = "39", internationalPrefix = "00", nationalPrefix = "" }
      assert.are.equal("390612345678", api.normaliseNumber("0612345678", none))
    end)

    it("refuses what is not a dialable number", function()
      for _, dialled in ipairs({ "", "+", "00", "0", "abc", "135*", "#31#", "+86+135", "++8613545769997", "+0123",
        "00 0123", "+1234567890123456", "1354576999712345", "135 4576 999x", "sip:135", "+86\n135" }) do
        assert.is_nil(api.normaliseNumber(dialled, china), dialled)
      end
      assert.are.equal("123456789012345", api.normaliseNumber("+123456789012345", china)) -- 15 digits
    end)
  end)

  describe("longest-prefix match", function()
    local function table_of(prefixes)
      local t = api.newPrefixTable()
      for prefix, value in pairs(prefixes) do api.addPrefix(t, prefix, value) end
      return t
    end
    local plan = table_of({ ["86"] = "cn", ["86135"] = "cn-mobile", ["861354"] = "cn-mobile-1354", ["1"] = "nanp",
      ["8610"] = "cn-beijing" })

    it("gives the most specific prefix and its value", function()
      local cases = {
        { "8613545769997", "cn-mobile-1354", "861354" },
        { "8613500000000", "cn-mobile", "86135" },
        { "861089672389", "cn-beijing", "8610" },
        { "8620123", "cn", "86" },
        { "86135", "cn-mobile", "86135" },
        { "12125551234", "nanp", "1" },
      }
      for _, case in ipairs(cases) do
        local value, prefix = api.longestPrefixMatch(plan, case[1])
        assert.are.same({ case[2], case[3] }, { value, prefix }, case[1])
      end
    end)

    it("gives nil, nil when no prefix matches (never a free call)", function()
      local value, prefix = api.longestPrefixMatch(plan, "447911123456")
      assert.is_nil(value)
      assert.is_nil(prefix)
      assert.is_nil((api.longestPrefixMatch(plan, "8")))
      assert.is_nil((api.longestPrefixMatch(plan, "")))
      assert.is_nil((api.longestPrefixMatch(api.newPrefixTable(), "8613545769997")))
    end)

    it("matches the empty prefix last, as a catch-all", function()
      local t = table_of({ [""] = "any", ["86"] = "cn" })
      assert.are.same({ "any", "" }, { api.longestPrefixMatch(t, "447911123456") })
      assert.are.same({ "cn", "86" }, { api.longestPrefixMatch(t, "8613545769997") })
    end)

    it("a later addPrefix replaces the value", function()
      local t = table_of({ ["86"] = "old" })
      api.addPrefix(t, "86", "new")
      assert.are.equal("new", (api.longestPrefixMatch(t, "8613545769997")))
    end)

    --- Counts the lookups a match makes in the table's entries, through a proxy.
    local function probes(t, digits)
      local real, count = t.entries, 0
      t.entries = setmetatable({}, { __index = function(_, key)
        count = count + 1
        return real[key]
      end })
      local value, prefix = api.longestPrefixMatch(t, digits)
      t.entries = real
      return count, value, prefix
    end

    --- `n` distinct prefixes of 4 to 12 digits starting with 5 (deterministic), plus "86135"
    --- and a 15-digit "999999999999999", so that every table holds prefixes up to 15 digits.
    local function big_table(n)
      local t, seed, added = api.newPrefixTable(), 7, 0
      api.addPrefix(t, "86135", "cn-mobile")
      api.addPrefix(t, "999999999999999", "longest")
      while added < n do
        seed = (seed * 16807) % 2147483647
        local prefix = tostring(5000 + seed % 1000) .. tostring(seed):sub(1, seed % 9)
        if t.entries[prefix] == nil then
          api.addPrefix(t, prefix, added)
          added = added + 1
        end
      end
      return t
    end

    it("probes at most digits + 1 entries, the same for 10 and 100000 prefixes", function()
      local small, large = big_table(10), big_table(100000)
      assert.are.same({ 15, 15 }, { small.longest, large.longest })
      -- no match: every length from the number's own down to the empty prefix, once
      for _, digits in ipairs({ "012345678901234", "4479111234567", "1", "" }) do
        local small_count, small_value = probes(small, digits)
        local large_count, large_value = probes(large, digits)
        assert.is_nil(small_value)
        assert.is_nil(large_value)
        assert.are.same({ #digits + 1, #digits + 1 }, { small_count, large_count }, digits)
      end
      -- a match stops at the first hit: 13 digits, longest matching prefix 5 digits: 9 probes
      for _, t in ipairs({ small, large }) do
        local count, value, prefix = probes(t, "8613545769997")
        assert.are.same({ 9, "cn-mobile", "86135" }, { count, value, prefix })
      end
    end)

    it("never probes a length longer than the longest prefix held", function()
      local count, value = probes(plan, "8613545769997") -- longest held: 6 digits
      assert.are.equal(1, count)
      assert.are.equal("cn-mobile-1354", value)
      count = probes(plan, "447911123456")
      assert.are.equal(7, count) -- lengths 6..0
    end)
  end)

  describe("time-of-day and weekday windows", function()
    local MONDAY = 1704067200 -- 2024-01-01 00:00 UTC, a Monday
    local UTC8 = 8 * 3600
    --- Unix time of a local time at UTC+8, `days` after Monday 2024-01-01.
    local function at(days, hours, minutes)
      return MONDAY - UTC8 + days * 86400 + hours * 3600 + (minutes or 0) * 60
    end

    it("gives the local ISO weekday and second of the day", function()
      assert.are.same({ 4, 0 }, { api.localWeekdayAndSecond(0, 0) })            -- 1970-01-01, Thursday
      assert.are.same({ 3, 86399 }, { api.localWeekdayAndSecond(-1, 0) })       -- the second before
      assert.are.same({ 1, 0 }, { api.localWeekdayAndSecond(MONDAY, 0) })
      assert.are.same({ 1, 8 * 3600 }, { api.localWeekdayAndSecond(MONDAY, UTC8) })
      assert.are.same({ 7, 86400 - 3600 }, { api.localWeekdayAndSecond(MONDAY, -3600) }) -- Sunday 23:00 at UTC-1
      assert.are.same({ 1, 0 }, { api.localWeekdayAndSecond(at(0, 0), UTC8) })
      assert.are.same({ 6, 13 * 3600 + 1800 }, { api.localWeekdayAndSecond(at(5, 13, 30) + 0.9, UTC8) })
    end)

    local peak = rate({ id = "peak", price = 800, windows = { { weekdays = { 1, 2, 3, 4, 5 }, fromSecond = 8 * 3600,
      untilSecond = 20 * 3600 } } })
    local night = rate({ id = "night", price = 200, windows = { { fromSecond = 22 * 3600, untilSecond = 6 * 3600 } } })
    local weekend = rate({ id = "weekend", price = 300, windows = { { weekdays = { 6, 7 }, fromSecond = 0,
      untilSecond = 0 } } })
    local default = rate({ id = "default" })
    local rates = { night, peak, weekend, default }

    local function selected(unix)
      local r = api.selectRate(rates, unix, UTC8)
      return r and r.id
    end

    it("selects the first rate whose window holds the call's local start", function()
      assert.are.equal("peak", selected(at(0, 8)))
      assert.are.equal("peak", selected(at(4, 19, 59)))
      assert.are.equal("default", selected(at(0, 20)))        -- until is excluded
      assert.are.equal("default", selected(at(0, 7, 59)))
      assert.are.equal("night", selected(at(0, 22)))
      assert.are.equal("night", selected(at(1, 5, 59)))
      assert.are.equal("night", selected(at(5, 23)))          -- Saturday night: night comes first
      assert.are.equal("weekend", selected(at(5, 12)))
      assert.are.equal("night", selected(at(6, 23, 59) + 59)) -- Sunday 23:59:59
      assert.are.equal("weekend", selected(at(6, 21, 59)))
    end)

    it("reads the window in the given UTC offset", function()
      local instant = at(0, 10) -- Monday 10:00 at UTC+8 is Monday 02:00 UTC
      assert.are.equal("peak", api.selectRate(rates, instant, UTC8).id)
      assert.are.equal("night", api.selectRate(rates, instant, 0).id)
    end)

    it("gives nil when no rate applies, and a rate with an empty window list always applies", function()
      assert.is_nil(api.selectRate({ peak }, at(5, 12), UTC8))
      assert.is_nil(api.selectRate({}, at(0, 12), UTC8))
      local always = rate({ id = "always", windows = {} })
      assert.are.equal("always", api.selectRate({ always, peak }, at(0, 12), UTC8).id)
    end)

    it("a window past midnight belongs to the weekday it holds the time on", function()
      local monday_night = rate({ id = "mon-night", windows = { { weekdays = { 1 }, fromSecond = 22 * 3600,
        untilSecond = 6 * 3600 } } })
      assert.are.equal("mon-night", api.selectRate({ monday_night }, at(0, 23), UTC8).id)
      assert.are.equal("mon-night", api.selectRate({ monday_night }, at(0, 5), UTC8).id)
      assert.is_nil(api.selectRate({ monday_night }, at(1, 5), UTC8))
    end)
  end)
end)
