// Digest authentication of callers outside the trusted peers, against the real Kamailio and
// its SQLite subscriber table (auth_db). The caller sits on 127.0.0.2 (not trusted), the
// proxy on 127.0.0.1:5060 (127.0.0.1 trusted), the carrier gateway on 127.0.0.3:5080. Each
// case uses its own caller port (5180+), so no two calls share a transaction or a dialog.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { runSipp, scenario, receivedMessages, withGateway as withGatewayAt, replyStatuses, authenticatingCall as authenticatingCallFrom } from "../support/sipp.mjs";
import { query, sqlString } from "../../scripts/lib/subscriber-db.mjs";

const PROXY = "127.0.0.1:5060";
const CALLER_IP = "127.0.0.2";
const GATEWAY_IP = "127.0.0.3";
const GATEWAY_PORT = "5080";
const NUMBER = "13545769997";
const CONFIG = testConfig({
  trusted: ["127.0.0.1/32"],
  accounts: [
    { username: "1001", password: "s3cret" },
    { username: "1002", password: "other", enabled: false },
  ],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:${GATEWAY_PORT}`, priority: 1 }],
});

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio({ config: CONFIG });
});
after(async () => {
  await kamailio?.stop();
});

/** The messages SIPp sent, split out of its -trace_msg log. @param {string} messages */
function sentMessages(messages) {
  return messages
    .split(/^-+ [^\n]*\n/m)
    .filter((block) => /^UDP message sent/m.test(block))
    .map((block) => block.replace(/^UDP message sent \(\d+ bytes\):\s*\n+/m, ""));
}

/** Header values of `name` in a SIP message (SIPp and Kamailio use no compact forms here). */
function headers(message, name) {
  const re = new RegExp(`^${name}:\\s*(.*)$`, "gim");
  return [...message.matchAll(re)].map((m) => m[1].trim());
}

/** Runs `call` with the gateway listening (test/support/sipp.mjs). */
const withGateway = (call) => withGatewayAt({ ip: GATEWAY_IP, port: GATEWAY_PORT }, call);

/** One authenticating call from the untrusted caller address (test/support/sipp.mjs). */
const authenticatingCall = ({ port, user, password, from = user }) =>
  authenticatingCallFrom({ ip: CALLER_IP, port, proxy: PROXY, number: NUMBER, user, password, from });

/** Asserts a call completed through the proxy: challenged, then 200, and the gateway saw it. */
function assertCompleted({ caller, received }, user) {
  assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}\n${caller.messages}`);
  const statuses = replyStatuses(caller.messages);
  assert.match(statuses[0], /^SIP\/2\.0 407 /, "the first INVITE was challenged");
  assert.match(statuses.at(-1), /^SIP\/2\.0 200 /, "the BYE was answered");
  assert.ok(statuses.some((s) => /^SIP\/2\.0 200 /.test(s)), "the authenticated INVITE was answered 200");
  const invites = sentMessages(caller.messages).filter((m) => m.startsWith("INVITE "));
  assert.equal(invites.length, 2, "INVITE, then INVITE with credentials");
  assert.deepEqual(headers(invites[0], "Proxy-Authorization"), []);
  assert.match(headers(invites[1], "Proxy-Authorization")[0] ?? "", new RegExp(`^Digest username="${user}",`));
  assert.match(invites[1], /^CSeq: 2 INVITE$/m);

  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, 1, "one INVITE reached the gateway (the authenticated one)");
  assert.equal(received.filter((m) => m.startsWith("ACK ")).length, 1, "the ACK reached the gateway");
  assert.equal(received.filter((m) => m.startsWith("BYE ")).length, 1, "the BYE reached the gateway");
}

/** Asserts the authenticated INVITE got `reason` (403) and that nothing reached the gateway. */
function assertRefused({ caller, received }, reason) {
  assert.notEqual(caller.code, 0, `the call must fail:\n${caller.output}`);
  const statuses = replyStatuses(caller.messages);
  assert.deepEqual(statuses, ["SIP/2.0 407 Proxy Authentication Required", `SIP/2.0 403 ${reason}`], caller.messages);
  const sent = sentMessages(caller.messages);
  assert.equal(sent.filter((m) => m.startsWith("INVITE ") && /^Proxy-Authorization: Digest /m.test(m)).length, 1,
    "the refused INVITE carried credentials");
  assert.match(sent.at(-1), /^ACK sip:/, "the 403 was acknowledged");
  assert.match(sent.at(-1), /^CSeq: 2 ACK/m);
  assert.deepEqual(sent.filter((m) => /^(BYE|CANCEL) /.test(m)), [], "no dialog to end");
  assert.deepEqual(received, [], "nothing was relayed");
}

test("right password, From user the account: the call completes and the credentials stop at the proxy", async () => {
  const result = await withGateway(() => authenticatingCall({ port: 5180, user: "1001", password: "s3cret" }));
  assertCompleted(result, "1001");
  const invite = result.received.find((m) => m.startsWith("INVITE "));
  assert.deepEqual(headers(invite, "Proxy-Authorization"), [], "consume_credentials removed Proxy-Authorization");
  assert.deepEqual(headers(invite, "Authorization"), []);
  assert.match(invite, /^INVITE sip:13545769997@127\.0\.0\.1:5060 SIP\/2\.0/);
});

test("wrong password: 403 wrong credentials, nothing relayed", async () => {
  const result = await withGateway(() => authenticatingCall({ port: 5181, user: "1001", password: "wrong" }));
  assertRefused(result, "Forbidden - wrong credentials");
});

test("unknown user: 403 wrong credentials, nothing relayed", async () => {
  const result = await withGateway(() => authenticatingCall({ port: 5182, user: "1003", password: "s3cret" }));
  assertRefused(result, "Forbidden - wrong credentials");
});

test("an account disabled in the config is not in the subscriber table and gets 403", async () => {
  assert.equal(query(kamailio.databaseFile, "SELECT username FROM subscriber ORDER BY username;"), "1001\n");
  const result = await withGateway(() => authenticatingCall({ port: 5183, user: "1002", password: "other" }));
  assertRefused(result, "Forbidden - wrong credentials");
});

test("authenticated as 1001 with From user 1002: 403, the account is not the caller", async () => {
  const result = await withGateway(() => authenticatingCall({ port: 5184, user: "1001", password: "s3cret", from: "1002" }));
  assertRefused(result, "Forbidden - From user is not the authenticated account");
});

test("an INVITE without credentials is challenged: 407 with a Digest Proxy-Authenticate, nothing relayed", async () => {
  const { caller, received } = await withGateway(() =>
    runSipp([
      "-sf", scenario("uac-rejected.xml"), "-i", CALLER_IP, "-p", "5185", PROXY, "-s", NUMBER, "-m", "1",
      "-key", "max_forwards", "70", "-key", "domain", PROXY,
    ], { timeoutMs: 10000 }),
  );
  assert.equal(caller.code, 0, `SIPp failed:\n${caller.output}`);
  const challenge = receivedMessages(caller.messages).at(-1);
  assert.match(challenge, /^SIP\/2\.0 407 Proxy Authentication Required/);
  assert.match(challenge, /^Proxy-Authenticate: Digest realm="127\.0\.0\.2", nonce="[^"]+"/m);
  assert.deepEqual(received, [], "nothing was relayed");
});

test("accounts added to or deleted from the database take effect at once, without a restart", async () => {
  const upSince = () => /up_since:\s*(.+)/.exec(kamailio.rpc("core.uptime"))?.[1];
  const started = upSince();
  assert.ok(started);
  query(kamailio.databaseFile, `INSERT INTO subscriber (username, domain, password) VALUES ('1004', '', ${sqlString("pw4")});`);
  const added = await withGateway(() => authenticatingCall({ port: 5186, user: "1004", password: "pw4" }));
  assertCompleted(added, "1004");

  query(kamailio.databaseFile, "DELETE FROM subscriber WHERE username = '1004';");
  const deleted = await withGateway(() => authenticatingCall({ port: 5187, user: "1004", password: "pw4" }));
  assertRefused(deleted, "Forbidden - wrong credentials");
  assert.equal(upSince(), started, "the same Kamailio all along (no restart)");
});

test("a trusted source still calls without any challenge", async () => {
  const { caller, received } = await withGateway(() =>
    runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5188", PROXY, "-s", NUMBER, "-m", "1"], { timeoutMs: 10000 }),
  );
  assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}`);
  const statuses = replyStatuses(caller.messages);
  assert.ok(statuses.every((s) => !/^SIP\/2\.0 40[17] /.test(s)), `no challenge: ${statuses.join(", ")}`);
  assert.deepEqual(sentMessages(caller.messages).filter((m) => /^Proxy-Authorization:/im.test(m)), []);
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, 1);
  assert.equal(received.filter((m) => m.startsWith("BYE ")).length, 1);
});

test("no Lua error or crash in Kamailio's log", () => {
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
