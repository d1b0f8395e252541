// Toll-fraud screening through the real Kamailio (inside the test's netns): known scanners and
// request floods from untrusted sources (127.0.0.2; the default config trusts 127.0.0.1 only)
// are dropped without a reply and never relayed, each with one audit line in the log; the
// legitimate traffic beside them gets its normal answers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import dgram from "node:dgram";
import { startKamailio, healthProblems } from "../support/kamailio.mjs";
import { startSipp, runSipp, scenario, receivedMessages } from "../support/sipp.mjs";
import { sendAndCollect, statusCode } from "../support/torture.mjs";

const PROXY = { address: "127.0.0.1", port: 5060 };
const UNTRUSTED = "127.0.0.2";
/** The whole audit line as Kamailio logs it (after its own prefix): quoted values escaped; no account before authentication. */
const AUDIT_LINE = /kamailio-ts refused reason=(\w+) ua="((?:[^"\\\n]|\\.)*)" account="((?:[^"\\\n]|\\.)*)" from="((?:[^"\\\n]|\\.)*)" ruri_user="((?:[^"\\\n]|\\.)*)" callid="((?:[^"\\\n]|\\.)*)" src=([0-9.]+):(\d+)$/;

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio();
});
after(async () => {
  await kamailio?.stop();
});

/** Starts a SIPp gateway (uas.xml on 127.0.0.1:5080) and waits until it listens. */
async function gateway() {
  const sipp = startSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  await sipp.ready();
  return sipp;
}

let sequence = 0;
/**
 * An out-of-dialog request from `from`, with this User-Agent header line (undefined: none).
 * @param {{ method: string, user?: string, userAgent?: string, from: { address: string, port: number }, callId?: string }} options
 */
function sipRequest({ method, user = "13545769997", userAgent, from, callId = `fraud-${process.pid}-${++sequence}@${from.address}` }) {
  const target = user === "" ? `sip:${PROXY.address}:${PROXY.port}` : `sip:${user}@${PROXY.address}:${PROXY.port}`;
  return Buffer.from(
    [
      `${method} ${target} SIP/2.0`,
      `Via: SIP/2.0/UDP ${from.address}:${from.port};branch=z9hG4bK-fraud-${sequence}`,
      `From: <sip:100@${from.address}>;tag=fraud-${sequence}`,
      `To: <${target}>`,
      `Call-ID: ${callId}`,
      `CSeq: 1 ${method}`,
      ...(method === "INVITE" ? [`Contact: <sip:100@${from.address}:${from.port}>`] : []),
      "Max-Forwards: 70",
      ...(userAgent === undefined ? [] : [`User-Agent: ${userAgent}`]),
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

/** Sends one request and returns the status codes of what came back within a quiet half second. */
async function statuses(message, from) {
  const received = await sendAndCollect(message, { from, to: PROXY, quietMs: 500 });
  return received.map((m) => statusCode(m));
}

/** The audit lines logged so far, parsed. */
function auditLines() {
  return kamailio
    .log()
    .split("\n")
    .filter((line) => line.includes("kamailio-ts refused"))
    .map((line) => {
      const m = AUDIT_LINE.exec(line);
      assert.ok(m, `audit line not in the fixed format: ${JSON.stringify(line)}`);
      return { line, reason: m[1], ua: m[2], account: m[3], from: m[4], ruriUser: m[5], callId: m[6], srcIp: m[7], srcPort: Number(m[8]) };
    });
}

test("a known scanner from an untrusted address gets no reply at all and is not relayed; without that User-Agent, its normal answer", async () => {
  const gw = await gateway();
  const from = { address: UNTRUSTED, port: 5190 };
  const cases = [
    // [method, user part, normal answer]: untrusted callers are challenged (407); OPTIONS to
    // the proxy itself is a keep-alive (200)
    ["OPTIONS", "13545769997", 407],
    ["INVITE", "13545769997", 407],
    ["OPTIONS", "", 200],
    ["REGISTER", "100", 401],
  ];
  /** @type {string[]} */
  const scannerCallIds = [];
  for (const [method, user, normal] of cases) {
    for (const userAgent of ["friendly-scanner", "FRIENDLY-SCANNER", "sipvicious 0.3.4", "Mozilla/5.0 (PortSIP VoIP SDK 11.2.1)"]) {
      const callId = `scanner-${method}-${scannerCallIds.length}@${UNTRUSTED}`;
      scannerCallIds.push(callId);
      assert.deepEqual(await statuses(sipRequest({ method, user, userAgent, from, callId }), from), [], `${method} ${user} from "${userAgent}" got a reply`);
    }
    assert.deepEqual(await statuses(sipRequest({ method, user, userAgent: "Linphone/5.2.0 (belle-sip/5.2.0)", from }), from), [normal], `${method} ${user} from a phone`);
    assert.deepEqual(await statuses(sipRequest({ method, user, from }), from), [normal], `${method} ${user} without a User-Agent`);
  }
  // Trusted peers are exempt: the same scanner User-Agent from 127.0.0.1 gets the keep-alive answer.
  const trusted = { address: "127.0.0.1", port: 5191 };
  assert.deepEqual(await statuses(sipRequest({ method: "OPTIONS", user: "", userAgent: "friendly-scanner", from: trusted }), trusted), [200]);
  const callee = await gw.stop();
  assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");

  const lines = auditLines();
  assert.deepEqual(lines.map((l) => l.callId), scannerCallIds, "one audit line per dropped request, none for the others");
  const first = lines[0];
  assert.deepEqual(
    { reason: first.reason, ua: first.ua, account: first.account, from: first.from, ruriUser: first.ruriUser, srcIp: first.srcIp, srcPort: first.srcPort },
    { reason: "scanner", ua: "friendly-scanner", account: "", from: "sip:100@127.0.0.2", ruriUser: "13545769997", srcIp: UNTRUSTED, srcPort: 5190 },
  );
  assert.match(first.line, /NOTICE/, "logged at NOTICE");
  assert.deepEqual(healthProblems(kamailio.log()), []);
});

test("a hostile User-Agent or Call-ID (CRLF, reason=, src=, quotes) cannot split the audit line or forge a field", async () => {
  const from = { address: UNTRUSTED, port: 5192 };
  const id = `hostile-${process.pid}@${UNTRUSTED}`;
  // A folded header line (CRLF + space) is part of the header's value: Kamailio hands it over.
  const forged = "kamailio-ts refused reason=forged ua=\"x\" src=6.6.6.6:6666";
  const userAgent = `friendly-scanner\r\n ${forged} "\\`;
  const callId = `${id}\r\n ${forged}`;
  const before = auditLines().length;
  assert.deepEqual(await statuses(sipRequest({ method: "INVITE", userAgent, from, callId }), from), []);
  const log = kamailio.log();
  const lines = auditLines().slice(before);
  assert.equal(lines.length, 1, `one audit line:\n${lines.map((l) => l.line).join("\n")}`);
  const [line] = lines;
  assert.equal(line.reason, "scanner");
  assert.equal(line.srcIp, UNTRUSTED);
  assert.equal(line.srcPort, 5192);
  const escapedForged = 'kamailio-ts refused reason=forged ua=\\\\"x\\\\" src=6\\.6\\.6\\.6:6666';
  assert.match(line.ua, new RegExp(`^friendly-scanner\\\\x0d\\\\x0a\\s+${escapedForged} \\\\"\\\\\\\\$`));
  assert.match(line.callId, new RegExp(`^${id.replaceAll(".", "\\.")}\\\\x0d\\\\x0a\\s+${escapedForged}$`));
  // Every log line that carries the forged text is the one real audit line: nothing split off,
  // neither from the audit line's values nor from Kamailio's log prefix (kamailio.cfg log_prefix).
  const carrying = log.split("\n").filter((l) => l.includes("6.6.6.6"));
  assert.deepEqual(carrying, [line.line]);
  assert.doesNotMatch(log, /^\s*kamailio-ts refused reason=forged/m);
});

test("a flood from one untrusted address is dropped past pike's limit, and a trusted caller still calls", async () => {
  const gw = await gateway();
  const from = { address: UNTRUSTED, port: 5193 };
  const before = auditLines().length;
  const SENT = 300;
  const socket = dgram.createSocket("udp4");
  let replies = 0;
  socket.on("message", (data) => {
    if (statusCode(data.toString("latin1")) === 407) replies++;
  });
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(from.port, from.address, () => resolve(undefined));
  });
  try {
    // 300 OPTIONS for a user part (each challenged with 407 when let through), paced over 2 s:
    // bounded in count, and in time by the pacing.
    const started = Date.now();
    for (let i = 0; i < SENT; i++) {
      socket.send(sipRequest({ method: "OPTIONS", userAgent: "Linphone/5.2.0", from, callId: `flood-${i}@${UNTRUSTED}` }), PROXY.port, PROXY.address);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + ((i + 1) * 2000) / SENT - Date.now())));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    socket.close();
  }
  const floods = auditLines().slice(before);
  assert.ok(replies >= 30, `pike lets the first requests through (${replies} answered)`);
  assert.ok(replies < SENT, `the flood is cut: ${replies} of ${SENT} answered`);
  assert.equal(replies + floods.length, SENT, "each request was either answered or dropped with its audit line");
  for (const f of floods) {
    assert.equal(f.reason, "flood");
    assert.equal(f.srcIp, UNTRUSTED);
    assert.equal(f.srcPort, 5193);
    assert.equal(f.ua, "Linphone/5.2.0");
    assert.match(f.callId, /^flood-\d+@127\.0\.0\.2$/);
  }
  assert.match(kamailio.rpc("pike.top", "ALL"), /127\.0\.0\.2/, "pike tracks the flooding address");

  // Right after, a trusted caller (127.0.0.1, exempt from pike) completes a call.
  const caller = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5194", `${PROXY.address}:${PROXY.port}`, "-s", "13545769997", "-m", "1"]);
  const callee = await gw.stop();
  assert.equal(caller.code, 0, `trusted caller failed:\n${caller.output}\n${caller.errors}`);
  const received = receivedMessages(callee.messages);
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, 1);
  assert.equal(received.filter((m) => m.startsWith("BYE ")).length, 1);
  assert.ok(received.every((m) => !/flood-\d+@/.test(m)), "no flood request was relayed");
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
