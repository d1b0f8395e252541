// @ts-check
// Prepaid balances live in Redis (db REDIS_DB.state, key balance:<account>, minor units), where
// calls reserve and settle them atomically (src/routes/state.ts). The deployment config's
// prepaidBalance is an account's opening balance: written only when the account has none yet,
// so a restart never refills a balance that calls have spent.
import { REDIS_DB, redisCli } from "./redis.mjs";

/**
 * @param {string} socket the Redis unix socket
 * @param {{ username: string, enabled: boolean, prepaidBalance: number | null }[]} accounts prepaidBalance in minor units
 */
export function openBalances(socket, accounts) {
  for (const account of accounts) {
    if (!account.enabled || account.prepaidBalance === null) continue;
    redisCli(socket, "-n", String(REDIS_DB.state), "SET", `balance:${account.username}`, String(account.prepaidBalance), "NX");
  }
}
