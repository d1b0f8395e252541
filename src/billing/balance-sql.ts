// Prepaid balances in PostgreSQL (when the CDR database is PostgreSQL): the statement that
// reserves at a call's start and the one that stores its CDR together with the refund of what
// it did not spend. Pure, so the specs prove that no account name or header value can change
// them. scripts/lib/balance-db.mjs creates the tables and the reserve_balance function.
import { cdrInsertSql, sqlInteger, sqlText, type CallRecord } from "./cdr";
import type { Money } from "./money";

/**
 * Reserves `want` of the account's balance when it holds it, else the whole balance provided
 * it holds `minimum`, once per call attempt; one row of one column: the amount reserved, -1
 * when the balance (none is 0) is below `minimum`. reserve_balance locks the account's row, so
 * reservations of two nodes at once take turns and never overdraw it.
 */
export function reserveBalanceSql(attempt: string, account: string, want: Money, minimum: Money): string {
  return `SELECT reserve_balance(${sqlText(attempt)}, ${sqlText(account)}, ${sqlInteger(want)}, ${sqlInteger(minimum)})`;
}

/**
 * One statement (so one transaction, also when the CDR writer replays it alone): the call's
 * reservation, if the database took one (also when the INVITE never learnt it: an answer lost
 * to a timeout), is released: what the call did not cost goes back to the balance and the
 * settlement is recorded; then the CDR. A statement written twice finds no reservation the
 * second time and refunds nothing (balance_settlements' key guards it too).
 */
export function settledCdrSql(r: CallRecord): string {
  const attempt = sqlText(r.attemptId);
  const cost = sqlInteger(r.cost);
  return `WITH held AS (DELETE FROM balance_reservations WHERE attempt_id = ${attempt} RETURNING account, amount), ` +
    `settled AS (INSERT INTO balance_settlements (attempt_id, account, reserved, cost, refund) ` +
    `SELECT ${attempt}, account, amount, ${cost}, GREATEST(amount - ${cost}, 0) FROM held ` +
    "ON CONFLICT (attempt_id) DO NOTHING RETURNING account, refund), " +
    "refunded AS (INSERT INTO balances (account, balance) SELECT account, refund FROM settled " +
    "ON CONFLICT (account) DO UPDATE SET balance = balances.balance + EXCLUDED.balance) " +
    cdrInsertSql(r);
}
