// @ts-check
// Scale-out (issue 9), dependencies lost: a cluster node that no longer sees a majority of the
// nodes cannot trust its fraud state (bans, call rates, concurrent calls: replicated over DMQ),
// and fraud.failMode says what it does then. "closed" (3 nodes): 2 of 3 still route, 1 of 3
// refuses an account's new calls (503) while trusted peers and in-dialog requests go on.
// "open" (2 nodes): the lone node routes, and says so once. Also: an hourly spend that Redis
// fails to read follows fraud.failMode instead of counting as nothing spent.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { healthProblems, testConfig } from "../support/kamailio.mjs";
import { nodeAddress, startCluster } from "../support/cluster.mjs";
import { callThroughProxy, scenario, startSipp } from "../support/sipp.mjs";
import { refusedAuthCall } from "../support/billing.mjs";
import { redisCli } from "../../scripts/lib/redis.mjs";

const NUMBER = "13545769997";
const GATEWAY = { ip: "127.0.0.3", port: 5080 };
const A = nodeAddress(0).sip;
const CALLER = "127.0.0.8";
const ACCOUNT = { user: "5001", password: "pw-5001" };
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const base = testConfig();
/** @param {"closed" | "open"} failMode */
const clusterConfig = (failMode) =>
  testConfig({
    trusted: ["127.0.0.1/32", "127.0.0.2/32"],
    gateways: [{ name: "gw", uri: `sip:${GATEWAY.ip}:${GATEWAY.port}`, priority: 1 }],
    accounts: [{ username: ACCOUNT.user, password: ACCOUNT.password }],
    fraud: { failMode },
    // A stopped peer's heartbeat lapses within about 5 s; DMQ pings (5 s) bring a restarted one back.
    cluster: { pingIntervalSeconds: 5 },
  });

/** @type {Awaited<ReturnType<typeof startCluster>> | undefined} */
let cluster;
const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)], { timeoutMs: 180000 });
after(async () => {
  await cluster?.stop();
  await gateway.stop();
});

/** An item of node `node`'s local htable `cluster` (minority, active), undefined when absent. @param {number} node @param {string} key */
function clusterItem(node, key) {
  try {
    const m = /value:\s*(-?\d+)/.exec(cluster?.nodes[node].rpc("htable.get", "cluster", key) ?? "");
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Waits up to `seconds` until node `node`'s item `key` is `value`. @param {number} node @param {string} key @param {number} value */
async function waitClusterItem(node, key, value, seconds = 15) {
  for (let i = 0; i < seconds * 10 && clusterItem(node, key) !== value; i++) await sleep(100);
  assert.equal(clusterItem(node, key), value, `node ${node}'s ${key}:\n${cluster?.nodes[node].rpc("dmq.list_nodes")}`);
}

let callerPort = 5400;
/** An account's call through A (authenticates, 1 s long); resolves SIPp's result. */
const accountCall = () => callThroughProxy({ scenario: "uac-auth.xml", number: NUMBER, proxy: A, ip: CALLER, port: callerPort++, ...ACCOUNT, recvTimeoutMs: 3000, timeoutMs: 15000 });
/** A trusted peer's call through A (no authentication). */
const trustedCall = () => callThroughProxy({ number: NUMBER, proxy: A, ip: "127.0.0.2", port: callerPort++, recvTimeoutMs: 3000, timeoutMs: 15000 });
/** An account's call through A refused with 503 after the challenge; resolves SIPp's result. */
const refusedCall = () => refusedAuthCall(503, { ip: CALLER, port: callerPort++, proxy: A, number: NUMBER, user: ACCOUNT.user, password: ACCOUNT.password });

/** The account's spend keys of this hour and the next (should the hour turn during the call). */
const spendKeys = () => [0, 1].map((h) => `spend:${ACCOUNT.user}:${Math.floor(Date.now() / 3600000) + h}`);
/** Makes the account's spend unreadable for Redis' GET: a list, not a number. */
function spoilSpend() {
  const socket = cluster?.redis.socket ?? "";
  redisCli(socket, "-n", "2", "DEL", ...spendKeys());
  for (const key of spendKeys()) redisCli(socket, "-n", "2", "RPUSH", key, "x");
}
const restoreSpend = () => redisCli(cluster?.redis.socket ?? "", "-n", "2", "DEL", ...spendKeys());
/**
 * healthProblems, less the one CRITICAL the spoiled spend causes on purpose: the settlement of
 * the call made meanwhile (it adds the cost to that same key) fails, and says so.
 * @param {string} log
 */
const unexpectedProblems = (log) => healthProblems(log).filter((l) => !/CRITICAL: .*kamailio-ts settle-failed attempt="1-\d+@127\.0\.0\.8;/.test(l));

const count = (/** @type {string} */ text, /** @type {RegExp} */ re) => (text.match(re) ?? []).length;

test('closed, 3 nodes: an unreadable spend refuses; 2 of 3 route; 1 of 3 refuses new calls of accounts (503), once logged', { timeout: 90000 }, async () => {
  await gateway.ready();
  cluster = await startCluster(clusterConfig("closed"), { count: 3 });
  try {
  await waitClusterItem(0, "minority", 0);
  assert.ok((await accountCall()).ok, "all three nodes up: the account calls");

  spoilSpend();
  const unreadable = await refusedCall();
  restoreSpend();
  assert.match(unreadable.messages, /SIP\/2\.0 503 Service Unavailable - spend limit unavailable/);
  assert.match(cluster.nodes[0].log(), /kamailio-ts refused reason=spend-unavailable .*account="5001".*src=127\.0\.0\.8:/);

  await cluster.nodes[2].stop();
  await waitClusterItem(0, "active", 2);
  assert.equal(clusterItem(0, "minority"), 0, "2 of 3 is a majority");
  const call = await accountCall();
  assert.ok(call.ok, `C gone, A still routes: ${call.output.slice(-800)}`);

  await cluster.nodes[1].stop();
  await waitClusterItem(0, "minority", 1);
  const refused = await refusedCall();
  assert.match(refused.messages, /SIP\/2\.0 503 Service Unavailable - fraud checks unavailable/);
  const trusted = await trustedCall();
  assert.ok(trusted.ok, `a trusted peer's call (INVITE, ACK, BYE) goes on in the minority: ${trusted.output.slice(-800)}`);
  assert.ok((await refusedCall()).code !== 0, "still refused");

  const log = cluster.nodes[0].log();
  assert.equal(count(log, /refused reason=cluster-minority [^\n]*account="5001"[^\n]*src=127\.0\.0\.8:\d+\n/g), 2, "each refusal audited");
  assert.equal(count(log, /kamailio-ts cluster-minority: this node sees 1 of 3 nodes \(a majority is 2\)[^\n]*new calls refused with 503 \(fraud\.failMode closed\)/g), 1, "the change logged once");
  assert.match(cluster.nodes[0].rpc("htable.dump", "refusals"), /name: cluster-minority\s+value: 2/);
  assert.deepEqual(unexpectedProblems(log), []);
  } finally {
    await cluster.stop();
    cluster = undefined;
  }
});

test("open, 2 nodes: the lone node carries on, with one warning; an unreadable spend is a warning too", { timeout: 60000 }, async () => {
  cluster = await startCluster(clusterConfig("open"), { count: 2 });
  try {
  await waitClusterItem(0, "minority", 0);
  await cluster.nodes[1].stop();
  await waitClusterItem(0, "minority", 1);
  for (let i = 0; i < 2; i++) {
    const call = await accountCall();
    assert.ok(call.ok, `call ${i + 1} in the minority, open: ${call.output.slice(-800)}`);
  }
  spoilSpend();
  const unreadable = await accountCall();
  restoreSpend();
  assert.ok(unreadable.ok, "an unreadable spend lets the call through when open");
  const log = cluster.nodes[0].log();
  assert.equal(count(log, /WARNING: [^\n]*kamailio-ts cluster-minority: this node sees 1 of 2 nodes \(a majority is 2\)[^\n]*new calls let through \(fraud\.failMode open\)/g), 1, "warned once, not per call");
  assert.doesNotMatch(log, /reason=cluster-minority/, "no call refused");
  assert.match(log, /kamailio-ts warning reason=spend-unavailable [^\n]*account="5001"/);
  assert.deepEqual(unexpectedProblems(log), []);
  } finally {
    await cluster.stop();
    cluster = undefined;
  }
});
