// @ts-check
// Prepaid balances live in Redis (db REDIS_DB.state, key balance:<account>, minor units), where
// calls reserve and settle them atomically (src/routes/state.ts), or in PostgreSQL when the
// CDR database is PostgreSQL (table balances, scripts/lib/balance-db.mjs). The deployment
// config's prepaidBalance is an account's opening balance: written only when the account has
// none yet, so a restart never refills a balance that calls have spent.
import { REDIS_DB, redisCli } from "./redis.mjs";
import { openingBalancesSql } from "./balance-db.mjs";
import { postgresUrl, psql } from "./postgres.mjs";

/** @typedef {{ username: string, enabled: boolean, prepaidBalance: number | null }} PrepaidAccount prepaidBalance in minor units */

/** @param {string} socket the Redis unix socket @param {PrepaidAccount[]} accounts */
export function openBalances(socket, accounts) {
  for (const account of accounts) {
    if (!account.enabled || account.prepaidBalance === null) continue;
    redisCli(socket, "-n", String(REDIS_DB.state), "SET", `balance:${account.username}`, String(account.prepaidBalance), "NX");
  }
}

/**
 * Opens the balances of the config's prepaid accounts where that config keeps them.
 * @param {import("./deployment-config.mjs").DeploymentConfig} config @param {string} redisSocket
 */
export function openConfiguredBalances(config, redisSocket) {
  const url = postgresUrl(config);
  if (url === null) return openBalances(redisSocket, config.accounts);
  const sql = openingBalancesSql(config.accounts);
  if (sql !== "") psql(url, sql);
}
