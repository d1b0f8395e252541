-- decodeRateEntry (src/billing/deck.ts): the mtree value of a prefix back to its rates, once
-- per call attempt. The value's format is the loader's (scripts/lib/rate-value.mjs); the
-- round trip from CSV through the JS encoder is test/unit/rate-value.test.mjs.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local api = require("bundle").exports(require("fake_ksr").new())

local FRANCE = "default|33|France|0,500,60,60,60,,12345,480,1200|0,100,60,60,60,,,1320,360|0,200,60,60,60"
local FULL = "gold|49|Germany %7C Mobile %25|100,400,60,30,6,150000,67,0,1440,60:300;600:200|0,400,60,30,6"
-- 2024-01-01 was a Monday; UTC+8 (the sample config's utcOffsetMinutes 480) in seconds
local MONDAY_UTC = 1704067200
local UTC8 = 8 * 3600

describe("decodeRateEntry", function()
  it("reads the brief's rate: 0.05 per second, 1/1, no connect fee; 120 s cost exactly 6.00", function()
    local entry = api.decodeRateEntry("default|86|China|0,500,1,1,1")
    assert.are.same({ plan = "default", prefix = "86", destination = "China", rates = { {
      id = "default:86:1", connectFee = 0, price = 500, unitSeconds = 1, firstIncrement = 1, nextIncrement = 1,
    } } }, entry)
    local rate = api.selectRate(entry.rates, MONDAY_UTC, UTC8)
    assert.are.equal("6.00", api.formatMoney(api.callCost(rate, 120000)))
  end)

  it("reads windows, tiers, a cap and an escaped destination", function()
    local entry = api.decodeRateEntry(FULL)
    assert.are.equal("Germany | Mobile %", entry.destination)
    assert.are.same({
      id = "gold:49:1", connectFee = 100, price = 400, unitSeconds = 60, firstIncrement = 30, nextIncrement = 6,
      maxCost = 150000, windows = { { weekdays = { 6, 7 }, fromSecond = 0, untilSecond = 86400 } },
      tiers = { { fromSecond = 60, price = 300 }, { fromSecond = 600, price = 200 } },
    }, entry.rates[1])
    assert.are.equal("gold:49:2", entry.rates[2].id)
    assert.is_nil(entry.rates[2].windows)
  end)

  it("keeps the order selectRate needs: weekday peak, night past midnight, then the fallback", function()
    local rates = api.decodeRateEntry(FRANCE).rates
    local at = function(day, hour) return api.selectRate(rates, MONDAY_UTC + day * 86400 + hour * 3600 - UTC8, UTC8).id end
    assert.are.equal("default:33:1", at(0, 10)) -- Monday 10:00 local
    assert.are.equal("default:33:2", at(0, 23)) -- Monday 23:00
    assert.are.equal("default:33:2", at(5, 3)) -- Saturday 03:00
    assert.are.equal("default:33:3", at(5, 10)) -- Saturday 10:00
  end)

  it("gives nil for malformed values and unusable rates", function()
    for _, value in ipairs({
      "", "default", "default|86", "default|86|China", "default|86|China|", "default|86|China|0,500,1,1",
      "default|86|China|0,500,1,1,1|", "default|86|China|0,500,1,1,1,,,,,,", "default|8a|China|0,500,1,1,1",
      "de fault|86|China|0,500,1,1,1", "|86|China|0,500,1,1,1", "default||China|0,500,1,1,1",
      "default|86|China|0,500,0,1,1", "default|86|China|0,-500,1,1,1", "default|86|China|0,5e2,1,1,1",
      "default|86|China|0,500.5,1,1,1", "default|86|China|0,1000000001,1,1,1", "default|86|China|0,500,1,1,1,x",
      "default|86|China|0,500,1,1,1,,8", "default|86|China|0,500,1,1,1,,,60", "default|86|China|0,500,1,1,1,,,1440,0",
      "default|86|China|0,500,1,1,1,,,0,1441", "default|86|China|0,500,1,1,1,,0", "default|86|China|0,500,1,1,1,,,,,60",
      "default|86|China|0,500,1,1,1,,,,,60:1;30:1", "default|86|China|0,500,1,1,1,,,,,60:1;", "default|86|China|0,500,1,1,1,,,,,:1",
      "default|86|China|0,500,1,1,1,,,,,0:1", "default|86|China|0,9999999999999999,1,1,1",
    }) do
      assert.is_nil(api.decodeRateEntry(value), value)
    end
    assert.is_nil(api.decodeRateEntry(nil))
    assert.is_nil(api.decodeRateEntry(86))
  end)

  it("never raises an error: every cut of a value, and 5000 random byte changes", function()
    for _, value in ipairs({ FRANCE, FULL }) do
      for length = 0, #value do
        local ok, result = pcall(api.decodeRateEntry, value:sub(1, length))
        assert.is_true(ok, result)
      end
    end
    math.randomseed(5)
    local alphabet = "0123456789|,;:%-aZ \0\255"
    for _ = 1, 5000 do
      local position = math.random(1, #FULL)
      local pick = math.random(1, #alphabet)
      local value = FULL:sub(1, position - 1) .. alphabet:sub(pick, pick) .. FULL:sub(position + 1)
      local ok, result = pcall(api.decodeRateEntry, value)
      assert.is_true(ok, result)
      if result ~= nil then
        for _, rate in ipairs(result.rates) do assert.is_nil(api.rateProblem(rate)) end
      end
    end
  end)
end)

describe("cachedRateEntry", function()
  it("decodes a value once per worker: the same value gives the same entry", function()
    local value = "cache1|86|China|0,500,1,1,1"
    local first = api.cachedRateEntry(value)
    assert.are.same(api.decodeRateEntry(value), first)
    assert.are.equal(first, api.cachedRateEntry(value))
    assert.are_not.equal(first, api.cachedRateEntry("cache1|86|China|0,600,1,1,1"), "another value, another entry")
  end)

  it("never caches a malformed value", function()
    assert.is_nil(api.cachedRateEntry("cache2|86|China|0,x,1,1,1"))
    assert.is_nil(api.cachedRateEntry("cache2|86|China|0,x,1,1,1"))
  end)

  it("starts afresh once it holds its maximum, so a worker's memory stays bounded", function()
    local value = "cache3|86|China|0,500,1,1,1"
    local first = api.cachedRateEntry(value)
    for i = 1, api.MAX_CACHED_RATE_ENTRIES do api.cachedRateEntry("cache3|86|China|0," .. i .. ",1,1,1") end
    local again = api.cachedRateEntry(value)
    assert.are.same(first, again)
    assert.are_not.equal(first, again, "decoded anew after the reset")
  end)
end)
