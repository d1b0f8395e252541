#!/usr/bin/env node
// @ts-check
// `npm start [-- --config FILE]`: runs Kamailio in the foreground with the Lua bundle and the
// deployment config (default kamailio/deployment.json, or $KAMAILIO_TS_CONFIG), its log on
// stderr. Ctrl-C stops it.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBillingData } from "./lib/billing-data.mjs";
import { configFileFromArgs } from "./lib/cli.mjs";
import { ConfigError, loadDeploymentConfig } from "./lib/deployment-config.mjs";
import { prepareKamailioRun } from "./lib/kamailio-run.mjs";
import { RatePlanError } from "./lib/rate-csv.mjs";
import { startRedis } from "./lib/redis.mjs";
import { prepareAccounts } from "./lib/billing-postgres.mjs";
import { prepareCdrTable } from "./lib/postgres.mjs";
import { openConfiguredBalances } from "./lib/balances.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

let config, billingData;
try {
  config = loadDeploymentConfig(configFileFromArgs(process.argv.slice(2), root));
  // Every rate plan is read and validated before anything is written or started.
  billingData = loadBillingData(config);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof RatePlanError)) throw error;
  console.error(`kamailio-ts: ${error.message}`);
  process.exit(2);
}

const runDir = join(root, "var/run");
const databaseFile = prepareAccounts({ config, file: join(root, "var/kamailio.sqlite"), billingData });
// CDRs in PostgreSQL (billing.cdr): the table is created there when missing.
if (config.billing?.cdr?.database === "postgres") prepareCdrTable(config.billing.cdr.url);
const redis = await startRedis({ runDir, dataDir: join(root, "var/redis"), stdio: "inherit" });
openConfiguredBalances(config, redis.socket);
const run = prepareKamailioRun({ root, config, runDir, redisSocket: redis.socket, redisPort: redis.port, databaseFile });
console.error(`kamailio-ts: ${run.command} ${run.args.join(" ")}`);
const kamailio = spawn(run.command, run.args, { stdio: "inherit" });
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => kamailio.kill("SIGTERM"));
}
// Redis outlives Kamailio only as long as this process: stop it once Kamailio has exited.
kamailio.on("exit", async (code, signal) => {
  await redis.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
