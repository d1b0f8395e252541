// @ts-check
// Scale-out (issue 9): two Kamailio nodes (A on 127.0.0.1:5062, B on 127.0.0.1:5064) sharing
// one Redis and one PostgreSQL, replicating bans, counters and dialogs over DMQ. What a caller
// or a fraudster does must not depend on which node gets the packet, and cutting a dependency
// (PostgreSQL, Redis, a node) must lose no CDR. The last tests stop and start PostgreSQL and
// Redis, and kill a node for good: they run in this order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { healthProblems } from "../support/kamailio.mjs";
import { CLUSTER_GATEWAY, banByWrongPasswords, banReaches, callerHangingUpVia, cdrs as cdrsIn, clusterTestConfig, nodeAddress, options, startCluster, startClusterGateway } from "../support/cluster.mjs";
import { receivedMessages, runSipp, scenario, startSipp } from "../support/sipp.mjs";
import { refusedAuthCall } from "../support/billing.mjs";
import { redisCli } from "../../scripts/lib/redis.mjs";
import { psql } from "../../scripts/lib/postgres.mjs";

const NUMBER = "13545769997";
const A = nodeAddress(0).sip;
const B = nodeAddress(1).sip;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const config = clusterTestConfig([
  { username: "3001", password: "pw-3001", maxConcurrentCalls: 2 },
  { username: "3101", password: "pw-3101", prepaidBalance: "0.10" },
  { username: "3102", password: "pw-3102", prepaidBalance: "0.10" },
  { username: "3201", password: "pw-3201" },
]);

/** @type {Awaited<ReturnType<typeof startCluster>>} */
let cluster;
/** @type {ReturnType<typeof startSipp>} */
let gateway;
before(async () => {
  cluster = await startCluster(config);
  gateway = await startClusterGateway(120000);
});
after(async () => {
  await gateway?.stop();
  await cluster?.stop();
});

/** Header lines of SIP messages, Call-ID aside (topos 5.6 passes it), bodies (SDP) left out. @param {string[]} messages */
const headerLines = (messages) =>
  messages.flatMap((m) => m.split(/\r?\n\r?\n/, 1)[0].split(/\r?\n/)).filter((l) => !/^(Call-ID|i):/i.test(l));

/** The CDR rows matching `where`, waiting up to 5 s for `atLeast`. @param {string} where @param {number} atLeast @param {string} [columns] */
const cdrs = (where, atLeast, columns) => cdrsIn(cluster.postgres.url, where, atLeast, columns);

test("a call set up through A and hung up through B: no topology on either side, rated by B into PostgreSQL", async () => {
  const caller = await runSipp(["-sf", callerHangingUpVia("127.0.0.1", 5064), "-i", "127.0.0.2", "-p", "5300", A, "-s", NUMBER, "-m", "1", "-d", "1500"], { timeoutMs: 20000 });
  assert.equal(caller.code, 0, caller.output.slice(-1500));
  const callerSaw = headerLines(receivedMessages(caller.messages));
  assert.deepEqual(callerSaw.filter((l) => l.includes(CLUSTER_GATEWAY.ip)), [], "the caller never sees the gateway");
  const [row] = await cdrs("sip_code = 200", 1);
  assert.ok(row, "B queued the CDR and a writer put it into PostgreSQL");
  const [, endReason, durationMs, billable, cost, account] = row;
  assert.equal(account, "");
  assert.equal(endReason, "bye");
  assert.ok(Number(durationMs) >= 1500 && Number(durationMs) < 3000, `answer (on A) to BYE (on B): ${durationMs} ms`);
  assert.equal(Number(cost), Number(billable) * 500, "0.05 a second");
  assert.doesNotMatch(cluster.nodes[0].log(), /CALL BILLING/, "A did not rate it");
  assert.match(cluster.nodes[1].log(), /CALL BILLING - .*End: bye/, "B rated it");
  for (const node of cluster.nodes) assert.deepEqual(healthProblems(node.log()), []);
});

test("the gateway never saw the caller either (the BYE from B included)", async () => {
  const received = receivedMessages((await gateway.stop()).messages);
  gateway = await startClusterGateway(120000);
  assert.ok(received.some((m) => /^BYE /.test(m) && /Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5064;/.test(m)), "the BYE came from B");
  assert.deepEqual(headerLines(received).filter((l) => l.includes("127.0.0.2")), [], "no header names the caller");
});

test("an address banned on A is refused by B within a second", async () => {
  const attacker = "127.0.0.5";
  assert.equal(await options(attacker, B), "SIP/2.0 200 Keepalive", "B answers the address before the ban");
  await banByWrongPasswords({ attacker, port: 5310, proxy: A, number: NUMBER, user: "3201" });
  assert.match(cluster.nodes[0].log(), /refused reason=banned .*src=127\.0\.0\.5:5311/, "the second failure on A bans");
  assert.ok(await banReaches(cluster.nodes[1], attacker, 1000), "B has the ban within a second");
  assert.equal(await options(attacker, B), null, "B drops the banned address's requests, no reply");
  assert.match(cluster.nodes[1].log(), /refused reason=ban-drop .*src=127\.0\.0\.5:/);
});

/** Calls of `account` in progress on node `node` (dialog profile "calls"). @param {number} node @param {string} account */
const profileSize = (node, account) => Number(cluster.nodes[node].rpc("dlg.profile_get_size", "calls", account).trim());

/** Waits up to 5 s until both nodes count `size` calls of `account` in progress. @param {string} account @param {number} size */
async function waitCalls(account, size) {
  for (let i = 0; i < 50 && !(profileSize(0, account) === size && profileSize(1, account) === size); i++) await sleep(100);
  assert.deepEqual([profileSize(0, account), profileSize(1, account)], [size, size], `both nodes count ${size} calls of ${account}`);
}

test("a cap of 2 concurrent calls holds across nodes: one on A, one on B, the third refused", async () => {
  const call = (/** @type {string} */ proxy, /** @type {number} */ port) =>
    startSipp(["-sf", scenario("uac-auth.xml"), "-i", "127.0.0.6", "-p", String(port), proxy, "-s", NUMBER, "-m", "1",
      "-au", "3001", "-ap", "pw-3001", "-key", "caller", "3001", "-d", "4000", "-recv_timeout", "8000"], { timeoutMs: 20000 });
  const waitProfile = (/** @type {number} */ size) => waitCalls("3001", size);
  const first = call(A, 5320);
  await waitProfile(1);
  const second = call(B, 5321);
  await waitProfile(2);
  const third = await refusedAuthCall(403, { ip: "127.0.0.6", port: 5322, proxy: A, number: NUMBER, user: "3001", password: "pw-3001" });
  assert.match(third.messages, /SIP\/2\.0 403 Forbidden - concurrent call limit/);
  for (const done of [await first.done, await second.done]) assert.equal(done.code, 0, `${done.output.slice(-1500)}\n${done.errors.slice(-1500)}`);
  await waitProfile(0);
});

/**
 * The dialogs not ended (state 1 to 4) that node `node` holds (dlg.list) whose Call-ID starts
 * with `prefix`; ended ones (5) wait there a moment for their transaction.
 * @param {number} node @param {string} prefix
 */
const liveDialogsOf = (node, prefix) =>
  cluster.nodes[node].rpc("dlg.list").split(/\n(?=\{)/).filter((d) => d.includes(`call-id: ${prefix}`) && !/\bstate: 5\b/.test(d));

test("prepaid calls on both nodes at once never overdraw, and the one that got the balance is cut at its limit and rated", async () => {
  // Two accounts with 0.10 each (2 s at 0.05/s), four calls each at once, first through A for
  // one and B for the other: each account's first call reserves all of it and waits for the
  // proxy's BYE at the limit (the dialog timeout, a second past it), the others get 402.
  const calls = ["3101", "3102"].flatMap((account, a) =>
    (a === 0 ? [A, B, A, B] : [B, A, B, A]).map((proxy, i) =>
      runSipp(["-sf", scenario("uac-auth-hungup.xml"), "-i", "127.0.0.7", "-p", String(5330 + 4 * a + i), proxy, "-s", NUMBER, "-m", "1",
        "-au", account, "-ap", `pw-${account}`, "-key", "caller", account, "-cid_str", `prepaid-${account}-${i}-%u@127.0.0.7`, "-recv_timeout", "8000"], { timeoutMs: 20000 })));
  const results = await Promise.all(calls);
  assert.deepEqual(results.filter((r) => r.code > 1), [], "every call ended, none had to be killed");
  for (const account of ["3101", "3102"]) {
    const rows = await cdrs(`account = '${account}'`, 4);
    assert.equal(rows.length, 4, `every attempt of ${account} has its CDR: ${JSON.stringify(rows)}`);
    assert.deepEqual(rows.map((r) => r[0]).sort(), ["200", "402", "402", "402"], "the first call reserved the balance, the others got 402");
    const [, endReason, durationMs, billable, cost] = /** @type {string[]} */ (rows.find((r) => r[0] === "200"));
    assert.deepEqual([endReason, durationMs, billable, cost], ["timeout", "2000", "2", "1000"], "cut by the timeout, billed exactly the limit: 2 s, 0.10");
    // With CDRs in PostgreSQL, prepaid balances are there too.
    const balanceText = psql(cluster.postgres.url, `SELECT balance FROM balances WHERE account = '${account}'`).trim();
    assert.match(balanceText, /^\d+$/, `the account's balance row: "${balanceText}"`);
    const balance = Number(balanceText);
    assert.equal(balance, 0, "nothing left, nothing overdrawn");
    assert.equal(rows.reduce((sum, r) => sum + Number(r[4]), 0) + balance, 1000, "what the calls cost and what is left make the 0.10 there was");
    await waitCalls(account, 0);
  }
  assert.deepEqual([...liveDialogsOf(0, "prepaid-"), ...liveDialogsOf(1, "prepaid-")], [], "neither node keeps a dialog (or a replica) of the cut calls");
});

/** CDRs of the calls whose Call-ID starts with `prefix`: [rows, distinct attempts]. @param {string} prefix @param {number} atLeast */
async function cdrsOfCalls(prefix, atLeast) {
  const rows = await cdrs(`call_id LIKE '${prefix}%'`, atLeast, "attempt_id, sip_code, cost");
  return { rows, attempts: new Set(rows.map((r) => r[0])).size };
}

/** Answered calls through `proxy` from 127.0.0.2:`port` (test/sipp/uac.xml, 300 ms each). @param {string} proxy @param {number} port @param {string} callId @param {number} count */
const callsThrough = (proxy, port, callId, count) =>
  runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.2", "-p", String(port), proxy, "-s", NUMBER, "-m", String(count), "-d", "300",
    "-cid_str", `${callId}-%u@127.0.0.2`, "-recv_timeout", "5000"], { timeoutMs: 20000 });

test("without PostgreSQL, calls go on and their CDRs wait in Redis; when it is back, every CDR is written once", async () => {
  await cluster.postgres.stop();
  const results = [await callsThrough(A, 5360, "pg-cut-a", 2), await callsThrough(B, 5361, "pg-cut-b", 2)];
  for (const r of results) assert.equal(r.code, 0, `answered and hung up without the database:\n${r.output.slice(-1500)}`);
  for (const [node, callId] of /** @type {const} */ ([[0, "pg-cut-a"], [1, "pg-cut-b"]])) {
    const billed = cluster.nodes[node].log().split("\n").filter((l) => l.includes(`CALL BILLING - Call-ID: "${callId}-`));
    assert.equal(billed.length, 2, `node ${node} rated both its calls`);
  }
  const queued = Number(redisCli(cluster.redis.socket, "-n", "2", "LLEN", "cdr:queue").trim());
  assert.ok(queued >= 4, `the CDRs wait in the Redis queue (${queued})`);
  await sleep(300); // the writer retries and fails at least once more with the database down
  await cluster.postgres.start();
  const { rows, attempts } = await cdrsOfCalls("pg-cut-", 4);
  assert.deepEqual([rows.length, attempts], [4, 4], `every CDR arrived, once: ${JSON.stringify(rows)}`);
  assert.ok(rows.every((r) => r[1] === "200" && Number(r[2]) > 0), "answered and billed");
  for (let i = 0; i < 50 && redisCli(cluster.redis.socket, "-n", "2", "LLEN", "cdr:queue").trim() !== "0"; i++) await sleep(100);
  assert.equal(redisCli(cluster.redis.socket, "-n", "2", "LLEN", "cdr:queue").trim(), "0", "the queue is drained");
});

test("without Redis, a node refuses new calls (503) and logs why; with Redis back, both nodes take and bill calls again", async () => {
  await cluster.redis.stop();
  const refused = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.2", "-p", "5340", B, "-s", NUMBER, "-m", "1", "-recv_timeout", "3000"], { timeoutMs: 15000 });
  assert.notEqual(refused.code, 0);
  assert.match(refused.messages, /SIP\/2\.0 503 Service Unavailable - billing unavailable/);
  const log = cluster.nodes[1].log();
  assert.match(log, /refused reason=billing-unavailable .*src=127\.0\.0\.2:5340/);
  assert.match(log, /kamailio-ts cdr-written-directly attempt="/, "the refusal's CDR, which Redis cannot queue, went straight to PostgreSQL");
  assert.equal((await cdrs("sip_code = 503 AND sip_reason = 'Service Unavailable - billing unavailable'", 1)).length, 1);

  await cluster.redis.start();
  // A call through A held up until its dialog is seen in Redis (db_redis reconnected), and one
  // through B; both hung up by the caller (topos_redis reconnected) and rated (ndb_redis).
  const held = startSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.2", "-p", "5341", A, "-s", NUMBER, "-m", "1", "-d", "1000",
    "-cid_str", "redis-back-a-%u@127.0.0.2", "-recv_timeout", "5000"], { timeoutMs: 20000 });
  const stored = () => redisCli(cluster.redis.socket, "-n", "1", "--scan", "--pattern", "dialog:entry::*").trim().split("\n").filter((k) => k !== "")
    .some((key) => redisCli(cluster.redis.socket, "-n", "1", "HGET", key, "callid").trim() === "redis-back-a-1@127.0.0.2");
  for (let i = 0; i < 50 && !stored(); i++) await sleep(50);
  assert.ok(stored(), "the dialog module writes the call's dialog into Redis again");
  const results = [await held.done, await callsThrough(B, 5342, "redis-back-b", 1)];
  for (const r of results) assert.equal(r.code, 0, `answered and hung up with Redis back:\n${r.output.slice(-1500)}\n${r.messages.slice(-1500)}`);
  const { rows, attempts } = await cdrsOfCalls("redis-back-", 2);
  assert.deepEqual([rows.length, attempts], [2, 2], `both calls rated, once: ${JSON.stringify(rows)}`);
  assert.ok(rows.every((r) => r[1] === "200" && Number(r[2]) > 0), "answered and billed");
});

test("a node killed mid-call (SIGKILL) loses no CDR: the call ends through the other node, is rated there, and the other takes over the CDR writer's lock", async () => {
  // The victim is the node whose writer holds the lock, so that its lock has to lapse.
  const holder = () => redisCli(cluster.redis.socket, "-n", "2", "GET", "cdr:writer").trim();
  let lockHolder = "";
  for (let i = 0; i < 50 && !/^node[12]:/.test((lockHolder = holder())); i++) await sleep(100);
  const victim = lockHolder.startsWith("node1:") ? 0 : 1;
  const other = 1 - victim;
  const [host, port] = nodeAddress(other).sip.split(":");
  const caller = startSipp(["-sf", callerHangingUpVia(host, Number(port)), "-i", "127.0.0.2", "-p", "5350", nodeAddress(victim).sip, "-s", NUMBER, "-m", "1",
    "-d", "3000", "-cid_str", "node-kill-%u@127.0.0.2"], { timeoutMs: 20000 });
  const answeredOnOther = () => /call-id: node-kill-1@127\.0\.0\.2[^}]*state: 4/.test(cluster.nodes[other].rpc("dlg.list"));
  for (let i = 0; i < 50 && !answeredOnOther(); i++) await sleep(100);
  assert.ok(answeredOnOther(), `the other node holds the call answered on the victim:\n${cluster.nodes[other].rpc("dlg.list")}`);
  await cluster.nodes[victim].kill();
  const result = await caller.done;
  assert.equal(result.code, 0, result.output.slice(-1500));
  const rows = await cdrs("call_id LIKE 'node-kill-%' AND sip_code = 200 AND duration_ms >= 2500", 1);
  assert.equal(rows.length, 1, "the other node rated the call of the killed one, and its writer wrote the CDR");
  assert.ok(Number(rows[0][2]) < 4500, `answer to BYE: ${rows[0][2]} ms`);
  assert.match(cluster.nodes[other].log(), /CALL BILLING - Call-ID: "node-kill-1@127\.0\.0\.2".*End: bye/);
  assert.match(holder(), new RegExp(`^node${other + 1}:`), "the killed node's lock lapsed and the other node's writer holds it");
});
