// @ts-check
// fraud.failMode and cluster.pingIntervalSeconds: validation, and what reaches Kamailio's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../support/kamailio.mjs";
import { ConfigError, validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { prepareKamailioRun } from "../../scripts/lib/kamailio-run.mjs";
import { localClusterConfigs } from "../../scripts/lib/cluster-run.mjs";

const BASE = {
  listen: ["udp:10.0.0.1:5060"],
  gateways: [{ name: "g", uri: "sip:192.0.2.1" }],
  billing: {
    numbering: { countryCode: "86", internationalPrefix: "00", nationalPrefix: "0" },
    ratePlans: { default: "kamailio/rates/default.csv" },
    cdr: { database: "postgres", url: "postgres://k@10.0.0.9:5432/cdr" },
  },
};
const PEER = { dmq: "10.0.0.2:5090", sip: "10.0.0.2:5060" };
const CLUSTER = { nodeId: 1, dmq: "10.0.0.1:5090", peers: [PEER, { dmq: "10.0.0.3:5090", sip: "10.0.0.3:5060" }] };

/** The problems validation reports for `config`. @param {object} config */
function problems(config) {
  try {
    validateDeploymentConfig(config, "c.json", { baseDir: root });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The cfg defines (-A NAME=value) of a run of `config`. @param {object} config */
function defines(config) {
  const dir = mkdtempSync(join(tmpdir(), "kts-failmode-run-"));
  const valid = validateDeploymentConfig(config, "c.json", { baseDir: root });
  const { args } = prepareKamailioRun({ root, config: valid, runDir: dir, redisSocket: join(dir, "r.sock"), redisPort: 6379, databaseFile: join(dir, "k.sqlite") });
  return Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === "-A" ? [a.split(/=(.*)/s, 2)] : [])));
}

test("fraud.failMode is closed by default, open or closed when set, anything else an error", () => {
  assert.equal(validateDeploymentConfig(BASE, "c.json", { baseDir: root }).fraud.failMode, "closed");
  for (const mode of ["open", "closed"]) {
    assert.equal(validateDeploymentConfig({ ...BASE, fraud: { failMode: mode } }, "c.json", { baseDir: root }).fraud.failMode, mode);
  }
  for (const bad of ["Open", "", true, 1, null]) {
    assert.deepEqual(problems({ ...BASE, fraud: { failMode: bad } }), [
      `fraud.failMode: must be "closed" (refuse new calls when a fraud check cannot be made) or "open" (let them through, with a warning) (got ${JSON.stringify(bad)})`,
    ]);
  }
  assert.equal(defines(BASE).FRAUD_FAIL_OPEN, "0");
  assert.equal(defines({ ...BASE, fraud: { failMode: "open" } }).FRAUD_FAIL_OPEN, "1", "a single proxy too: the spend read follows it");
});

test("cluster.pingIntervalSeconds: 10 by default, 5 (dmq's least) to 3600; the cluster's size reaches the cfg", () => {
  assert.equal(validateDeploymentConfig({ ...BASE, cluster: CLUSTER }, "c.json", { baseDir: root }).cluster?.pingIntervalSeconds, 10);
  for (const bad of [4, 3601, 5.5, "5"]) {
    assert.deepEqual(problems({ ...BASE, cluster: { ...CLUSTER, pingIntervalSeconds: bad } }), [
      `cluster.pingIntervalSeconds: must be an integer from 5 to 3600: seconds between DMQ pings of the other nodes (got ${JSON.stringify(bad)})`,
    ]);
  }
  const run = defines({ ...BASE, cluster: { ...CLUSTER, pingIntervalSeconds: 5 } });
  assert.equal(run.DMQ_PING_INTERVAL, "5");
  assert.equal(run.CLUSTER_SIZE, "3", "two peers and this node");
  assert.equal(defines(BASE).CLUSTER_SIZE, undefined, "a single proxy has none");
});

test("a local cluster's nodes share base.cluster's other fields", () => {
  const configs = localClusterConfigs({ ...BASE, cluster: { pingIntervalSeconds: 5 } }, [5062, 5064, 5066], [5090, 5092, 5094], "postgres://k@127.0.0.1/cdr");
  assert.deepEqual(configs.map((c) => [c.cluster.nodeId, c.cluster.pingIntervalSeconds, c.cluster.peers.length]), [[1, 5, 2], [2, 5, 2], [3, 5, 2]]);
  for (const config of configs) assert.deepEqual(problems(config), []);
});
