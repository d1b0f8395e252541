// Topology hiding (topos, dialog state in Redis) proven with SIPp against the real Kamailio.
// Each side sits on its own loopback address so any leak is visible: the caller on 127.0.0.2,
// the proxy on 127.0.0.1:5060, the carrier gateway on 127.0.0.3:5080. Each side must see the
// proxy only: one Via, no Record-Route, the proxy's Contact, and no header naming the other
// side: the caller's From host is replaced too (uac). Not checked: the Call-ID, which topos
// 5.6 cannot mask (README), and the SDP body (media addresses are not topos' business).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { startSipp, runSipp, scenario, receivedMessages } from "../support/sipp.mjs";
import { startRedis } from "../../scripts/lib/redis.mjs";

const PROXY = "127.0.0.1:5060";
const CALLER_IP = "127.0.0.2";
const GATEWAY_IP = "127.0.0.3";
const GATEWAY_PORT = 5080;
const NUMBER = "13545769997";
const CONFIG = testConfig({
  trusted: ["127.0.0.0/8"],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:${GATEWAY_PORT}`, priority: 1 }],
});

/** The proxy's Via as topos writes it on either side. */
const PROXY_VIA = /^SIP\/2\.0\/UDP 127\.0\.0\.1(:5060)?;branch=z9hG4bK\S+$/;
/** The proxy's topos Contact: a-side (towards the caller) and b-side (towards the gateway). */
const PROXY_CONTACT_TO_CALLER = /^<sip:atpsh-[^@>]+@127\.0\.0\.1(:5060)?>$/;
const PROXY_CONTACT_TO_GATEWAY = /^<sip:btpsh-[^@>]+@127\.0\.0\.1(:5060)?>$/;

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// SIP message reading

const COMPACT = { v: "via", f: "from", t: "to", i: "call-id", m: "contact", l: "content-length", c: "content-type", s: "subject", k: "supported", e: "content-encoding" };
/** Headers passed end to end unchanged (see the file's comment). */
const END_TO_END = new Set(["call-id"]);

/**
 * A SIP message's start line and headers (lower-case names, compact forms expanded).
 * @param {string} message
 */
function parse(message) {
  const [head] = message.split(/\r?\n\r?\n/, 1);
  const [startLine, ...lines] = head.split(/\r?\n/);
  /** @type {{ name: string, value: string }[]} */
  const headers = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ` ${line.trim()}`; // folded line
      continue;
    }
    const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1].toLowerCase();
    headers.push({ name: COMPACT[name] ?? name, value: m[2].trim() });
  }
  return { startLine, headers };
}

/** Splits a header value on the commas between its entries (not inside quotes or <>). */
function splitEntries(/** @type {string} */ value) {
  const entries = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && c === "<") depth++;
    else if (!quoted && c === ">") depth--;
    else if (!quoted && depth === 0 && c === ",") {
      entries.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  entries.push(value.slice(start).trim());
  return entries.filter((e) => e !== "");
}

/** Every value of a header, comma-separated entries split (RFC 3261 7.3.1). */
function values(/** @type {string} */ message, /** @type {string} */ name) {
  return parse(message)
    .headers.filter((h) => h.name === name)
    .flatMap((h) => splitEntries(h.value));
}

const firstLine = (/** @type {string} */ message) => message.split(/\r?\n/, 1)[0];
const cseq = (/** @type {string} */ message) => values(message, "cseq")[0] ?? "";
const isReply = (/** @type {string} */ message, /** @type {number} */ status, /** @type {string} */ method) =>
  message.startsWith(`SIP/2.0 ${status} `) && new RegExp(`^\\d+ ${method}$`).test(cseq(message));

/**
 * The requests among received messages, retransmissions (same start line, top Via and CSeq)
 * dropped: UDP retransmissions are not extra requests.
 * @param {string[]} messages
 */
function requestsIn(messages) {
  const seen = new Set();
  return messages.filter((m) => {
    if (!/^[A-Z]+ \S+ SIP\/2\.0$/.test(firstLine(m))) return false;
    const key = `${firstLine(m)}|${values(m, "via")[0]}|${cseq(m)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
const methods = (/** @type {string[]} */ requests) => requests.map((m) => firstLine(m).split(" ")[0]);

/**
 * Patterns that betray an end point: its IP address and its port (as `:port` or `=port`, so
 * a port never matches inside a branch or tag).
 * @param {string} ip @param {number} port
 */
const endpoint = (ip, port) => [new RegExp(`(^|[^\\d.])${ip.replaceAll(".", "\\.")}(?![\\d])`), new RegExp(`[:=]${port}(?!\\d)`)];

/**
 * The header lines (start line included) of a message that match one of the patterns,
 * Call-ID excepted.
 * @param {string} message @param {RegExp[]} patterns
 */
function leaks(message, patterns) {
  const { startLine, headers } = parse(message);
  const lines = [{ name: "(start line)", value: startLine }, ...headers.filter((h) => !END_TO_END.has(h.name))];
  return lines.filter((h) => patterns.some((p) => p.test(h.value))).map((h) => `${h.name}: ${h.value}`);
}

/** Asserts that none of the messages has a header naming the hidden side. */
function assertNoLeak(/** @type {string[]} */ messages, /** @type {RegExp[]} */ patterns, /** @type {string} */ side) {
  for (const message of messages) {
    assert.deepEqual(leaks(message, patterns), [], `${side} received a header naming the other side in:\n${message}`);
  }
}

/**
 * What a request relayed by the proxy must look like on the far side: the proxy's Via only,
 * no route set, the proxy's Contact when there is one.
 * @param {string} request @param {RegExp} contact
 */
function assertProxyOnly(request, contact) {
  const what = firstLine(request);
  const vias = values(request, "via");
  assert.equal(vias.length, 1, `${what}: exactly one Via (the proxy's), got ${JSON.stringify(vias)}`);
  assert.match(vias[0], PROXY_VIA, `${what}: the Via is the proxy's`);
  assert.deepEqual(values(request, "record-route"), [], `${what}: no Record-Route`);
  assert.deepEqual(values(request, "route"), [], `${what}: no Route`);
  for (const c of values(request, "contact")) assert.match(c, contact, `${what}: the Contact is the proxy's`);
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Starts the proxy on 127.0.0.1:5060. @param {{ redis?: Awaited<ReturnType<typeof startRedis>> }} [options] */
const startProxy = (options = {}) => startKamailio({ config: CONFIG, ...options });

/**
 * Starts a proxy for one test, runs `body`, asserts its log stays clean, and stops it (also
 * when the test fails).
 * @param {(kamailio: Awaited<ReturnType<typeof startKamailio>>) => Promise<void>} body
 */
async function withProxy(body) {
  const kamailio = await startProxy();
  try {
    await body(kamailio);
    assert.deepEqual(healthProblems(kamailio.log()), [], "no Lua error or crash in Kamailio's log");
  } finally {
    await kamailio.stop();
  }
}

/** SIPp processes of the running test, stopped at its end whatever happened. */
const running = new Set();
/** @param {string[]} args */
function sipp(args, timeoutMs = 15000) {
  const s = startSipp(args, { timeoutMs });
  running.add(s);
  s.done.finally(() => running.delete(s));
  return s;
}
async function stopAllSipp() {
  await Promise.all([...running].map((s) => s.stop()));
}

/** The gateway: a SIPp UAS on 127.0.0.3:5080, listening before the call starts. */
async function gateway(/** @type {string} */ scenarioFile, /** @type {string[]} */ extra = []) {
  const s = sipp(["-sf", scenario(scenarioFile), "-i", GATEWAY_IP, "-p", String(GATEWAY_PORT), ...extra]);
  await s.ready();
  return s;
}

/** The caller: a SIPp UAC on 127.0.0.2 calling through the proxy, run to completion. */
const callerArgs = (/** @type {string} */ scenarioFile, /** @type {number} */ port, /** @type {string[]} */ extra = []) => [
  "-sf", scenario(scenarioFile), "-i", CALLER_IP, "-p", String(port), PROXY, "-s", NUMBER, "-m", "1", ...extra,
];

const failed = (/** @type {string} */ who, /** @type {{ output: string, errors: string }} */ r, /** @type {string} */ log) =>
  `${who} SIPp failed:\n${r.output.slice(-4000)}\n${r.errors}\n--- Kamailio log ---\n${log.slice(-6000)}`;

/** A core statistic of a running Kamailio, by its name without group (kamcmd stats.get_statistics). */
function stat(/** @type {Awaited<ReturnType<typeof startKamailio>>} */ kamailio, /** @type {string} */ name) {
  const out = kamailio.rpc("stats.get_statistics", name);
  const m = new RegExp(`^core:${name} = (\\d+)$`, "m").exec(out);
  if (!m) throw new Error(`no statistic core:${name} in ${JSON.stringify(out)}`);
  return Number(m[1]);
}

// ---------------------------------------------------------------------------------------------
// Tests

test("a call from the caller: the gateway sees only the proxy, the caller never sees the gateway", async () => {
  const CALLER_PORT = 5170;
  try {
    await withProxy(async (kamailio) => {
      const gw = await gateway("uas.xml");
      const caller = await runSipp(callerArgs("uac.xml", CALLER_PORT), { timeoutMs: 10000 });
      const callee = await gw.stop();
      assert.equal(caller.code, 0, failed("caller", caller, kamailio.log()));

      const atGateway = receivedMessages(callee.messages);
      const requests = requestsIn(atGateway);
      assert.deepEqual(methods(requests), ["INVITE", "ACK", "BYE"], "the INVITE reached the gateway, then ACK and BYE followed the dialog there");
      const [invite, , bye] = requests;
      assert.equal(values(invite, "contact").length, 1, "the INVITE has a Contact");
      for (const request of requests) assertProxyOnly(request, PROXY_CONTACT_TO_GATEWAY);
      assert.match(firstLine(bye), /^BYE sip:callee@127\.0\.0\.3:5080;transport=UDP SIP\/2\.0$/, "BYE to the gateway's Contact");
      assertNoLeak(atGateway, endpoint(CALLER_IP, CALLER_PORT), "the gateway");

      const atCaller = receivedMessages(caller.messages);
      const answer = atCaller.find((m) => isReply(m, 200, "INVITE"));
      assert.ok(answer, "the caller got the 200 OK");
      assert.equal(values(answer, "contact").length, 1, "the 200 OK has a Contact");
      for (const reply of atCaller.filter((m) => /^SIP\/2\.0 (18\d|2\d\d) /.test(m) && /^\d+ INVITE$/.test(cseq(m)))) {
        assert.deepEqual(values(reply, "record-route"), [], `${firstLine(reply)}: no Record-Route`);
        for (const c of values(reply, "contact")) assert.match(c, PROXY_CONTACT_TO_CALLER, `${firstLine(reply)}: the Contact is the proxy's`);
      }
      assert.ok(atCaller.some((m) => isReply(m, 200, "BYE")), "the caller got 200 to its BYE");
      assertNoLeak(atCaller, endpoint(GATEWAY_IP, GATEWAY_PORT), "the caller");
    });
  } finally {
    await stopAllSipp();
  }
});

test("an INVITE with three Vias: the gateway sees one, the caller gets its three back", async () => {
  const CALLER_PORT = 5171;
  // test/sipp/uac-vias.xml: the caller's own sent-by (never where SIPp really is) on top, with
  // rport, so the proxy answers to the source address; then two proxies before it.
  const SENT = [`192.168.1.100:${CALLER_PORT}`, "10.10.10.1:5060", "222.211.75.75:5060"];
  const hidden = [...endpoint(CALLER_IP, CALLER_PORT), /192\.168\.1\.100/, /10\.10\.10\.1(?!\d)/, /222\.211\.75\.75/];
  try {
    await withProxy(async (kamailio) => {
      const gw = await gateway("uas.xml");
      const caller = await runSipp(callerArgs("uac-vias.xml", CALLER_PORT), { timeoutMs: 10000 });
      const callee = await gw.stop();
      assert.equal(caller.code, 0, failed("caller", caller, kamailio.log()));

      const atGateway = receivedMessages(callee.messages);
      const requests = requestsIn(atGateway);
      assert.deepEqual(methods(requests), ["INVITE", "ACK", "BYE"], "INVITE, ACK and BYE reached the gateway");
      for (const request of requests) assertProxyOnly(request, PROXY_CONTACT_TO_GATEWAY);
      assertNoLeak(atGateway, hidden, "the gateway");

      const atCaller = receivedMessages(caller.messages);
      for (const method of ["INVITE", "BYE"]) {
        const ok = atCaller.find((m) => isReply(m, 200, method));
        assert.ok(ok, `the 200 OK to the ${method} found its way back to the caller`);
        const vias = values(ok, "via");
        assert.deepEqual(
          vias.map((v) => /^SIP\/2\.0\/UDP ([^;]+)/.exec(v)?.[1]),
          SENT,
          `200 to ${method}: the caller's three Vias restored, in order:\n${ok}`,
        );
        assert.match(vias[0], /;received=127\.0\.0\.2(;|$)/, "the top Via has received= the caller's source address");
        assert.match(vias[0], new RegExp(`;rport=${CALLER_PORT}(;|$)`), "the top Via has the source port in rport");
        assert.match(vias[1], new RegExp(`;branch=z9hG4bK-10-\\d+-1-${method.toLowerCase()}(;|$)`), "the second Via's branch is kept");
        assert.match(vias[2], new RegExp(`;branch=z9hG4bK-222-\\d+-1-${method.toLowerCase()}(;|$)`), "the third Via's branch is kept");
      }
      assertNoLeak(atCaller, endpoint(GATEWAY_IP, GATEWAY_PORT), "the caller");
    });
  } finally {
    await stopAllSipp();
  }
});

test("the gateway hangs up: its BYE reaches the caller's Contact, naming only the proxy", async () => {
  const CALLER_PORT = 5172;
  try {
    await withProxy(async (kamailio) => {
      const gw = await gateway("uas-bye.xml", ["-m", "1"]);
      const caller = await runSipp(callerArgs("uac-hungup.xml", CALLER_PORT), { timeoutMs: 10000 });
      const callee = await gw.done;
      assert.equal(caller.code, 0, failed("caller", caller, kamailio.log()));
      assert.equal(callee.code, 0, failed("gateway (its BYE was answered 200)", callee, kamailio.log()));

      const atCaller = receivedMessages(caller.messages);
      const byes = requestsIn(atCaller);
      assert.deepEqual(methods(byes), ["BYE"], "the gateway's BYE reached the caller, once");
      assert.equal(firstLine(byes[0]), `BYE sip:caller@${CALLER_IP}:${CALLER_PORT} SIP/2.0`, "the BYE is sent to the caller's Contact");
      assertProxyOnly(byes[0], PROXY_CONTACT_TO_CALLER);
      assertNoLeak(atCaller, endpoint(GATEWAY_IP, GATEWAY_PORT), "the caller");

      const atGateway = receivedMessages(callee.messages);
      const requests = requestsIn(atGateway);
      assert.deepEqual(methods(requests), ["INVITE", "ACK"], "the INVITE and the ACK reached the gateway");
      for (const request of requests) assertProxyOnly(request, PROXY_CONTACT_TO_GATEWAY);
      assert.ok(atGateway.some((m) => isReply(m, 200, "BYE")), "the caller's 200 to the BYE reached the gateway");
      assertNoLeak(atGateway, endpoint(CALLER_IP, CALLER_PORT), "the gateway");
    });
  } finally {
    await stopAllSipp();
  }
});

test("CANCEL while ringing: the gateway gets the CANCEL, the caller gets 200 and 487", async () => {
  const CALLER_PORT = 5173;
  try {
    await withProxy(async (kamailio) => {
      const gw = await gateway("uas-ring.xml", ["-m", "1"]);
      const caller = await runSipp(callerArgs("uac-cancel.xml", CALLER_PORT), { timeoutMs: 10000 });
      const callee = await gw.done;
      assert.equal(caller.code, 0, failed("caller", caller, kamailio.log()));
      assert.equal(callee.code, 0, failed("gateway", callee, kamailio.log()));

      const atCaller = receivedMessages(caller.messages);
      assert.ok(atCaller.some((m) => isReply(m, 180, "INVITE")), "the caller heard it ring");
      assert.ok(atCaller.some((m) => isReply(m, 200, "CANCEL")), "the caller got 200 to its CANCEL");
      assert.ok(atCaller.some((m) => isReply(m, 487, "INVITE")), "the caller got 487 to its INVITE");
      for (const reply of atCaller) assert.deepEqual(values(reply, "record-route"), [], `${firstLine(reply)}: no Record-Route`);
      assertNoLeak(atCaller, endpoint(GATEWAY_IP, GATEWAY_PORT), "the caller");

      const atGateway = receivedMessages(callee.messages);
      const requests = requestsIn(atGateway);
      assert.deepEqual(methods(requests), ["INVITE", "CANCEL", "ACK"], "INVITE, CANCEL, then the proxy's ACK of the 487 (the caller's own is absorbed)");
      for (const request of requests) assertProxyOnly(request, PROXY_CONTACT_TO_GATEWAY);
      const [invite, cancel, ack] = requests;
      assert.equal(values(cancel, "via")[0], values(invite, "via")[0], "the CANCEL has the INVITE's Via (same branch)");
      assert.equal(values(ack, "via")[0], values(invite, "via")[0], "the ACK of the 487 has the INVITE's Via (same branch)");
      assert.equal(cseq(cancel), cseq(invite).replace("INVITE", "CANCEL"), "the CANCEL has the INVITE's CSeq number");
      assertNoLeak(atGateway, endpoint(CALLER_IP, CALLER_PORT), "the gateway");
    });
  } finally {
    await stopAllSipp();
  }
});

test("the dialog survives a restart of Kamailio between the 200 OK and the BYE (state in Redis)", async () => {
  const CALLER_PORT = 5174;
  const HOLD_MS = 3000;
  const dir = mkdtempSync(join(tmpdir(), "kts-topos-restart-"));
  const redis = await startRedis({ runDir: dir, dataDir: join(dir, "redis") });
  /** @type {Awaited<ReturnType<typeof startKamailio>>[]} */
  const proxies = [];
  try {
    const first = await startProxy({ redis });
    proxies.push(first);
    const gw = await gateway("uas.xml");
    const caller = sipp(callerArgs("uac.xml", CALLER_PORT, ["-d", String(HOLD_MS)]));

    // The call is up once the proxy has taken the caller's ACK (right after the 200 OK).
    const deadline = Date.now() + 5000;
    while (stat(first, "rcv_requests_ack") < 1) {
      assert.ok(Date.now() < deadline, `the call was not set up within 5 s:\n${first.log().slice(-6000)}`);
      await sleep(50);
    }
    await sleep(200); // let the ACK be relayed
    assert.equal(stat(first, "rcv_requests_bye"), 0, "the BYE has not been sent yet");
    // Checked before the stop, like every test's proxy: a SIGTERM'd Kamailio with TCP sockets
    // may log "CRITICAL: receive_fd(): EOF" while its processes exit.
    assert.deepEqual(healthProblems(first.log()), [], "no Lua error or crash in the first Kamailio's log");
    await first.stop();

    const second = await startProxy({ redis });
    proxies.push(second);
    const call = await caller.done;
    const callee = await gw.stop();
    assert.equal(call.code, 0, failed("caller (its BYE was answered 200)", call, second.log()));
    assert.equal(stat(second, "rcv_requests_bye"), 1, "the BYE went through the restarted Kamailio");

    const atGateway = receivedMessages(callee.messages);
    const requests = requestsIn(atGateway);
    assert.deepEqual(methods(requests), ["INVITE", "ACK", "BYE"], "INVITE, ACK and, after the restart, BYE reached the gateway");
    for (const request of requests) assertProxyOnly(request, PROXY_CONTACT_TO_GATEWAY);
    assert.match(firstLine(requests[2]), /^BYE sip:callee@127\.0\.0\.3:5080;transport=UDP SIP\/2\.0$/, "BYE to the gateway's Contact");
    assertNoLeak(atGateway, endpoint(CALLER_IP, CALLER_PORT), "the gateway");
    assertNoLeak(receivedMessages(call.messages), endpoint(GATEWAY_IP, GATEWAY_PORT), "the caller");
    assert.deepEqual(healthProblems(second.log()), [], "no Lua error or crash in the restarted Kamailio's log");
  } finally {
    await stopAllSipp();
    for (const proxy of proxies) await proxy.stop();
    await redis.stop();
  }
});
