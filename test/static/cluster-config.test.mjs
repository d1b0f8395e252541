// @ts-check
// The deployment config's `cluster` section: validation and what it adds to Kamailio's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../support/kamailio.mjs";
import { ConfigError, validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { prepareKamailioRun, renderAddressList } from "../../scripts/lib/kamailio-run.mjs";

const BASE = {
  listen: ["udp:10.0.0.1:5060"],
  gateways: [{ name: "g", uri: "sip:192.0.2.1" }],
  billing: {
    numbering: { countryCode: "86", internationalPrefix: "00", nationalPrefix: "0" },
    ratePlans: { default: "kamailio/rates/default.csv" },
    cdr: { database: "postgres", url: "postgres://k@10.0.0.9:5432/cdr" },
  },
};
const CLUSTER = { nodeId: 1, dmq: "10.0.0.1:5090", peers: [{ dmq: "10.0.0.2:5090", sip: "10.0.0.2:5060" }] };

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

test("a cluster is optional, and needs its node id, DMQ socket, peers and CDRs in PostgreSQL", () => {
  assert.equal(validateDeploymentConfig(BASE, "c.json", { baseDir: root }).cluster, null);
  assert.deepEqual(problems({ ...BASE, cluster: CLUSTER }), []);
  assert.deepEqual(problems({ ...BASE, cluster: { ...CLUSTER, nodeId: 16, dmq: "10.0.0.1", peers: [] } }), [
    "cluster.nodeId: must be an integer from 1 to 15, different on every node (got 16)",
    'cluster.dmq: must be "IP:PORT", e.g. "10.0.0.2:5090" (got "10.0.0.1")',
    "cluster.peers: must not be empty",
  ]);
  assert.deepEqual(problems({ ...BASE, cluster: { ...CLUSTER, peers: [{ dmq: "10.0.0.2:5090", sip: "x", extra: 1 }] } }), [
    "cluster.peers[0].extra: unknown field (allowed: dmq, sip)",
    'cluster.peers[0].sip: must be "IP:PORT", e.g. "10.0.0.2:5090" (got "x")',
  ]);
  const { billing: _, ...withoutBilling } = BASE;
  assert.deepEqual(problems({ ...withoutBilling, cluster: CLUSTER }), [
    'cluster: needs billing.cdr { "database": "postgres", "url": ... }: every node writes CDRs to the one database',
  ]);
});

test("a cluster node listens on its DMQ socket, takes its peers' SIP addresses as its own and replicates its htables", () => {
  const config = validateDeploymentConfig({ ...BASE, cluster: CLUSTER }, "c.json", { baseDir: root });
  assert.equal(renderAddressList(config), "2 10.0.0.2 32 5090 dmq\n", "KDMQ from the peers' DMQ sockets only");
  const dir = mkdtempSync(join(tmpdir(), "kts-cluster-run-"));
  const { args } = prepareKamailioRun({ root, config, runDir: dir, redisSocket: join(dir, "r.sock"), redisPort: 6379, databaseFile: join(dir, "k.sqlite") });
  const joined = args.join(" ");
  assert.match(joined, / -l udp:10\.0\.0\.1:5090 --alias=10\.0\.0\.2:5060 /);
  for (const define of ["WITH_CLUSTER=1", 'DMQ_SERVER_ADDRESS="sip:10.0.0.1:5090"', 'DMQ_NOTIFICATION_ADDRESS="sip:10.0.0.2:5090"', "DIALOG_H_ID_START=1", "DIALOG_H_ID_STEP=16"]) {
    assert.ok(args.includes(define), define);
  }
  for (const table of ["ipban", "authfail", "callrate", "destrate"]) {
    assert.ok(args.some((a) => a.includes(`${table}=>`) && a.includes("dmqreplicate=1;")), table);
  }
  const single = prepareKamailioRun({ root, config: validateDeploymentConfig(BASE, "c.json", { baseDir: root }), runDir: dir, redisSocket: join(dir, "r.sock"), redisPort: 6379, databaseFile: join(dir, "k.sqlite") });
  assert.ok(!single.args.some((a) => a.includes("dmq")), "a single proxy has no DMQ at all");
});
