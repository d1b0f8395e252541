// Counters per refusal reason through the real Kamailio (inside the test's netns): refusals
// of several kinds (scanner User-Agents, wrong passwords, the call rate, a domain not served)
// are each counted once under their reason code, in the htable `refusals` (kamcmd htable.dump)
// and in the Prometheus counter kamailio_ts_refusals_total{reason} that GET /metrics serves on
// the SIP TCP port (xhttp + xhttp_prom); both agree with the audit lines of the log, and
// survive app_lua.reload. The call rate is 1 a minute here. SIPp ports 5300+; the gateway is
// 127.0.0.3:5080.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { httpGet as httpGetAt } from "../support/http.mjs";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { withGateway as withGatewayAt, pacedAuthenticatingCall, assertCallCompleted, assertCallRefused } from "../support/sipp.mjs";
import { sendAndCollect, statusCode } from "../support/torture.mjs";

const PROXY = { address: "127.0.0.1", port: 5060 };
const UNTRUSTED = "127.0.0.2";
const CALLER_IP = "127.0.0.4";
const GATEWAY_IP = "127.0.0.3";
const CONFIG = testConfig({
  trusted: ["127.0.0.1/32"],
  accounts: [{ username: "1001", password: "s3cret" }],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:5080`, priority: 1 }],
  fraud: { callRate: { callsPerMinute: 1, banCallsPerMinute: 10 } },
});

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio({ config: CONFIG });
});
after(async () => {
  await kamailio?.stop();
});

/** GET from the proxy's TCP listen socket. @param {string} path */
const httpGet = (path) => httpGetAt({ host: PROXY.address, port: PROXY.port }, path);

/** kamcmd htable.dump `table` as { key: count }. */
function htableCounts(table) {
  const counts = {};
  for (const m of kamailio.rpc("htable.dump", table).matchAll(/name: (\S+)\s+value: (\d+)/g)) counts[m[1]] = Number(m[2]);
  return counts;
}

/** GET /metrics, the kamailio_ts_refusals_total series as { reason: count }. */
async function metricCounts() {
  const { status, body } = await httpGet("/metrics");
  assert.equal(status, 200, body);
  const counts = {};
  for (const m of body.matchAll(/^kamailio_ts_refusals_total\{reason="([^"]+)"\} (\d+)(?: \d+)?$/gm)) counts[m[1]] = Number(m[2]);
  return counts;
}

/** The refused audit lines of the log, counted per reason. */
function auditCounts() {
  const counts = {};
  for (const m of kamailio.log().matchAll(/ kamailio-ts refused reason=([\w-]+) /g)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  return counts;
}

let sequence = 0;
/** An OPTIONS (or INVITE to `domain`) from `from`, with this User-Agent. */
function request({ from, method = "OPTIONS", userAgent = "Linphone/5.2.0", domain = `${PROXY.address}:${PROXY.port}` }) {
  const target = `sip:13545769997@${domain}`;
  sequence++;
  return Buffer.from(
    [
      `${method} ${target} SIP/2.0`,
      `Via: SIP/2.0/UDP ${from.address}:${from.port};branch=z9hG4bK-count-${sequence}`,
      `From: <sip:100@${from.address}>;tag=count-${sequence}`,
      `To: <${target}>`,
      `Call-ID: count-${process.pid}-${sequence}@${from.address}`,
      `CSeq: 1 ${method}`,
      ...(method === "INVITE" ? [`Contact: <sip:100@${from.address}:${from.port}>`] : []),
      "Max-Forwards: 70",
      `User-Agent: ${userAgent}`,
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

const statuses = async (message, from) => (await sendAndCollect(message, { from, to: PROXY, quietMs: 400 })).map(statusCode).filter((c) => c !== 100);

let port = 5300;
/** One call from CALLER_IP as 1001 with `password` (paced: test/support/sipp.mjs). */
const call = (password) => pacedAuthenticatingCall({ ip: CALLER_IP, port: port++, proxy: `${PROXY.address}:${PROXY.port}`, number: "13545769997", user: "1001", password });

test("before any refusal: /metrics answers 200 with no refusal series, another path 404, htable refusals empty", async () => {
  assert.deepEqual(await metricCounts(), {});
  const other = await httpGet("/");
  assert.equal(other.status, 404);
  assert.deepEqual(htableCounts("refusals"), {});
});

test("each refusal counts once under its reason, in htable refusals and kamailio_ts_refusals_total alike, and the counts outlive app_lua.reload", async () => {
  const scanner = { address: UNTRUSTED, port: 5390 };
  for (let i = 0; i < 3; i++) assert.deepEqual(await statuses(request({ from: scanner, userAgent: "friendly-scanner" }), scanner), [], "scanner dropped");

  const { received } = await withGatewayAt({ ip: GATEWAY_IP, port: "5080" }, async () => {
    for (let i = 0; i < 2; i++) {
      assertCallRefused(await call("wrong"), "SIP/2.0 403 Forbidden - wrong credentials", `wrong password ${i + 1}`);
    }
    assertCallCompleted(await call("s3cret"), "the first call");
    assertCallRefused(await call("s3cret"), "SIP/2.0 503 Service Unavailable - call rate exceeded", "the second call");
    return undefined;
  });
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, 1, "only the call under the rate was relayed");

  // A trusted peer's INVITE for a domain the proxy does not serve: 403, counted too.
  const trusted = { address: "127.0.0.1", port: 5391 };
  assert.deepEqual(await statuses(request({ from: trusted, method: "INVITE", domain: "192.0.2.99" }), trusted), [403]);

  const expected = { scanner: 3, "auth-failure": 2, "call-rate": 1, "relay-denied": 1 };
  assert.deepEqual(auditCounts(), expected, "one audit line per refusal");
  assert.deepEqual(htableCounts("refusals"), expected, "kamcmd htable.dump refusals");
  assert.deepEqual(await metricCounts(), expected, "GET /metrics");
  assert.deepEqual(htableCounts("warnings"), {}, "no warning");

  kamailio.rpc("app_lua.reload");
  assert.deepEqual(await statuses(request({ from: scanner, userAgent: "sipvicious" }), scanner), []);
  const afterReload = { ...expected, scanner: 4 };
  assert.deepEqual(htableCounts("refusals"), afterReload);
  assert.deepEqual(await metricCounts(), afterReload);
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
