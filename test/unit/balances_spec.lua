-- Prepaid balances in PostgreSQL (src/billing/balance-sql.ts), through the bundle's exports: the
-- reservation's call and the CDR statement that settles the call; both keep any value one literal.
local fake_ksr = require("fake_ksr")
local bundle = require("bundle")

local api = bundle.exports(fake_ksr.new())

local record = require("call_record")

describe("prepaid balances in PostgreSQL (src/billing/balance-sql.ts)", function()
  it("reserves through reserve_balance with the attempt and account as literals and whole numbers", function()
    assert.are.equal("SELECT reserve_balance('c1;t1;1', '1001', 7200000, 500)", api.reserveBalanceSql("c1;t1;1", "1001", 7200000, 500))
    assert.are.equal("SELECT reserve_balance('a''b', 'x''), 0, 0); DROP TABLE balances; --', 1, 0)",
      api.reserveBalanceSql("a'b", "x'), 0, 0); DROP TABLE balances; --", 1, 0))
  end)

  it("releases the attempt's recorded reservation, refunds what the call did not cost, and stores the CDR, in one statement", function()
    local r = record({ attemptId = "a'b;t;1", account = "o'hara" })
    local sql = api.settledCdrSql(r)
    assert.matches("^WITH held AS %(DELETE FROM balance_reservations WHERE attempt_id = 'a''b;t;1' RETURNING account, amount%), "
      .. "settled AS %(INSERT INTO balance_settlements %(attempt_id, account, reserved, cost, refund%) "
      .. "SELECT 'a''b;t;1', account, amount, 60000, GREATEST%(amount %- 60000, 0%) FROM held "
      .. "ON CONFLICT %(attempt_id%) DO NOTHING RETURNING account, refund%), ", sql)
    assert.matches("refunded AS %(INSERT INTO balances %(account, balance%) SELECT account, refund FROM settled "
      .. "ON CONFLICT %(account%) DO UPDATE SET balance = balances%.balance %+ EXCLUDED%.balance%) INSERT INTO cdr ", sql, 1, false)
    local cdr = api.cdrInsertSql(r)
    assert.are.equal(cdr, sql:sub(-#cdr), "ends with the call's CDR INSERT")
  end)
end)
