// @ts-check
// A call whose BYE arrives while Redis is down (issue 9: a node that loses Redis keeps doing
// what it safely can). topos cannot restore the BYE's route from Redis, but the dialog module
// holds both legs in memory: the proxy answers the BYE, hangs up the other side, and rates the
// call at that moment; its CDR, which cannot be queued in Redis, goes straight to the database.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthProblems, startKamailio, testConfig } from "../support/kamailio.mjs";
import { receivedMessages, scenario, startSipp } from "../support/sipp.mjs";
import { cdrRows, writeRatePlans } from "../support/billing.mjs";
import { startRedis } from "../../scripts/lib/redis.mjs";

const PROXY = "127.0.0.1:5060";
const GATEWAY = { ip: "127.0.0.1", port: 5080 };
const NUMBER = "13545769997";
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

test("a BYE while Redis is down ends the call on both sides, rated at the BYE, its CDR written straight to the database", async () => {
  const base = testConfig();
  const config = testConfig({
    accounts: [{ username: "6001", password: "pw-6001" }],
    billing: { ...base.billing, ratePlans: writeRatePlans({ persecond: ["86,China,0,0.05,1,1,1,,,,,"] }), defaultPlan: "persecond" },
  });
  const dir = mkdtempSync(join(tmpdir(), "kts-redis-outage-"));
  const redis = await startRedis({ runDir: dir, dataDir: join(dir, "redis") });
  const kamailio = await startKamailio({ config, redis });
  const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)], { timeoutMs: 30000 });
  try {
    await gateway.ready();
    const caller = startSipp(["-sf", scenario("uac-auth.xml"), "-i", "127.0.0.2", "-p", "5390", PROXY, "-s", NUMBER, "-m", "1",
      "-au", "6001", "-ap", "pw-6001", "-key", "caller", "6001", "-d", "3000", "-recv_timeout", "6000"], { timeoutMs: 20000 });
    const answered = () => /state: 4/.test(kamailio.rpc("dlg.list"));
    for (let i = 0; i < 50 && !answered(); i++) await sleep(100);
    assert.ok(answered(), "the call is up");
    await redis.stop();

    const result = await caller.done;
    assert.equal(result.code, 0, `the caller's BYE is answered 200:\n${result.output.slice(-1500)}\n${result.errors.slice(-500)}`);
    const received = receivedMessages((await gateway.stop()).messages);
    assert.ok(received.some((m) => /^BYE /.test(m)), "the gateway got its BYE from the proxy");
    const bye = received.find((m) => /^BYE /.test(m)) ?? "";
    assert.deepEqual(bye.split("\r\n").filter((l) => /^(Via|v|Route|Record-Route|Contact|m):/i.test(l)).map((l) => l.replace(/;branch=.*/, "")),
      ["Via: SIP/2.0/UDP 127.0.0.1"], "the dialog module's own BYE: one Via, the proxy's, no route, no contact");

    const [row] = await cdrRows(kamailio.databaseFile, { where: "account = '6001'" });
    assert.ok(row, `the CDR is in the database:\n${kamailio.log().split("\n").filter((l) => /kamailio-ts|ERROR/.test(l)).slice(-10).join("\n")}`);
    assert.equal(row.sip_code, 200);
    assert.equal(row.end_reason, "bye");
    assert.ok(row.duration_ms >= 2500 && row.duration_ms < 4500, `answer to BYE, not to the dialog timeout: ${row.duration_ms} ms`);
    assert.equal(row.cost, row.billable_seconds * 500);
    const log = kamailio.log();
    assert.match(log, /kamailio-ts bye-without-route .*callid="1-\d+@127\.0\.0\.2"/, "the local hang-up is logged");
    assert.match(log, /kamailio-ts cdr-written-directly attempt="1-\d+@127\.0\.0\.2;/, "and the CDR's path");
    assert.equal(/state: 4/.test(kamailio.rpc("dlg.list")), false, "no dialog left");
    // The hourly spend lives in Redis: this call cannot count towards it, and says so.
    assert.match(log, /CRITICAL: .*kamailio-ts settle-failed attempt="1-\d+@127\.0\.0\.2;[^"]*" refund=0 cost=\d+/);
    assert.deepEqual(healthProblems(log).filter((l) => !/settle-failed/.test(l)), []);
  } finally {
    await gateway.stop();
    await kamailio.stop();
    await redis.stop();
  }
});
