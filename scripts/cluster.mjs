#!/usr/bin/env node
// @ts-check
// `npm run cluster [-- --config FILE]`: a local two-node cluster to try (issue 9): one Redis,
// one throwaway PostgreSQL for the CDRs, balances and rate plans, and two Kamailio nodes on
// 127.0.0.1:5060 and :5062 (DMQ on :5090 and :5092) running the deployment config (default
// kamailio/deployment.json) with a `cluster` section each. Logs on stderr; Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBillingData } from "./lib/billing-data.mjs";
import { configFileFromArgs } from "./lib/cli.mjs";
import { ConfigError, validateDeploymentConfig } from "./lib/deployment-config.mjs";
import { prepareKamailioRun } from "./lib/kamailio-run.mjs";
import { RatePlanError } from "./lib/rate-csv.mjs";
import { startRedis } from "./lib/redis.mjs";
import { startPostgres } from "./lib/postgres.mjs";
import { prepareAccounts } from "./lib/billing-postgres.mjs";
import { openConfiguredBalances } from "./lib/balances.mjs";
import { localClusterConfigs } from "./lib/cluster-run.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SIP_PORTS = [5060, 5062];
const DMQ_PORTS = [5090, 5092];

const file = configFileFromArgs(process.argv.slice(2), root);
const raw = JSON.parse(readFileSync(file, "utf8"));
const postgres = await startPostgres();
const redis = await startRedis({ runDir: join(root, "var/cluster"), dataDir: join(root, "var/cluster/redis"), stdio: "inherit" });
/** @type {import("node:child_process").ChildProcess[]} */
const nodes = [];
let stopping = false;
const stopAll = async () => {
  stopping = true;
  for (const node of nodes) node.kill("SIGTERM");
  await Promise.all(nodes.map((n) => new Promise((r) => (n.exitCode === null ? n.on("exit", r) : r(null)))));
  await redis.stop();
  await postgres.stop();
};
try {
  localClusterConfigs(raw, SIP_PORTS, DMQ_PORTS, postgres.url).forEach((rawNode, i) => {
    const config = validateDeploymentConfig(rawNode, file);
    const runDir = join(root, `var/cluster/node${i + 1}`);
    mkdirSync(runDir, { recursive: true });
    const databaseFile = prepareAccounts({ config, file: join(runDir, "kamailio.sqlite"), billingData: loadBillingData(config) });
    openConfiguredBalances(config, redis.socket);
    const run = prepareKamailioRun({ root, config, runDir, redisSocket: redis.socket, redisPort: redis.port, databaseFile });
    nodes.push(spawn(run.command, run.args, { stdio: "inherit" }));
  });
} catch (error) {
  await stopAll();
  if (!(error instanceof ConfigError || error instanceof RatePlanError)) throw error;
  console.error(`kamailio-ts: ${error.message}`);
  process.exit(2);
}
console.error(`kamailio-ts cluster: node 1 on 127.0.0.1:${SIP_PORTS[0]}, node 2 on 127.0.0.1:${SIP_PORTS[1]}; CDRs in ${postgres.url}
  gateway:  sipp -sn uas -i 127.0.0.1 -p 5080
  call via node 1: sipp -sf test/sipp/uac.xml -i 127.0.0.1 -p 5070 127.0.0.1:${SIP_PORTS[0]} -s 13545769997 -m 10
  call via node 2: sipp -sf test/sipp/uac.xml -i 127.0.0.1 -p 5071 127.0.0.1:${SIP_PORTS[1]} -s 13545769997 -m 10
  CDRs:     psql ${postgres.url} -c 'SELECT call_id, cost, end_reason FROM cdr'
  balances: psql ${postgres.url} -c 'SELECT account, balance FROM balances'`);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => void stopAll().then(() => process.exit(0)));
// One node exiting stops the cluster: a trial setup, not a supervisor.
for (const node of nodes) node.on("exit", () => stopping || void stopAll().then(() => process.exit(1)));
