// Prepaid balances in PostgreSQL (when the CDR database is PostgreSQL): the statement that
// reserves at a call's start and the one that stores its CDR together with the refund of what
// it did not spend. Pure, so the specs prove that no account name or header value can change
// them. scripts/lib/balance-db.mjs creates the tables and the reserve_balance function.
import { cdrInsertSql, sqlInteger, sqlText, type CallRecord } from "./cdr";
import type { Money } from "./money";

/**
 * Reserves `want` of the account's balance when it holds it, else the whole balance provided
 * it holds `minimum`; one row of one column: the amount reserved, -1 when the balance (none is
 * 0) is below `minimum`. reserve_balance locks the account's row, so reservations of two nodes
 * at once take turns and never overdraw it.
 */
export function reserveBalanceSql(account: string, want: Money, minimum: Money): string {
  return `SELECT reserve_balance(${sqlText(account)}, ${sqlInteger(want)}, ${sqlInteger(minimum)})`;
}

/**
 * One statement (so one transaction, also when the CDR writer replays it alone): the call's
 * settlement, once per attempt (balance_settlements' key: a batch written twice refunds once),
 * `refund` back to the account's balance when the settlement is new, and the CDR.
 */
export function settledCdrSql(r: CallRecord, reserved: Money, refund: Money): string {
  return `WITH settled AS (INSERT INTO balance_settlements (attempt_id, account, reserved, cost, refund) VALUES (` +
    `${sqlText(r.attemptId)}, ${sqlText(r.account)}, ${sqlInteger(reserved)}, ${sqlInteger(r.cost)}, ${sqlInteger(refund)}) ` +
    "ON CONFLICT (attempt_id) DO NOTHING RETURNING account, refund), " +
    "refunded AS (INSERT INTO balances (account, balance) SELECT account, refund FROM settled " +
    "ON CONFLICT (account) DO UPDATE SET balance = balances.balance + EXCLUDED.balance) " +
    cdrInsertSql(r);
}
