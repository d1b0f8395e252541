// Call velocity through the real Kamailio (inside the test's netns), with small numbers
// (callsPerMinute 10, banCallsPerMinute 15): new calls of the untrusted, authenticating
// 127.0.0.2 complete up to the limit, the next ones get 503 with the reason and are never
// relayed, and past the second threshold the address is banned (no answer at all) while
// 127.0.0.4 still calls; an account is limited whatever address it calls from; the trusted
// 127.0.0.1 is never limited. SIPp ports 5210+; the gateway is 127.0.0.3:5080. The whole file
// runs well within the one-minute window of the counters.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { runSipp, scenario, receivedMessages, withGateway as withGatewayAt, pacedAuthenticatingCall, assertCallCompleted, assertCallRefused } from "../support/sipp.mjs";

const PROXY = "127.0.0.1:5060";
const CALLER_IP = "127.0.0.2";
const OTHER_IP = "127.0.0.4";
const GATEWAY_IP = "127.0.0.3";
const NUMBER = "13545769997";
const CALLS_PER_MINUTE = 10;
const BAN_CALLS_PER_MINUTE = 15;
const REFUSED = "SIP/2.0 503 Service Unavailable - call rate exceeded";
const CONFIG = testConfig({
  trusted: ["127.0.0.1/32"],
  accounts: [
    { username: "1001", password: "s3cret" },
    { username: "1002", password: "other" },
  ],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:5080`, priority: 1 }],
  fraud: { callRate: { callsPerMinute: CALLS_PER_MINUTE, banCallsPerMinute: BAN_CALLS_PER_MINUTE } },
});
const PASSWORDS = { 1001: "s3cret", 1002: "other" };

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio({ config: CONFIG });
});
after(async () => {
  await kamailio?.stop();
});

let port = 5210;
/** One call from `ip` as `user` that answers the challenge (paced: test/support/sipp.mjs); no answer within 2 s fails it. */
const call = (ip, user) => pacedAuthenticatingCall({ ip, port: port++, proxy: PROXY, number: NUMBER, user, password: PASSWORDS[user] });

/** Asserts a call was refused for its call rate: challenged, then 503 (from the proxy itself). */
const assertRefused = (result, what) => assertCallRefused(result, REFUSED, what);

/** The audit lines of the log: reason, account, source IP. */
const auditLines = () =>
  kamailio
    .log()
    .split("\n")
    .filter((l) => l.includes("kamailio-ts refused "))
    .map((l) => ({ reason: /refused reason=([\w-]+) /.exec(l)?.[1], account: / account="([^"]*)" /.exec(l)?.[1], ip: / src=([0-9.]+):\d+$/.exec(l)?.[1] }));

const bans = () => kamailio.rpc("htable.dump", "ipban");

test("the trusted 127.0.0.1 is never limited: more than banCallsPerMinute calls in a burst all complete", async () => {
  const gateway = withGatewayAt({ ip: GATEWAY_IP, port: "5080" }, () =>
    runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5240", PROXY, "-s", NUMBER, "-m", String(BAN_CALLS_PER_MINUTE + 5), "-r", "20"], { timeoutMs: 20000 }),
  );
  const { caller, received } = await gateway;
  assert.equal(caller.code, 0, `${caller.output}\n${caller.errors}`);
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, BAN_CALLS_PER_MINUTE + 5);
  assert.doesNotMatch(kamailio.rpc("htable.dump", "callrate"), /127\.0\.0\.1/, "not even counted");
  assert.deepEqual(auditLines(), []);
});

test("per source IP and per account: callsPerMinute calls complete, more get 503 and are not relayed, past banCallsPerMinute the IP is banned, another IP still calls", async () => {
  // One gateway for the whole sequence: it must see the completed calls' INVITEs, no other.
  let completed = 0;
  const completes = async (ip, user, what) => {
    assertCallCompleted(await call(ip, user), what);
    completed++;
  };
  const { received } = await withGatewayAt({ ip: GATEWAY_IP, port: "5080" }, async () => {
    // 127.0.0.2 as 1001: calls 1-10 of the address and of the account complete.
    for (let i = 1; i <= CALLS_PER_MINUTE; i++) await completes(CALLER_IP, "1001", `call ${i}`);

    // Per account: 1001's 11th call, from 127.0.0.4 (its first), is refused; 1002 from there calls.
    assertRefused(await call(OTHER_IP, "1001"), "1001's 11th call, from another address");
    await completes(OTHER_IP, "1002", "1002 from 127.0.0.4");

    // Per source IP: 127.0.0.2's calls 11-15 are refused, whatever the account (1002 has made 1).
    for (let i = CALLS_PER_MINUTE + 1; i <= BAN_CALLS_PER_MINUTE; i++) assertRefused(await call(CALLER_IP, "1002"), `127.0.0.2's call ${i}`);
    assert.doesNotMatch(bans(), /127\.0\.0\.2/, "no ban yet");

    // Its 16th: challenged, then no answer at all, and the address is banned.
    const banning = await call(CALLER_IP, "1002");
    assert.notEqual(banning.caller.code, 0);
    assert.deepEqual(banning.statuses, ["SIP/2.0 407 Proxy Authentication Required"]);
    assert.match(bans(), /127\.0\.0\.2/, "htable.dump lists the ban");

    // Banned: nothing comes back, not even the challenge.
    const banned = await call(CALLER_IP, "1002");
    assert.notEqual(banned.caller.code, 0);
    assert.deepEqual(receivedMessages(banned.caller.messages), [], "no reply of any kind");

    // The other address still calls (its third call, 1002's eighth).
    await completes(OTHER_IP, "1002", "127.0.0.4 after the ban");
    assert.doesNotMatch(bans(), /127\.0\.0\.4/);
  });
  assert.equal(completed, CALLS_PER_MINUTE + 2);
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, completed, "refused and banned calls were never relayed");

  const lines = auditLines();
  const refusedCalls = BAN_CALLS_PER_MINUTE - CALLS_PER_MINUTE;
  assert.deepEqual(lines.filter((l) => l.reason === "call-rate").map((l) => l.ip), [OTHER_IP, ...Array(refusedCalls + 1).fill(CALLER_IP)]);
  assert.deepEqual(lines.filter((l) => l.reason === "call-rate").map((l) => l.account), ["1001", ...Array(refusedCalls + 1).fill("1002")], "the authenticated account");
  assert.deepEqual(lines.filter((l) => l.reason === "banned").map((l) => l.ip), [CALLER_IP], "one ban line");
  assert.ok(lines.filter((l) => l.reason === "ban-drop").every((l) => l.ip === CALLER_IP));
  assert.ok(lines.filter((l) => l.reason === "ban-drop").length >= 1, "the banned address's requests are audited");
  assert.deepEqual(lines.filter((l) => !["call-rate", "banned", "ban-drop"].includes(l.reason ?? "")), [], "no other refusal (no flood)");
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
