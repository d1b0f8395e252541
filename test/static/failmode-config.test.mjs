// @ts-check
// fraud.failMode and cluster.pingIntervalSeconds: validation, and what reaches Kamailio's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { configProblems as problems, POSTGRES_BASE as BASE, runDefines as defines, validConfig } from "../support/config-run.mjs";
import { localClusterConfigs } from "../../scripts/lib/cluster-run.mjs";

const PEER = { dmq: "10.0.0.2:5090", sip: "10.0.0.2:5060" };
const CLUSTER = { nodeId: 1, dmq: "10.0.0.1:5090", peers: [PEER, { dmq: "10.0.0.3:5090", sip: "10.0.0.3:5060" }] };

test("fraud.failMode is closed by default, open or closed when set, anything else an error", () => {
  assert.equal(validConfig(BASE).fraud.failMode, "closed");
  for (const mode of ["open", "closed"]) {
    assert.equal(validConfig({ ...BASE, fraud: { failMode: mode } }).fraud.failMode, mode);
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
  assert.equal(validConfig({ ...BASE, cluster: CLUSTER }).cluster?.pingIntervalSeconds, 10);
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
