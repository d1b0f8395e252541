// This node's view of PostgreSQL (with billing.cdr on PostgreSQL): a statement that failed
// marks it down for a few seconds (htable pgstate, kamailio.cfg: the item expires by itself),
// during which prepaid calls are refused at once instead of each holding a worker for
// db_postgres' timeouts; the CDR writer, which tries the database every 100 ms while CDRs
// wait, marks it up again as soon as a statement succeeds.
const TABLE = "pgstate";
const DOWN = "down";

export function postgresMarkedDown(): boolean {
  return KSR.htable.sht_get(TABLE, DOWN) !== undefined;
}

export function markPostgresDown(): void {
  KSR.htable.sht_seti(TABLE, DOWN, 1);
}

export function markPostgresUp(): void {
  if (postgresMarkedDown()) KSR.htable.sht_rm(TABLE, DOWN);
}
