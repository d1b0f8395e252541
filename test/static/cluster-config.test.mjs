// @ts-check
// The deployment config's `cluster` section: validation and what it adds to Kamailio's run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { configProblems as problems, POSTGRES_BASE as BASE, runArgs, validConfig } from "../support/config-run.mjs";
import { renderAddressList } from "../../scripts/lib/kamailio-run.mjs";

const CLUSTER = { nodeId: 1, dmq: "10.0.0.1:5090", peers: [{ dmq: "10.0.0.2:5090", sip: "10.0.0.2:5060" }] };

test("a cluster is optional, and needs its node id, DMQ socket, peers and CDRs in PostgreSQL", () => {
  assert.equal(validConfig(BASE).cluster, null);
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
  assert.equal(renderAddressList(validConfig({ ...BASE, cluster: CLUSTER })), "2 10.0.0.2 32 5090 dmq\n", "KDMQ from the peers' DMQ sockets only");
  const args = runArgs({ ...BASE, cluster: CLUSTER });
  const joined = args.join(" ");
  assert.match(joined, / -l udp:10\.0\.0\.1:5090 --alias=10\.0\.0\.2:5060 /);
  for (const define of ["WITH_CLUSTER=1", 'DMQ_SERVER_ADDRESS="sip:10.0.0.1:5090"', 'DMQ_NOTIFICATION_ADDRESS="sip:10.0.0.2:5090"', "DIALOG_H_ID_START=1", "DIALOG_H_ID_STEP=16"]) {
    assert.ok(args.includes(define), define);
  }
  for (const table of ["ipban", "authfail", "callrate", "destrate"]) {
    assert.ok(args.some((a) => a.includes(`${table}=>`) && a.includes("dmqreplicate=1;")), table);
  }
  assert.ok(!runArgs(BASE).some((a) => a.includes("dmq")), "a single proxy has no DMQ at all");
});
