// SIPp calls through the real Kamailio running the TS routes (inside the test's netns).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { startSipp, runSipp, scenario, receivedMessages, rejectingGateway } from "../support/sipp.mjs";
import { sendAndCollect } from "../support/torture.mjs";

const PROXY = "127.0.0.1:5060";
const CALLS = 5;
/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio();
});
after(async () => {
  await kamailio?.stop();
});

/** Starts a SIPp that answers calls and waits until it listens. */
async function listeningSipp(args) {
  const sipp = startSipp(args);
  await sipp.ready();
  return sipp;
}

/** A call the proxy must refuse (test/sipp/uac-rejected.xml); resolves with SIPp's result. */
function refusedCall({ port, proxy = PROXY, maxForwards = 70, domain = proxy }) {
  const args = ["-sf", scenario("uac-rejected.xml"), "-i", "127.0.0.1", "-p", String(port), proxy, "-s", "13545769997", "-m", "1"];
  return runSipp([...args, "-key", "max_forwards", String(maxForwards), "-key", "domain", domain]);
}

/** Header values of `name` in a SIP message (compact forms not used by SIPp). */
function headers(message, name) {
  const re = new RegExp(`^${name}:\\s*(.*)$`, "gim");
  return [...message.matchAll(re)].map((m) => m[1].trim());
}

test("calls from a trusted caller reach the gateway and complete (INVITE, 180, 200, ACK, BYE)", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const caller = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5070", PROXY, "-s", "13545769997", "-m", String(CALLS), "-r", "10"]);
  const callee = await gateway.stop();
  assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}`);

  const received = receivedMessages(callee.messages);
  const invites = received.filter((m) => m.startsWith("INVITE "));
  const byes = received.filter((m) => m.startsWith("BYE "));
  const acks = received.filter((m) => m.startsWith("ACK "));
  assert.equal(invites.length, CALLS, "every INVITE reached the gateway once");
  assert.equal(acks.length, CALLS, "every ACK followed the dialog to the gateway");
  assert.equal(byes.length, CALLS, "every BYE followed the dialog to the gateway");
  for (const invite of invites) {
    assert.match(invite, /^INVITE sip:13545769997@127\.0\.0\.1:5060 SIP\/2\.0/, "Request-URI kept");
    assert.deepEqual(headers(invite, "Max-Forwards"), ["69"], "Max-Forwards decremented by the proxy");
    // Topology hiding: the gateway sees the proxy only.
    const vias = headers(invite, "Via");
    assert.equal(vias.length, 1, "only the proxy's Via");
    assert.match(vias[0], /^SIP\/2\.0\/UDP 127\.0\.0\.1;branch=z9hG4bK/, "the Via is the proxy's");
    assert.deepEqual(headers(invite, "Record-Route"), [], "no Record-Route");
    assert.match(headers(invite, "Contact")[0], /^<sip:btpsh-[^@>]+@127\.0\.0\.1>$/, "Contact is the proxy's");
  }
  for (const bye of byes) assert.match(bye, /^BYE sip:callee@127\.0\.0\.1:5080;transport=UDP SIP\/2\.0/, "BYE to the callee's Contact");
  assert.deepEqual(healthProblems(kamailio.log()), []);
});

test("300 calls at 100 calls/s through topology hiding on Redis: none fails, each reaches the gateway once", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const caller = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5077", PROXY, "-s", "13545769997", "-m", "300", "-r", "100"], { timeoutMs: 60000 });
  const callee = await gateway.stop();
  assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}`);
  assert.match(caller.output, /Successful call\s+\|\s+\d+\s+\|\s+300\s/);
  const received = receivedMessages(callee.messages);
  assert.equal(new Set(received.filter((m) => m.startsWith("INVITE ")).map((m) => /^Call-ID:\s*(.*)$/im.exec(m)[1])).size, 300);
  assert.equal(received.filter((m) => m.startsWith("BYE ")).length, 300);
  assert.deepEqual(healthProblems(kamailio.log()), []);
});

test("the README demo: SIPp's built-in uas as the gateway, the project's caller scenario, 10 calls", async () => {
  // SIPp's built-in uas sends 180 and 200 back to back; two proxy workers may forward them in
  // either order, and SIPp's caller fails on a 180 after the 200 (a real phone ignores it).
  // One UDP worker keeps the order, so the demo's outcome does not depend on the machine's load.
  const base = testConfig();
  const demo = await startKamailio({ config: { ...base, listen: ["udp:127.0.0.1:5065"], kamailio: { ...base.kamailio, workers: 1 } } });
  try {
    const gateway = await listeningSipp(["-sn", "uas", "-i", "127.0.0.1", "-p", "5080"]);
    const caller = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5070", "127.0.0.1:5065", "-s", "13545769997", "-m", "10"]);
    await gateway.stop();
    assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}`);
    assert.match(caller.output, /Successful call\s+\|\s+\d+\s+\|\s+10\s/);
    // The README shows the demo's CALL BILLING lines: the sample plan's China rate, 0.05 a second.
    const deadline = Date.now() + 3000;
    const billingLines = () => demo.log().split("\n").filter((l) => l.includes("CALL BILLING - "));
    while (billingLines().length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(billingLines().length, 10, "one CALL BILLING line per call");
    for (const line of billingLines()) {
      assert.match(line, /CALL BILLING - Call-ID: "[^"]+", From: "caller", To: "13545769997", Duration: \d+ sec, Cost: \d+\.\d{2}, Account: "", Number: "8613545769997", Prefix: "86", Rate: "default:86:1", /);
    }
  } finally {
    await demo.stop();
  }
});

test("a new request for a domain the proxy does not serve gets 403 and is not relayed", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const caller = await refusedCall({ port: 5076, domain: "elsewhere.example" });
  const callee = await gateway.stop();
  assert.equal(caller.code, 0, `SIPp failed:\n${caller.output}`);
  assert.match(receivedMessages(caller.messages).at(-1), /^SIP\/2\.0 403 Relaying Forbidden - domain not served/);
  assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");
});

/** An in-dialog request (To-tag) for a dialog the proxy never saw, with no Route set. */
function strayInDialog(method, branch) {
  return Buffer.from(
    [
      `${method} sip:callee@127.0.0.1:5080 SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:5078;branch=z9hG4bK-${branch}`,
      "From: <sip:caller@127.0.0.1>;tag=stray-from",
      "To: <sip:callee@127.0.0.1>;tag=stray-to",
      `Call-ID: stray-${branch}@127.0.0.1`,
      `CSeq: 2 ${method}`,
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

test("an in-dialog request that matches no dialog gets 404, an in-dialog ACK is absorbed; neither is relayed", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const from = { address: "127.0.0.1", port: 5078 };
  const to = { address: "127.0.0.1", port: 5060 };
  const byeReplies = await sendAndCollect(strayInDialog("BYE", "bye"), { from, to });
  const ackReplies = await sendAndCollect(strayInDialog("ACK", "ack"), { from, to, quietMs: 1000 });
  const callee = await gateway.stop();
  assert.deepEqual(byeReplies.map((r) => r.split("\r\n")[0]), ["SIP/2.0 404 Not here"]);
  assert.deepEqual(ackReplies, []);
  assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");
});

test("OPTIONS to the proxy itself is answered 200 without reaching a gateway", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const probe = await runSipp(["-sf", scenario("options.xml"), "-i", "127.0.0.1", "-p", "5071", PROXY, "-m", "3"]);
  const callee = await gateway.stop();
  assert.equal(probe.code, 0, `OPTIONS SIPp failed:\n${probe.output}`);
  const replies = receivedMessages(probe.messages);
  assert.equal(replies.length, 3);
  for (const reply of replies) assert.match(reply, /^SIP\/2\.0 200 Keepalive/);
  assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");
});

test("an INVITE with Max-Forwards 0 gets 483 Too Many Hops and is not relayed", async () => {
  const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
  const caller = await refusedCall({ port: 5072, maxForwards: 0 });
  const callee = await gateway.stop();
  assert.equal(caller.code, 0, `SIPp failed:\n${caller.output}`);
  const replies = receivedMessages(caller.messages);
  assert.match(replies.at(-1), /^SIP\/2\.0 483 Too Many Hops/);
  assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");
});

test("a caller outside the trusted peers is challenged for credentials (407) and nothing is relayed", async () => {
  const strict = await startKamailio({ config: testConfig({ trusted: ["127.0.0.2/32"], listen: ["udp:127.0.0.1:5062"] }) });
  try {
    const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
    const caller = await refusedCall({ port: 5073, proxy: "127.0.0.1:5062" });
    const callee = await gateway.stop();
    assert.equal(caller.code, 0, `SIPp failed:\n${caller.output}`);
    const challenge = receivedMessages(caller.messages).at(-1);
    assert.match(challenge, /^SIP\/2\.0 407 Proxy Authentication Required/);
    assert.match(challenge, /^Proxy-Authenticate: Digest realm="127\.0\.0\.1", nonce="/m);
    assert.deepEqual(receivedMessages(callee.messages), [], "nothing was relayed");
  } finally {
    await strict.stop();
  }
});

/** A proxy on its own port with the given gateways and a short gateway timeout. */
const failoverProxy = (port, gateways) =>
  startKamailio({ config: testConfig({ listen: [`udp:127.0.0.1:${port}`], gateways, kamailio: { ...testConfig().kamailio, gatewayTimeoutMs: 1000 } }) });

/** A gateway that receives and never answers; collects the Call-IDs of the INVITEs it got. */
async function silentGateway(port) {
  const socket = createSocket("udp4");
  const callIds = new Set();
  socket.on("message", (data) => {
    const text = data.toString("latin1");
    if (text.startsWith("INVITE ")) callIds.add(/^Call-ID:\s*(.*)$/im.exec(text)?.[1].trim());
  });
  await new Promise((resolve) => socket.bind(port, "127.0.0.1", resolve));
  return { callIds, close: () => new Promise((resolve) => socket.close(resolve)) };
}

test("a gateway that does not answer is failed over by priority, then skipped until it answers probes", async () => {
  const proxy = await failoverProxy(5063, [
    { name: "silent", uri: "sip:127.0.0.1:5090", priority: 20 },
    { name: "live", uri: "sip:127.0.0.1:5080", priority: 10 },
  ]);
  const silent = await silentGateway(5090);
  try {
    const gateway = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
    // Two calls one after the other (-l 1): the first waits for the timeout, the second not.
    const caller = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5074", "127.0.0.1:5063", "-s", "13545769997", "-m", "2", "-l", "1"]);
    const callee = await gateway.stop();
    assert.equal(caller.code, 0, `caller failed:\n${caller.output}\n${caller.errors}\n${proxy.log()}`);
    assert.equal(receivedMessages(callee.messages).filter((m) => m.startsWith("INVITE ")).length, 2, "both calls reached the live gateway");
    assert.equal(silent.callIds.size, 1, "only the first call tried the silent gateway");
    assert.match(proxy.rpc("dispatcher.list"), /URI: sip:127\.0\.0\.1:5090\s+FLAGS: IP/, "the silent gateway is inactive and probed");
  } finally {
    await silent.close();
    await proxy.stop();
  }
});

test("a gateway's 503 fails over; a 486 from the next gateway is final and reaches the caller", async () => {
  const proxy = await failoverProxy(5064, [
    { name: "unavailable", uri: "sip:127.0.0.1:5081", priority: 20 },
    { name: "busy", uri: "sip:127.0.0.1:5082", priority: 10 },
    { name: "never-reached", uri: "sip:127.0.0.1:5080", priority: 5 },
  ]);
  try {
    const unavailable = await listeningSipp(["-sf", rejectingGateway(503, "Unavailable"), "-i", "127.0.0.1", "-p", "5081", "-m", "1"]);
    const busy = await listeningSipp(["-sf", rejectingGateway(486, "Busy"), "-i", "127.0.0.1", "-p", "5082", "-m", "1"]);
    const spare = await listeningSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"]);
    const caller = await refusedCall({ port: 5075, proxy: "127.0.0.1:5064" });
    const [first, second, third] = [await unavailable.done, await busy.done, await spare.stop()];
    assert.equal(caller.code, 0, `caller failed:\n${caller.output}\n${proxy.log()}`);
    assert.equal(first.code, 0, first.output);
    assert.equal(second.code, 0, second.output);
    assert.match(receivedMessages(caller.messages).at(-1), /^SIP\/2\.0 486 Busy/);
    assert.deepEqual(receivedMessages(third.messages), [], "no failover after a 4xx");
  } finally {
    await proxy.stop();
  }
});
