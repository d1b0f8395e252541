// Calls to 800 numbers through the real Kamailio: with tollFreeGateways in the deployment
// config they reach that gateway (dispatcher set 2) and other calls the carrier gateway; without
// it, 800 numbers go to the carrier gateway like any call (the product's default).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startKamailio, testConfig, healthProblems, root } from "../support/kamailio.mjs";
import { callThroughProxy, receivedMessages, scenario, startSipp } from "../support/sipp.mjs";

const CARRIER = { ip: "127.0.0.1", port: 5080 };
const TOLL_FREE = { ip: "127.0.0.1", port: 5090 };

/** Request-URIs of the INVITEs a gateway received. @param {string} messages */
const invitesTo = (messages) => receivedMessages(messages).filter((m) => m.startsWith("INVITE ")).map((m) => m.split(" ")[1]);

test("with tollFreeGateways, 800 numbers reach the toll-free gateway and other numbers the carrier", async () => {
  const kamailio = await startKamailio({
    config: testConfig({ tollFreeGateways: [{ name: "toll-free-a", uri: `sip:${TOLL_FREE.ip}:${TOLL_FREE.port}`, priority: 10 }] }),
  });
  const carrier = startSipp(["-sf", scenario("uas.xml"), "-i", CARRIER.ip, "-p", String(CARRIER.port)]);
  const tollFree = startSipp(["-sf", scenario("uas.xml"), "-i", TOLL_FREE.ip, "-p", String(TOLL_FREE.port)]);
  try {
    await Promise.all([carrier.ready(), tollFree.ready()]);
    for (const [number, port] of /** @type {const} */ ([["8005551234", 5170], ["+18005551234", 5171], ["13545769997", 5172]])) {
      const call = await callThroughProxy({ number, port });
      assert.ok(call.ok, `${number}: ${call.output}\n${call.errors}`);
      assert.deepEqual(call.finalReplies, [["200 OK"]]);
    }
    const [atCarrier, atTollFree] = await Promise.all([carrier.stop(), tollFree.stop()]);
    assert.deepEqual(invitesTo(atTollFree.messages), ["sip:8005551234@127.0.0.1:5060", "sip:+18005551234@127.0.0.1:5060"]);
    assert.deepEqual(invitesTo(atCarrier.messages), ["sip:13545769997@127.0.0.1:5060"]);
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await Promise.all([carrier.stop(), tollFree.stop()]);
    await kamailio.stop();
  }
});

test("without tollFreeGateways (the default config), an 800 number goes to the carrier gateway", async () => {
  const kamailio = await startKamailio();
  try {
    // Through `npm run sipp`, which also runs the gateway and reports what it received.
    const r = spawnSync(process.execPath, [
      join(root, "scripts/sipp.mjs"), "uac.xml", "8005551234", "--port", "5173",
      "--gateway", `${CARRIER.ip}:${CARRIER.port}`, "--expect", "200", "--json",
    ], { encoding: "utf8", timeout: 60000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const result = JSON.parse(r.stdout);
    assert.equal(result.ok, true);
    assert.deepEqual(result.finalReplies, [["200 OK"]]);
    assert.deepEqual(result.gatewayReceived, ["INVITE", "ACK", "BYE"]);
  } finally {
    await kamailio.stop();
  }
});
