// @ts-check
// Scale-out (issue 9) with three nodes (A 127.0.0.1:5062, B :5064, C :5066): what one node
// learns reaches both others, and a call can start on one node and end on any other.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { banByWrongPasswords, banReaches, callerHangingUpVia, cdrs, clusterTestConfig, nodeAddress, options, startCluster, startClusterGateway } from "../support/cluster.mjs";
import { runSipp, scenario, startSipp } from "../support/sipp.mjs";
import { refusedAuthCall } from "../support/billing.mjs";
import { psql } from "../../scripts/lib/postgres.mjs";

const NUMBER = "13545769997";
const [A, B, C] = [0, 1, 2].map((i) => nodeAddress(i).sip);
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const config = clusterTestConfig([
  { username: "3001", password: "pw-3001", maxConcurrentCalls: 2 },
  { username: "3201", password: "pw-3201" },
]);

/** @type {Awaited<ReturnType<typeof startCluster>>} */
let cluster;
/** @type {ReturnType<typeof startSipp>} */
let gateway;
before(async () => {
  cluster = await startCluster(config, { count: 3 });
  gateway = await startClusterGateway(60000);
});
after(async () => {
  await gateway?.stop();
  await cluster?.stop();
});

test("an address banned on A is refused by B and C within a second", async () => {
  const attacker = "127.0.0.5";
  await banByWrongPasswords({ attacker, port: 5310, proxy: A, number: NUMBER, user: "3201" });
  assert.match(cluster.nodes[0].log(), /refused reason=banned .*src=127\.0\.0\.5:5311/, "the second failure on A bans");
  const reached = await Promise.all([banReaches(cluster.nodes[1], attacker, 1000), banReaches(cluster.nodes[2], attacker, 1000)]);
  assert.deepEqual(reached, [true, true], "B and C have the ban within a second");
  assert.deepEqual(await Promise.all([options(attacker, B), options(attacker, C)]), [null, null], "B and C drop the banned address's requests");
});

test("a call set up through A and hung up through C is rated once, by C", async () => {
  const caller = await runSipp(["-sf", callerHangingUpVia("127.0.0.1", 5066), "-i", "127.0.0.2", "-p", "5300", A, "-s", NUMBER, "-m", "1", "-d", "1000",
    "-cid_str", "three-%u@127.0.0.2"], { timeoutMs: 20000 });
  assert.equal(caller.code, 0, caller.output.slice(-1500));
  const rows = await cdrs(cluster.postgres.url, "call_id LIKE 'three-%'", 1);
  assert.equal(rows.length, 1, "one CDR");
  assert.deepEqual([rows[0][0], rows[0][1]], ["200", "bye"]);
  await sleep(300); // a second rating, if any, would come as fast as the first
  const billed = cluster.nodes.map((n) => (n.log().match(/CALL BILLING - Call-ID: "three-1@127\.0\.0\.2"/g) ?? []).length);
  assert.deepEqual(billed, [0, 0, 1], "C rated it, A and B did not");
  assert.equal(psql(cluster.postgres.url, "SELECT count(*) FROM cdr WHERE call_id LIKE 'three-%'").trim(), "1", "still one CDR");
});

/** Calls of `account` in progress on every node (dialog profile "calls"). @param {string} account */
const profileSizes = (account) => cluster.nodes.map((n) => Number(n.rpc("dlg.profile_get_size", "calls", account).trim()));

/** Waits up to 5 s until every node counts `size` calls of `account`. @param {string} account @param {number} size */
async function waitCalls(account, size) {
  for (let i = 0; i < 50 && !profileSizes(account).every((s) => s === size); i++) await sleep(100);
  assert.deepEqual(profileSizes(account), [size, size, size], `every node counts ${size} calls of ${account}`);
}

test("a cap of 2 concurrent calls holds across three nodes: one on A, one on B, the third refused on C", async () => {
  const call = (/** @type {string} */ proxy, /** @type {number} */ port) =>
    startSipp(["-sf", scenario("uac-auth.xml"), "-i", "127.0.0.6", "-p", String(port), proxy, "-s", NUMBER, "-m", "1",
      "-au", "3001", "-ap", "pw-3001", "-key", "caller", "3001", "-d", "3000", "-recv_timeout", "8000"], { timeoutMs: 20000 });
  const first = call(A, 5320);
  await waitCalls("3001", 1);
  const second = call(B, 5321);
  await waitCalls("3001", 2);
  const third = await refusedAuthCall(403, { ip: "127.0.0.6", port: 5322, proxy: C, number: NUMBER, user: "3001", password: "pw-3001" });
  assert.match(third.messages, /SIP\/2\.0 403 Forbidden - concurrent call limit/);
  for (const done of [await first.done, await second.done]) assert.equal(done.code, 0, `${done.output.slice(-1500)}\n${done.errors.slice(-1500)}`);
  await waitCalls("3001", 0);
});
