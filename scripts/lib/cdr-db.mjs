// @ts-check
// The CDR table (src/billing/cdr.ts writes its rows): one row per call attempt, unique on
// attempt_id so a CDR written twice is kept once. Times in Unix milliseconds, cost in minor
// units (1/10000 of the currency unit). The same statement suits SQLite and PostgreSQL.

/** @param {"sqlite" | "postgres"} dialect */
export function cdrTableSql(dialect) {
  const id = dialect === "postgres" ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY AUTOINCREMENT";
  return `CREATE TABLE IF NOT EXISTS cdr (
  ${id},
  attempt_id TEXT NOT NULL UNIQUE,
  call_id TEXT NOT NULL,
  account TEXT NOT NULL,
  caller TEXT NOT NULL,
  callee TEXT NOT NULL,
  number TEXT NOT NULL,
  source_ip TEXT NOT NULL,
  destination TEXT NOT NULL,
  prefix TEXT NOT NULL,
  rate_id TEXT NOT NULL,
  start_ms BIGINT NOT NULL,
  answer_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  billable_seconds BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  sip_code INTEGER NOT NULL,
  sip_reason TEXT NOT NULL,
  end_reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cdr_account_start ON cdr (account, start_ms);
`;
}
