// @ts-check
// Prepaid balances in PostgreSQL (when billing.cdr.database is "postgres"; with SQLite they
// stay in Redis, scripts/lib/balances.mjs): one row per prepaid account, the balance in minor
// units (1/10000), never negative; one row per call in progress (its reservation) and per
// settled call (its refund is returned once); reserve_balance, which src/billing/balance-sql.ts
// calls at each prepaid call's start.

/** Created next to the CDR table (scripts/lib/postgres.mjs prepareCdrTable). */
export const BALANCE_TABLES_SQL = `CREATE TABLE IF NOT EXISTS balances (
  account TEXT PRIMARY KEY,
  balance BIGINT NOT NULL CHECK (balance >= 0)
);
-- What calls in progress hold: taken from the balance at the INVITE, deleted at the settlement.
CREATE TABLE IF NOT EXISTS balance_reservations (
  attempt_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  amount BIGINT NOT NULL,
  reserved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS balance_settlements (
  attempt_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  reserved BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  refund BIGINT NOT NULL,
  settled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- p_want when the balance holds it, else the whole balance provided it holds p_minimum; -1
-- otherwise (no row is a balance of 0). FOR UPDATE: concurrent reservations take turns. Once
-- per attempt: a statement sent again (db_postgres resends it on a new connection when the
-- answer was lost) returns the reservation it took.
CREATE OR REPLACE FUNCTION reserve_balance(p_attempt TEXT, p_account TEXT, p_want BIGINT, p_minimum BIGINT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  available BIGINT;
  taken BIGINT;
BEGIN
  SELECT amount INTO taken FROM balance_reservations WHERE attempt_id = p_attempt;
  IF FOUND THEN RETURN taken; END IF;
  SELECT balance INTO available FROM balances WHERE account = p_account FOR UPDATE;
  IF NOT FOUND THEN available := 0; END IF;
  IF available < p_minimum THEN RETURN -1; END IF;
  taken := LEAST(available, p_want);
  UPDATE balances SET balance = balance - taken WHERE account = p_account;
  INSERT INTO balance_reservations (attempt_id, account, amount) VALUES (p_attempt, p_account, taken);
  RETURN taken;
END $$;
`;

/** A text as a PostgreSQL string literal (quotes doubled). @param {string} text */
const literal = (text) => `'${text.replace(/'/g, "''")}'`;

/**
 * The opening balances of the prepaid accounts, written only for accounts without a row: a
 * restart never refills what calls spent. "" when no account is prepaid.
 * @param {{ username: string, enabled: boolean, prepaidBalance: number | null }[]} accounts prepaidBalance in minor units
 */
export function openingBalancesSql(accounts) {
  const rows = accounts.filter((a) => a.enabled && a.prepaidBalance !== null).map((a) => `(${literal(a.username)}, ${a.prepaidBalance})`);
  return rows.length === 0 ? "" : `INSERT INTO balances (account, balance) VALUES ${rows.join(", ")} ON CONFLICT (account) DO NOTHING;\n`;
}
