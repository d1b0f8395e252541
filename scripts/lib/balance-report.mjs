// @ts-check
// The prepaid balances of `npm run ctl -- balances`: what each prepaid account has left to
// reserve, and, with PostgreSQL balances, what calls in progress hold. Read where the balances
// live (see README.md "Billing", Prepaid): Redis db 2 (`balance:<account>`) with SQLite CDRs,
// the `balances` and `balance_reservations` tables with PostgreSQL. Amounts in minor units.
import { psql } from "./postgres.mjs";
import { REDIS_DB, redisCli } from "./redis.mjs";
import { formatMoney } from "./money.mjs";

/**
 * @typedef {{ account: string, available: number, reserved: number | null }} Balance
 * @typedef {{ store: "redis" | "postgres", accounts: Balance[] }} BalanceReport
 */

const BALANCE_KEY = "balance:";

/** Redis: every `balance:*` key of the state database, or the one of `account`. @param {string} socket @param {string | undefined} account */
function fromRedis(socket, account) {
  const db = String(REDIS_DB.state);
  const keys = account !== undefined
    ? [`${BALANCE_KEY}${account}`]
    : redisCli(socket, "-n", db, "--scan", "--pattern", `${BALANCE_KEY}*`).split("\n").filter((k) => k !== "");
  /** @type {Balance[]} */
  const accounts = [];
  for (const key of keys.sort()) {
    const value = redisCli(socket, "-n", db, "GET", key).trim();
    if (/^-?\d+$/.test(value)) accounts.push({ account: key.slice(BALANCE_KEY.length), available: Number(value), reserved: null });
  }
  return accounts;
}

/** PostgreSQL: the balances with what reservations hold, or the one of `account`. @param {string} url @param {string | undefined} account */
function fromPostgres(url, account) {
  const where = account === undefined ? "" : ` WHERE b.account = '${account.replaceAll("'", "''")}'`;
  const sql = "SELECT b.account, b.balance, coalesce((SELECT sum(r.amount) FROM balance_reservations r WHERE r.account = b.account), 0) " +
    `FROM balances b${where} ORDER BY b.account;`;
  return psql(url, sql).split("\n").filter((l) => l !== "").map((line) => {
    const [name, available, reserved] = line.split("\t");
    return { account: name, available: Number(available), reserved: Number(reserved) };
  });
}

/**
 * @param {{ redis?: string, postgres?: string }} source the Redis socket, or the PostgreSQL URL
 * @param {string} [account] one account only
 * @returns {BalanceReport}
 */
export function balanceReport(source, account) {
  if (source.postgres !== undefined) return { store: "postgres", accounts: fromPostgres(source.postgres, account) };
  return { store: "redis", accounts: fromRedis(String(source.redis), account) };
}

/** @param {BalanceReport} report */
export function balanceReportText(report) {
  if (report.accounts.length === 0) return `no prepaid balance (${report.store})`;
  const withReserved = report.store === "postgres";
  const header = withReserved ? ["account", "available", "held by calls"] : ["account", "available"];
  const lines = report.accounts.map((b) => (withReserved ? [b.account, formatMoney(b.available), formatMoney(b.reserved ?? 0)] : [b.account, formatMoney(b.available)]));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [`prepaid balances (${report.store})`, row(header), ...lines.map(row)].join("\n");
}
