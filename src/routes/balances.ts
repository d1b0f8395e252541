// Where a prepaid call reserves and settles its balance: Redis (state.ts) with SQLite CDRs, or
// PostgreSQL beside the CDRs (the sqlops connection "cdr", this process's own). The dialog
// keeps which one reserved (DLG.prepaid), so the end settles where the start reserved.
import { cdrInsertSql, type CallRecord } from "../billing/cdr";
import { reserveBalanceSql, settledCdrSql } from "../billing/balance-sql";
import type { Money } from "../billing/money";
import { billingSettings } from "./settings";
import { reserveBalance } from "./state";
import { markPostgresDown, postgresMarkedDown } from "./pg-health";

/** DLG.prepaid values: the store holding the call's reservation. */
export const RESERVED_IN_REDIS = "1";
export const RESERVED_IN_POSTGRES = "pg";

/** sqlops connection (kamailio.cfg CDR_SQLCON) and the result container of reservations. */
const CONNECTION = "cdr";
const RESULT = "bal";

/** reserve_balance's answer (see reserveBalanceSql); undefined when PostgreSQL fails or is marked down. */
function reserveInPostgres(attempt: string, account: string, want: Money, minimum: Money): number | undefined {
  if (postgresMarkedDown()) return undefined;
  // sqlops' KEMI sql_query: 0 on success, -1 on error (sqlops_do_query).
  if (KSR.sqlops.sql_query(CONNECTION, reserveBalanceSql(attempt, account, want, minimum), RESULT) < 0) {
    markPostgresDown();
    return undefined;
  }
  // A BIGINT column arrives as a string.
  const reserved = tonumber(KSR.sqlops.sql_result_get(RESULT, 0, 0));
  KSR.sqlops.sql_result_free(RESULT);
  return reserved ?? undefined;
}

/**
 * Reserves up to `want`, at least `minimum`, of the account's balance where the deployment
 * keeps it, for the call `attempt`: [the amount (-1: the balance is short of `minimum`), the
 * store's DLG.prepaid value]; the amount is undefined when the store cannot be reached.
 */
export function reservePrepaid(attempt: string, account: string, want: Money, minimum: Money): LuaMultiReturn<[number | undefined, string]> {
  if (billingSettings().cdrPostgres) return $multi(reserveInPostgres(attempt, account, want, minimum), RESERVED_IN_POSTGRES);
  return $multi(reserveBalance(account, want, minimum), RESERVED_IN_REDIS);
}

/**
 * The statement that stores the call's CDR: with the release of its reservation when that is
 * in PostgreSQL (the CDR writer then settles the balance in the CDR's transaction, once).
 */
export function cdrStatement(record: CallRecord, reservedIn: string): string {
  return reservedIn === RESERVED_IN_POSTGRES ? settledCdrSql(record) : cdrInsertSql(record);
}
