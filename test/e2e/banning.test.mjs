// Auth-failure banning through the real Kamailio (inside the test's netns), with small numbers
// (maxretry 3, findtime 60 s, bantime 60 s): wrong passwords from the untrusted 127.0.0.2 ban
// it past maxretry, a right password from another untrusted address (127.0.0.4) still calls,
// operators list and lift the ban over RPC (htable), first 407 challenges never ban, and the
// shipped fail2ban filter matches exactly the auth-failure audit lines of the real log.
// SIPp ports 5200+; the gateway is 127.0.0.3:5080.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startKamailio, testConfig, healthProblems, root } from "../support/kamailio.mjs";
import { receivedMessages, withGateway as withGatewayAt, replyStatuses, authenticatingCall as authenticatingCallFrom } from "../support/sipp.mjs";
import { sendAndCollect, statusCode } from "../support/torture.mjs";

const PROXY = { address: "127.0.0.1", port: 5060 };
const BANNED_IP = "127.0.0.2";
const OTHER_IP = "127.0.0.4";
const HOSTILE_IP = "127.0.0.5";
const GATEWAY_IP = "127.0.0.3";
const NUMBER = "13545769997";
const MAXRETRY = 3;
const FILTER = join(root, "kamailio/fail2ban/filter.d/kamailio-ts.conf");
const CONFIG = testConfig({
  trusted: ["127.0.0.1/32"],
  accounts: [{ username: "1001", password: "s3cret" }],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:5080`, priority: 1 }],
  fraud: { authFailures: { maxretry: MAXRETRY, findtime: 60, bantime: 60 } },
});

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio({ config: CONFIG });
});
after(async () => {
  await kamailio?.stop();
});

/** One call from `ip` authenticating as 1001 with `password` (test/support/sipp.mjs). */
const authenticatingCall = ({ ip, port, password }) =>
  authenticatingCallFrom({ ip, port, proxy: `${PROXY.address}:${PROXY.port}`, number: NUMBER, user: "1001", password });

/** Runs `call` with the gateway listening (test/support/sipp.mjs). */
const withGateway = (call) => withGatewayAt({ ip: GATEWAY_IP, port: "5080" }, call);

/** The audit lines of the log: reason, account, source IP. */
const auditLines = () =>
  kamailio
    .log()
    .split("\n")
    .filter((l) => l.includes("kamailio-ts refused "))
    .map((l) => ({ line: l, reason: /refused reason=([\w-]+) /.exec(l)?.[1], account: / account="([^"]*)" /.exec(l)?.[1], ip: / src=([0-9.]+):\d+$/.exec(l)?.[1] }));

const bans = () => kamailio.rpc("htable.dump", "ipban");

let sequence = 0;
/** An INVITE from `from`, with optional extra header lines. */
function invite(from, { extra = [], fromHeader = `<sip:1001@${from.address}>;tag=ban-${++sequence}` } = {}) {
  const target = `sip:${NUMBER}@${PROXY.address}:${PROXY.port}`;
  return Buffer.from(
    [
      `INVITE ${target} SIP/2.0`,
      `Via: SIP/2.0/UDP ${from.address}:${from.port};branch=z9hG4bK-ban-${++sequence}`,
      `From: ${fromHeader}`,
      `To: <${target}>`,
      `Call-ID: ban-${process.pid}-${sequence}@${from.address}`,
      "CSeq: 1 INVITE",
      `Contact: <sip:1001@${from.address}:${from.port}>`,
      "Max-Forwards: 70",
      ...extra,
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

test("first challenges alone never ban: 20 INVITEs without credentials all get 407", async () => {
  const from = { address: BANNED_IP, port: 5200 };
  for (let i = 0; i < 20; i++) {
    const received = await sendAndCollect(invite(from), { from, to: PROXY, quietMs: 300 });
    assert.deepEqual(received.map(statusCode).filter((c) => c !== 100), [407], `INVITE ${i + 1}`);
  }
  assert.doesNotMatch(bans(), /127\.0\.0\.2/);
  assert.deepEqual(auditLines(), [], "no failure, no ban");
});

test("more than maxretry wrong passwords ban the address: no answer at all, even to the right password; another address still calls; htable.delete lifts the ban", async () => {
  for (let attempt = 1; attempt <= MAXRETRY; attempt++) {
    const { caller, received } = await withGateway(() => authenticatingCall({ ip: BANNED_IP, port: 5200 + attempt, password: "wrong" }));
    assert.deepEqual(replyStatuses(caller.messages), ["SIP/2.0 407 Proxy Authentication Required", "SIP/2.0 403 Forbidden - wrong credentials"], `attempt ${attempt}`);
    assert.deepEqual(received, []);
  }
  assert.doesNotMatch(bans(), /127\.0\.0\.2/, `${MAXRETRY} failures: no ban yet`);
  assert.match(kamailio.rpc("htable.dump", "authfail"), /127\.0\.0\.2[\s\S]*value: 3/, "three failures counted");

  // One more: challenged, then the wrong credentials get nothing back and the address is banned.
  const banning = await withGateway(() => authenticatingCall({ ip: BANNED_IP, port: 5210, password: "wrong" }));
  assert.notEqual(banning.caller.code, 0);
  assert.deepEqual(replyStatuses(banning.caller.messages), ["SIP/2.0 407 Proxy Authentication Required"]);
  assert.match(bans(), /127\.0\.0\.2/, "htable.dump lists the ban");

  // Banned: the right password gets no answer at all, nothing is relayed.
  const rightButBanned = await withGateway(() => authenticatingCall({ ip: BANNED_IP, port: 5211, password: "s3cret" }));
  assert.notEqual(rightButBanned.caller.code, 0);
  assert.deepEqual(receivedMessages(rightButBanned.caller.messages), [], "no reply of any kind");
  assert.deepEqual(rightButBanned.received, []);

  // Another untrusted address with the right password calls.
  const other = await withGateway(() => authenticatingCall({ ip: OTHER_IP, port: 5212, password: "s3cret" }));
  assert.equal(other.caller.code, 0, other.caller.output);
  assert.equal(other.received.filter((m) => m.startsWith("INVITE ")).length, 1);

  const lines = auditLines();
  assert.deepEqual(lines.filter((l) => l.reason === "auth-failure").map((l) => l.ip), Array(MAXRETRY + 1).fill(BANNED_IP));
  assert.deepEqual(lines.filter((l) => l.reason === "banned").map((l) => l.ip), [BANNED_IP], "one ban line");
  assert.ok(lines.filter((l) => l.reason === "ban-drop").length >= 2, "dropped requests of the banned address are audited");
  assert.ok(lines.every((l) => l.ip === BANNED_IP));
  assert.ok(lines.every((l) => l.account === ""), "no account: none was authenticated");

  // The ban outlives a reload of the Lua (htable is in shared memory).
  kamailio.rpc("app_lua.reload");
  const afterReload = await sendAndCollect(invite({ address: BANNED_IP, port: 5213 }), { from: { address: BANNED_IP, port: 5213 }, to: PROXY, quietMs: 500 });
  assert.deepEqual(afterReload, [], "still banned after app_lua.reload");

  // Lifted over RPC: the address calls again.
  kamailio.rpc("htable.delete", "ipban", BANNED_IP);
  assert.doesNotMatch(bans(), /127\.0\.0\.2/);
  const lifted = await withGateway(() => authenticatingCall({ ip: BANNED_IP, port: 5214, password: "s3cret" }));
  assert.equal(lifted.caller.code, 0, lifted.caller.output);
  assert.equal(lifted.received.filter((m) => m.startsWith("INVITE ")).length, 1);
});

/** The digest response (RFC 2617 without qop) to a 407's challenge. */
function digest({ user, password, realm, nonce, uri }) {
  const md5 = (s) => createHash("md5").update(s).digest("hex");
  return md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:${md5(`INVITE:${uri}`)}`);
}

test("a hostile User-Agent and From (src=10.9.9.9:5060, CRLF) stay inside one escaped auth-failure line", async () => {
  const from = { address: HOSTILE_IP, port: 5220 };
  const hostile = 'x" src=10.9.9.9:5060\r\n src=10.9.9.9:5060';
  const challenge = (await sendAndCollect(invite(from), { from, to: PROXY, quietMs: 500 })).find((m) => statusCode(m) === 407);
  assert.ok(challenge, "challenged");
  const [, realm, nonce] = /Proxy-Authenticate: Digest realm="([^"]+)", nonce="([^"]+)"/.exec(challenge) ?? [];
  const uri = `sip:${NUMBER}@${PROXY.address}:${PROXY.port}`;
  const response = digest({ user: "1001", password: "wrong", realm, nonce, uri });
  const message = invite(from, {
    fromHeader: `"evil src=10.9.9.9:5060" <sip:1001@${from.address};src=10.9.9.9:5060>;tag=hostile`,
    extra: [
      `User-Agent: ${hostile}`,
      `Proxy-Authorization: Digest username="1001", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`,
    ],
  });
  const received = await sendAndCollect(message, { from, to: PROXY, quietMs: 500 });
  assert.deepEqual(received.map(statusCode).filter((c) => c !== 100), [403]);
  const lines = auditLines().filter((l) => l.line.includes("10.9.9.9"));
  assert.equal(lines.length, 1, lines.map((l) => l.line).join("\n"));
  assert.equal(lines[0].reason, "auth-failure");
  assert.equal(lines[0].ip, HOSTILE_IP);
  assert.deepEqual(kamailio.log().split("\n").filter((l) => l.includes("10.9.9.9")), [lines[0].line], "no line split off");
});

test("fail2ban-regex with the shipped filter matches exactly the auth-failure lines of the real log, each for its real source", () => {
  const logFile = join(kamailio.runDir, "kamailio.log");
  const failures = auditLines().filter((l) => l.reason === "auth-failure");
  assert.ok(failures.length > MAXRETRY);
  assert.ok(auditLines().some((l) => l.reason !== "auth-failure"), "the log has other audit lines too");
  const r = spawnSync("fail2ban-regex", ["--print-all-matched", logFile, FILTER], { encoding: "utf8", timeout: 60000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const total = Number(/^Failregex: (\d+) total/m.exec(r.stdout)?.[1]);
  assert.equal(total, failures.length, r.stdout);
  const ips = spawnSync("fail2ban-regex", ["-o", "ip", logFile, FILTER], { encoding: "utf8", timeout: 60000 });
  assert.equal(ips.status, 0, ips.stderr);
  assert.deepEqual(ips.stdout.trim().split("\n").map((l) => l.trim()), failures.map((l) => l.ip));
  assert.doesNotMatch(ips.stdout, /10\.9\.9\.9/);
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
