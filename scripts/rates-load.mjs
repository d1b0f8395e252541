#!/usr/bin/env node
// @ts-check
// `npm run rates:load [-- --config FILE] [--database FILE] [--ctl SOCKET] [--redis SOCKET]`:
// applies the rate plans and the account policy of the deployment config to a running
// Kamailio, without a restart. Everything is read and validated first (config, every plan
// file); on any error it prints it, exits 2 and changes nothing. Else it replaces the rows in
// the database (mtrees, account_policy, and the subscriber accounts, in one transaction; the
// plans and policy in PostgreSQL when billing.cdr is there, each write a transaction),
// opens the balances of new prepaid accounts in Redis, or in PostgreSQL when the CDR database
// is PostgreSQL (as npm start does: never refilling one)
// and has Kamailio reload the rows over its ctl socket (`mtree.reload`, `htable.reload
// accounts`). Defaults: npm start's var/kamailio.sqlite, var/run/kamailio_ctl, var/run/redis.sock.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openConfiguredBalances } from "./lib/balances.mjs";
import { POLICY_HTABLE, loadBillingData } from "./lib/billing-data.mjs";
import { configFileFromArgs, optionValue } from "./lib/cli.mjs";
import { ConfigError, loadDeploymentConfig } from "./lib/deployment-config.mjs";
import { RatePlanError } from "./lib/rate-csv.mjs";
import { prepareAccounts } from "./lib/billing-postgres.mjs";
import { postgresUrl } from "./lib/postgres.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);

let config, billingData, databaseFile, ctlSocket, redisSocket;
try {
  config = loadDeploymentConfig(configFileFromArgs(argv, root));
  billingData = loadBillingData(config);
  databaseFile = resolve(optionValue(argv, "database") ?? join(root, "var/kamailio.sqlite"));
  ctlSocket = resolve(optionValue(argv, "ctl") ?? join(root, "var/run/kamailio_ctl"));
  redisSocket = resolve(optionValue(argv, "redis") ?? join(root, "var/run/redis.sock"));
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof RatePlanError)) throw error;
  console.error(`kamailio-ts: ${error.message}\nkamailio-ts: nothing changed: the loaded rate plans stay in use`);
  process.exit(2);
}

// With billing.cdr on PostgreSQL, the plans and policy are there (the database of every node).
const inPostgres = postgresUrl(config) !== null;
if (!existsSync(databaseFile)) {
  console.error(`kamailio-ts: no database at ${databaseFile}: nothing to reload (npm start creates it and loads the plans)`);
  process.exit(2);
}
prepareAccounts({ config, file: databaseFile, billingData });
const loaded = Object.entries(billingData.prefixes).map(([tree, n]) => `${tree} ${n}`).join(", ");
console.error(`kamailio-ts: ${inPostgres ? "PostgreSQL (billing.cdr.url)" : databaseFile}: prefixes per tree: ${loaded}; ${billingData.policy.length} account policy items`);

if (inPostgres || existsSync(redisSocket)) openConfiguredBalances(config, redisSocket);

if (!existsSync(ctlSocket)) {
  console.error(`kamailio-ts: no Kamailio ctl socket at ${ctlSocket}: Kamailio loads them when it starts`);
  process.exit(0);
}
// db_table mode: mtree.reload takes no tree name and reloads every tree from the table.
for (const command of [["mtree.reload"], ["htable.reload", POLICY_HTABLE]]) {
  const r = spawnSync("kamcmd", ["-s", `unix:${ctlSocket}`, ...command], { encoding: "utf8", timeout: 120000 });
  if (r.status !== 0 || /^error/im.test(r.stdout)) {
    console.error(`kamailio-ts: kamcmd ${command.join(" ")} failed: ${(r.stderr || r.stdout || r.error?.message || "").trim()}\n` +
      "kamailio-ts: the database holds the new data; Kamailio kept what it had loaded (see its log)");
    process.exit(1);
  }
}
console.error("kamailio-ts: Kamailio reloaded the rate plans (mtree) and the account policy (htable accounts)");
