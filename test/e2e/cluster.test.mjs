// @ts-check
// Scale-out (issue 9): two Kamailio nodes (A on 127.0.0.1:5062, B on 127.0.0.1:5064) sharing
// one Redis and one PostgreSQL, replicating bans, counters and dialogs over DMQ. What a caller
// or a fraudster does must not depend on which node gets the packet.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { healthProblems, testConfig } from "../support/kamailio.mjs";
import { callerHangingUpVia, gatewayAnsweringByeByVia, nodeAddress, startCluster } from "../support/cluster.mjs";
import { receivedMessages, runSipp, scenario, startSipp } from "../support/sipp.mjs";
import { refusedAuthCall, writeRatePlans } from "../support/billing.mjs";
import { psql } from "../../scripts/lib/postgres.mjs";
import { redisCli } from "../../scripts/lib/redis.mjs";

const NUMBER = "13545769997";
const GATEWAY = { ip: "127.0.0.3", port: 5080 };
const A = nodeAddress(0).sip;
const B = nodeAddress(1).sip;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const base = testConfig();
const config = testConfig({
  trusted: ["127.0.0.1/32", "127.0.0.2/32"],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY.ip}:${GATEWAY.port}`, priority: 1 }],
  accounts: [
    { username: "3001", password: "pw-3001", maxConcurrentCalls: 2 },
    { username: "3101", password: "pw-3101", prepaidBalance: "0.10" },
    { username: "3201", password: "pw-3201" },
  ],
  billing: { ...base.billing, ratePlans: writeRatePlans({ persecond: ["86,China,0,0.05,1,1,1,,,,,"] }), defaultPlan: "persecond" },
  fraud: { ...base.fraud, authFailures: { maxretry: 1, findtime: 600, bantime: 600 } },
});

/** @type {Awaited<ReturnType<typeof startCluster>>} */
let cluster;
/** @type {ReturnType<typeof startSipp>} */
let gateway;
before(async () => {
  cluster = await startCluster(config);
  gateway = startSipp(["-sf", gatewayAnsweringByeByVia(), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)], { timeoutMs: 120000 });
  await gateway.ready();
});
after(async () => {
  await gateway?.stop();
  await cluster?.stop();
});

/** Header lines of SIP messages, Call-ID aside (topos 5.6 passes it), bodies (SDP) left out. @param {string[]} messages */
const headerLines = (messages) =>
  messages.flatMap((m) => m.split(/\r?\n\r?\n/, 1)[0].split(/\r?\n/)).filter((l) => !/^(Call-ID|i):/i.test(l));

/** The CDR rows in PostgreSQL matching `where`, waiting up to 5 s for `atLeast`. @param {string} where @param {number} atLeast */
async function cdrs(where, atLeast) {
  let rows = [];
  for (let i = 0; i < 50; i++) {
    const text = psql(cluster.postgres.url, `SELECT sip_code, end_reason, duration_ms, billable_seconds, cost, account FROM cdr WHERE ${where} ORDER BY id`);
    rows = text.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
    if (rows.length >= atLeast) break;
    await sleep(100);
  }
  return rows;
}

test("a call set up through A and hung up through B: no topology on either side, rated by B into PostgreSQL", async () => {
  const caller = await runSipp(["-sf", callerHangingUpVia("127.0.0.1", 5064), "-i", "127.0.0.2", "-p", "5300", A, "-s", NUMBER, "-m", "1", "-d", "1500"], { timeoutMs: 20000 });
  assert.equal(caller.code, 0, caller.output.slice(-1500));
  const callerSaw = headerLines(receivedMessages(caller.messages));
  assert.deepEqual(callerSaw.filter((l) => l.includes(GATEWAY.ip)), [], "the caller never sees the gateway");
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
  gateway = startSipp(["-sf", gatewayAnsweringByeByVia(), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)], { timeoutMs: 120000 });
  await gateway.ready();
  assert.ok(received.some((m) => /^BYE /.test(m) && /Via: SIP\/2\.0\/UDP 127\.0\.0\.1:5064;/.test(m)), "the BYE came from B");
  assert.deepEqual(headerLines(received).filter((l) => l.includes("127.0.0.2")), [], "no header names the caller");
});

/** Sends one OPTIONS from `ip` to `to` ("IP:PORT"); resolves its status line, or null after 1 s. */
function options(/** @type {string} */ ip, /** @type {string} */ to) {
  const [host, port] = to.split(":");
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve(null)), 1000);
    socket.on("message", (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg.toString("latin1").split("\r\n")[0]);
    });
    socket.bind(0, ip, () => {
      const { port: local } = socket.address();
      const branch = `z9hG4bK-${Date.now()}`;
      const message = [`OPTIONS sip:${to} SIP/2.0`, `Via: SIP/2.0/UDP ${ip}:${local};branch=${branch}`, `From: <sip:probe@${ip}>;tag=${branch}`,
        `To: <sip:${to}>`, `Call-ID: ${branch}@${ip}`, "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0", "", ""].join("\r\n");
      socket.send(message, Number(port), host);
    });
  });
}

test("an address banned on A is refused by B within a second", async () => {
  const attacker = "127.0.0.5";
  assert.equal(await options(attacker, B), "SIP/2.0 200 Keepalive", "B answers the address before the ban");
  const call = { ip: attacker, proxy: A, number: NUMBER, user: "3201", password: "wrong" };
  await refusedAuthCall(403, { ...call, port: 5310 });
  await runSipp(["-sf", scenario("uac-auth.xml"), "-i", attacker, "-p", "5311", A, "-s", NUMBER, "-m", "1", "-au", "3201", "-ap", "wrong", "-key", "caller", "3201", "-recv_timeout", "1000"], { timeoutMs: 10000 });
  assert.match(cluster.nodes[0].log(), /refused reason=banned .*src=127\.0\.0\.5:5311/, "the second failure on A bans");
  const bannedAt = Date.now();
  while (!cluster.nodes[1].rpc("htable.dump", "ipban").includes(attacker)) {
    assert.ok(Date.now() - bannedAt < 1000, "B has the ban within a second");
    await sleep(20);
  }
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

test("prepaid calls of one account on both nodes at once never overdraw its balance", async () => {
  // The calls hang up by themselves (1 s, under the 2 s that 0.10 buys): a prepaid call cut at
  // its limit by the dialog timeout is a known gap in cluster mode (README.md, "Several proxies").
  const calls = [A, B, A, B].map((proxy, i) =>
    runSipp(["-sf", scenario("uac-auth.xml"), "-i", "127.0.0.7", "-p", String(5330 + i), proxy, "-s", NUMBER, "-m", "1",
      "-au", "3101", "-ap", "pw-3101", "-key", "caller", "3101", "-d", "1000", "-recv_timeout", "8000"], { timeoutMs: 20000 }));
  const results = await Promise.all(calls);
  assert.deepEqual(results.filter((r) => r.code > 1), [], "every call ended, none had to be killed");
  const rows = await cdrs("account = '3101'", 4);
  assert.equal(rows.length, 4, `every attempt has its CDR: ${JSON.stringify(rows)}`);
  const spent = rows.reduce((sum, r) => sum + Number(r[4]), 0);
  const balance = Number(redisCli(cluster.redis.socket, "-n", "2", "GET", "balance:3101").trim());
  assert.ok(balance >= 0, `never negative (${balance})`);
  assert.equal(spent + balance, 1000, "what the calls cost and what is left make the 0.10 there was");
  assert.deepEqual(rows.map((r) => r[0]).sort(), ["200", "402", "402", "402"], "the first call reserved the balance, the others got 402");
  await waitCalls("3101", 0);
});

test("a node that stops mid-call loses no CDR: the call ends through the other node and is rated there", async () => {
  const caller = startSipp(["-sf", callerHangingUpVia("127.0.0.1", 5064), "-i", "127.0.0.2", "-p", "5350", A, "-s", NUMBER, "-m", "1", "-d", "3000", "-cid_str", "node-stop-%u@127.0.0.2"], { timeoutMs: 20000 });
  const answeredOnB = () => /call-id: node-stop-1@127\.0\.0\.2[^}]*state: 4/.test(cluster.nodes[1].rpc("dlg.list"));
  for (let i = 0; i < 50 && !answeredOnB(); i++) await sleep(100);
  assert.ok(answeredOnB(), `B holds the call answered on A:\n${cluster.nodes[1].rpc("dlg.list")}`);
  await cluster.nodes[0].stop();
  const result = await caller.done;
  assert.equal(result.code, 0, result.output.slice(-1500));
  const rows = await cdrs("account = '' AND sip_code = 200 AND duration_ms >= 2500", 1);
  assert.equal(rows.length, 1, "B rated the call of the stopped node");
  assert.ok(Number(rows[0][2]) < 4500, `answer to BYE: ${rows[0][2]} ms`);
});

test("without Redis, a node refuses new calls (503) and logs why: billing fails closed", async () => {
  await cluster.redis.stop();
  const refused = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.2", "-p", "5340", B, "-s", NUMBER, "-m", "1", "-recv_timeout", "3000"], { timeoutMs: 15000 });
  assert.notEqual(refused.code, 0);
  assert.match(refused.messages, /SIP\/2\.0 503 Service Unavailable - billing unavailable/);
  const log = cluster.nodes[1].log();
  assert.match(log, /refused reason=billing-unavailable .*src=127\.0\.0\.2:5340/);
  assert.match(log, /kamailio-ts cdr-not-queued sql="INSERT INTO cdr/, "the refusal's CDR is in the log, not lost");
});
