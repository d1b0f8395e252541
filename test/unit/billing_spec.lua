-- Prepaid reservations, CDR statements and billing lines, and spend caps (src/billing/prepaid.ts,
-- src/billing/cdr.ts, src/fraud/spend.ts), through the bundle's exports.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "../support/?.lua;" .. package.path

local fake_ksr = require("fake_ksr")
local bundle = require("bundle")

local api = bundle.exports(fake_ksr.new())

local function rate(fields)
  local r = { id = "cn", connectFee = 0, price = 500, unitSeconds = 1, firstIncrement = 1, nextIncrement = 1 }
  for k, v in pairs(fields or {}) do r[k] = v end
  return r
end

local record = require("call_record")

describe("prepaid (src/billing/prepaid.ts)", function()
  it("gives the brief's rate 2 s for 0.10 and 120 s for 6.00", function()
    assert.are.equal(2, api.affordableSeconds(rate(), 1000, 14400))
    assert.are.equal(120, api.affordableSeconds(rate(), 60000, 14400))
  end)

  it("never gives more than the funds pay, nor more than the longest call", function()
    for _, r in ipairs({ rate(), rate({ price = 6000, unitSeconds = 60, firstIncrement = 60, nextIncrement = 60 }),
      rate({ price = 6000, unitSeconds = 60, firstIncrement = 30, nextIncrement = 6, connectFee = 700 }) }) do
      for funds = 0, 20000, 337 do
        local seconds = api.affordableSeconds(r, funds, 600)
        assert.is_true(seconds <= 600)
        if seconds > 0 then
          assert.is_true(api.costOfSeconds(r, seconds) <= funds)
          -- one more next increment would cost more than the funds, or pass the longest call
          local more = seconds + r.nextIncrement
          assert.is_true(more > 600 or api.costOfSeconds(r, more) > funds)
        end
      end
    end
  end)

  it("gives 0 when the funds do not pay the first increment, connect fee included", function()
    assert.are.equal(0, api.affordableSeconds(rate(), 499, 14400))
    assert.are.equal(0, api.affordableSeconds(rate({ connectFee = 100 }), 500, 14400))
    assert.are.equal(1, api.affordableSeconds(rate({ connectFee = 100 }), 600, 14400))
    assert.are.equal(0, api.affordableSeconds(rate({ firstIncrement = 60 }), 10 ^ 9, 30))
  end)

  it("asks to reserve the longest call's cost and needs the first increment's", function()
    local want, minimum = api.reservationWanted(rate(), 14400)
    assert.are.equal(14400 * 500, want)
    assert.are.equal(500, minimum)
    want, minimum = api.reservationWanted(rate({ price = 6000, unitSeconds = 60, firstIncrement = 30, nextIncrement = 6 }), 100)
    assert.are.equal(api.costOfSeconds(rate({ price = 6000, unitSeconds = 60, firstIncrement = 30, nextIncrement = 6 }), 96), want)
    assert.are.equal(3000, minimum)
  end)
end)

describe("CDR statement (src/billing/cdr.ts)", function()
  it("keeps every text value one SQL literal", function()
    assert.are.equal("'abc'", api.sqlText("abc"))
    assert.are.equal("'x'');DROP TABLE cdr;--'", api.sqlText("x');DROP TABLE cdr;--"))
    assert.are.equal("'a\\b%s\"'", api.sqlText('a\\b%s"'))
    assert.are.equal("'ab'", api.sqlText("a\0b"))
    assert.are.equal(258, #api.sqlText(string.rep("x", 1000)))
  end)

  it("writes the record's values in column order, idempotent on the attempt", function()
    local sql = api.cdrInsertSql(record({ caller = "x'),('evil" }))
    assert.matches("^INSERT INTO cdr %(attempt_id, call_id, account, caller,", sql)
    assert.matches("VALUES %('c1;t1;1', 'c1', '1001', 'x''%),%(''evil', '13545769997', '8613545769997', "
      .. "'192.0.2.7', 'China', '86', 'cn', 1000, 2000, 122000, 120000, 120, 60000, 200, 'OK', 'bye'%) "
      .. "ON CONFLICT %(attempt_id%) DO NOTHING$", sql)
  end)

  it("is valid SQL that stores hostile values as they are (sqlite3)", function()
    local db = os.tmpname()
    local hostile = "x');DROP TABLE cdr;--\"%s%n\\"
    local sql = api.cdrInsertSql(record({ caller = hostile, callId = "a'b\nc" }))
    local root = io.popen("cd '" .. here .. "../..' && pwd"):read("*l")
    local schema = io.popen("node -e 'import(\"" .. root .. "/scripts/lib/cdr-db.mjs\").then(m => process.stdout.write(m.cdrTableSql(\"sqlite\")))'"):read("*a")
    assert.matches("CREATE TABLE IF NOT EXISTS cdr", schema)
    local pipe = io.popen("sqlite3 -bail " .. db .. " > /dev/null", "w")
    pipe:write(schema, sql, ";\n", sql, ";\n")
    assert.is_true(pipe:close() ~= false)
    local out = io.popen("sqlite3 " .. db .. " \"SELECT count(*), caller FROM cdr\""):read("*a")
    os.remove(db)
    assert.are.equal("1|" .. hostile .. "\n", out)
  end)
end)

describe("CALL BILLING line (src/billing/cdr.ts)", function()
  it("has the brief's fields: 120 s at 0.05 per second costs 6.00", function()
    assert.matches('^CALL BILLING %- Call%-ID: "c1", From: "1001", To: "13545769997", Duration: 120 sec, Cost: 6%.00, ',
      api.billingLine(record()))
  end)

  it("rounds a duration up to started seconds", function()
    assert.matches("Duration: 3 sec,", api.billingLine(record({ durationMs = 2001 })))
    assert.matches("Duration: 0 sec,", api.billingLine(record({ durationMs = 0 })))
  end)

  it("cannot be forged: quotes, CR and LF in values are escaped", function()
    local line = api.billingLine(record({ callId = 'x", From: "forged\r\nCALL BILLING - Call-ID: "y', caller = 'a"b' }))
    assert.is_nil(line:find("[\r\n]"))
    assert.matches('Call%-ID: "x\\", From: \\"forged\\x0d\\x0aCALL BILLING %- Call%-ID: \\"y", From: "a\\"b",', line)
  end)
end)

describe("spend caps (src/fraud/spend.ts)", function()
  it("warns from the warning level and refuses from the critical one", function()
    assert.are.equal("ok", api.spendVerdict(0, 100, 200))
    assert.are.equal("ok", api.spendVerdict(99, 100, 200))
    assert.are.equal("warning", api.spendVerdict(100, 100, 200))
    assert.are.equal("critical", api.spendVerdict(200, 100, 200))
  end)
end)

describe("destination call-rate windows (src/fraud/destination.ts)", function()
  local WINDOWS = "12345,72000,28800,5,10;67,0,0,2,4"

  it("parses the rendered define, quotes and all", function()
    assert.are.same({
      { weekdays = { 1, 2, 3, 4, 5 }, fromSecond = 72000, untilSecond = 28800, warning = 5, critical = 10 },
      { weekdays = { 6, 7 }, fromSecond = 0, untilSecond = 0, warning = 2, critical = 4 },
    }, api.parsePrefixRateWindows('"' .. WINDOWS .. '"'))
    assert.are.same({}, api.parsePrefixRateWindows('""'))
  end)

  it("takes the levels of the first window holding the local time, else the base levels", function()
    local windows = api.parsePrefixRateWindows(WINDOWS)
    -- 2026-11-23 is a Monday; UTC+8 (28800 s)
    local monday = 1795392000 - 28800 -- 2026-11-23 00:00 local (00:00 UTC is 1795392000)
    local function levels(local_seconds) return { api.prefixRateLevels(windows, 20, 30, monday + local_seconds, 28800) } end
    assert.are.same({ 5, 10 }, levels(21 * 3600), "Monday 21:00: night window")
    assert.are.same({ 5, 10 }, levels(7 * 3600), "Monday 07:00: the night window past midnight")
    assert.are.same({ 20, 30 }, levels(12 * 3600), "Monday noon: base levels")
    assert.are.same({ 2, 4 }, levels(5 * 86400 + 12 * 3600), "Saturday noon: the whole-day weekend window")
    assert.are.same({ 20, 30 }, { api.prefixRateLevels({}, 20, 30, monday, 28800) }, "no windows")
  end)
end)
