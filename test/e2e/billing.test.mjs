// @ts-check
// Billing through the real Kamailio (issue 5): calls of known durations (SIPp pauses) rated
// exactly by their plans' increments, CDRs of failed, cancelled and refused attempts, prepaid
// limits and reservations, caps, a restart between answer and BYE, hostile header values,
// and a burst in which every answered call has its CDR.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthProblems, root, startKamailio, testConfig } from "../support/kamailio.mjs";
import { authenticatingCall, rejectingGateway, runSipp, scenario, startSipp, withGateway } from "../support/sipp.mjs";
import { cdrRows, refusedAuthCall, writeRatePlans } from "../support/billing.mjs";
import { query } from "../../scripts/lib/subscriber-db.mjs";
import { httpGet } from "../support/http.mjs";
import { redisCli, startRedis } from "../../scripts/lib/redis.mjs";
import { psql, startPostgres } from "../../scripts/lib/postgres.mjs";

const PROXY = "127.0.0.1:5060";
const GATEWAY = { ip: "127.0.0.1", port: 5080 };
const NUMBER = "13545769997"; // the brief's callee, E.164 8613545769997
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** The brief's rate (0.05 per second, 1/1) and the same destination per minute in 60/60 and 30/6. */
const PLANS = {
  persecond: ["86,China,0,0.05,1,1,1,,,,,", "8819,Satellite,0,1.00,1,1,1,,,,,"],
  perminute: ["86,China,0,0.60,60,60,60,,,,,"],
  thirtysix: ["86,China,0,0.60,60,30,6,,,,,"],
};

/** @param {Record<string, unknown>[]} accounts @param {Record<string, unknown>} [fraud] */
function billingConfig(accounts, fraud = {}) {
  const base = testConfig();
  return testConfig({
    accounts,
    billing: { ...base.billing, ratePlans: writeRatePlans(PLANS), defaultPlan: "persecond" },
    fraud: { ...base.fraud, ...fraud },
  });
}

/** Expected cost in minor units (1/10000) of `durationMs` at `pricePerUnit` minor units. */
function expectedCost(durationMs, { unit, first, next, price }) {
  const seconds = Math.ceil(durationMs / 1000);
  const billable = seconds <= first ? first : first + Math.ceil((seconds - first) / next) * next;
  return { billable, cost: Math.round((billable * price) / unit) };
}

test("calls of known durations cost exactly what their plans' increments say (1/1, 60/60, 30/6)", async () => {
  const accounts = [
    { username: "2001", password: "pw-2001", ratePlan: "persecond" },
    { username: "2002", password: "pw-2002", ratePlan: "perminute" },
    { username: "2003", password: "pw-2003", ratePlan: "thirtysix" },
  ];
  const kamailio = await startKamailio({ config: billingConfig(accounts) });
  try {
    const { caller } = await withGateway(GATEWAY, async () => {
      const calls = accounts.map((a, i) =>
        runSipp([
          "-sf", scenario("uac-auth.xml"), "-i", "127.0.0.2", "-p", String(5170 + i), PROXY, "-s", NUMBER, "-m", "1",
          "-au", a.username, "-ap", a.password, "-key", "caller", a.username, "-d", "2500",
        ], { timeoutMs: 20000 }),
      );
      return Promise.all(calls);
    });
    caller.forEach((c, i) => assert.equal(c.code, 0, `call of ${accounts[i].username}:\n${c.output.slice(-1500)}`));
    const rows = await cdrRows(kamailio.databaseFile, { atLeast: 3 });
    assert.equal(rows.length, 3, "one CDR per call");
    const increments = {
      2001: { unit: 1, first: 1, next: 1, price: 500 },
      2002: { unit: 60, first: 60, next: 60, price: 6000 },
      2003: { unit: 60, first: 30, next: 6, price: 6000 },
    };
    for (const row of rows) {
      assert.ok(row.duration_ms >= 2500 && row.duration_ms < 3500, `duration of ${row.account} is the 2.5 s pause, ±1 s (${row.duration_ms} ms)`);
      const want = expectedCost(row.duration_ms, increments[/** @type {2001|2002|2003} */ (Number(row.account))]);
      assert.equal(row.billable_seconds, want.billable, `billable seconds of ${row.account}`);
      assert.equal(row.cost, want.cost, `cost of ${row.account}`);
      assert.equal(row.sip_code, 200);
      assert.equal(row.end_reason, "bye");
      assert.equal(row.number, "8613545769997");
      assert.equal(row.prefix, "86");
    }
    const byAccount = Object.fromEntries(rows.map((r) => [r.account, r.cost]));
    assert.deepEqual(byAccount, { 2001: 1500, 2002: 6000, 2003: 3000 }, "0.15 (3 s at 0.05), 0.60 (one minute), 0.30 (30 s)");
    const metrics = (await httpGet({ host: "127.0.0.1", port: 5060 }, "/metrics")).body;
    assert.match(metrics, /^kamailio_ts_calls_total\{outcome="answered"\} 3( |$)/m, metrics);
    assert.match(metrics, /^kamailio_ts_revenue_minor_total 10500( |$)/m, "1.05 of revenue, in minor units");
    assert.match(metrics, /^kamailio_dialog_active_dialogs 0( |$)/m, "the dialog module's statistics");
    // The operator's summary of the same CDRs (npm run ctl -- cdrs).
    const summary = spawnSync("node", [join(root, "scripts/ctl.mjs"), "cdrs", "--database", kamailio.databaseFile, "--json"], { encoding: "utf8" });
    assert.equal(summary.status, 0, summary.stderr);
    const report = JSON.parse(summary.stdout);
    assert.deepEqual(report.total, { calls: 3, answered: 3, billableSeconds: rows.reduce((n, r) => n + r.billable_seconds, 0), revenue: 10500 });
    assert.deepEqual(Object.keys(report.byAccount), ["2001", "2002", "2003"]);
    assert.equal(report.byAccount["2002"].revenue, 6000);
    assert.deepEqual(report.byDestination.China, report.total);
    const lines = kamailio.log().split("\n").filter((l) => l.includes("CALL BILLING - "));
    assert.equal(lines.length, 3, "one CALL BILLING line per call");
    assert.ok(lines.some((l) => /From: "2001", To: "13545769997", Duration: 3 sec, Cost: 0\.15,/.test(l)), lines.join("\n"));
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("failed, cancelled and refused attempts get CDRs with their final code and no cost", async () => {
  const accounts = [
    { username: "2101", password: "pw-2101" },
    { username: "2102", password: "pw-2102", allowHighCost: true },
  ];
  const kamailio = await startKamailio({ config: billingConfig(accounts, { highCostPrefixes: ["8819"] }) });
  try {
    const busy = startSipp(["-sf", rejectingGateway(486, "Busy Here"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)]);
    await busy.ready();
    const failed = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5180", PROXY, "-s", NUMBER, "-m", "1"]);
    await busy.stop();
    assert.notEqual(failed.code, 0, "the 486 fails the call");

    const ringing = startSipp(["-sf", scenario("uas-ring.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)]);
    await ringing.ready();
    const cancelled = await runSipp(["-sf", scenario("uac-cancel.xml"), "-i", "127.0.0.1", "-p", "5181", PROXY, "-s", NUMBER, "-m", "1"]);
    await ringing.stop();
    assert.equal(cancelled.code, 0, cancelled.output.slice(-1500));

    const call = { ip: "127.0.0.2", proxy: PROXY, user: "2101", password: "pw-2101" };
    const noRate = await refusedAuthCall(403, { ...call, port: 5182, number: "+4420123456" });
    assert.match(noRate.messages, /SIP\/2\.0 403 Forbidden - no rate for destination/);
    const notANumber = await refusedAuthCall(404, { ...call, port: 5183, number: "alice" });
    assert.match(notANumber.messages, /SIP\/2\.0 404 Not Found - not a dialable number/);
    const highCost = await refusedAuthCall(403, { ...call, port: 5184, number: "+881912345" });
    assert.match(highCost.messages, /SIP\/2\.0 403 Forbidden - high-cost destination/);
    // The account that opted in calls the same premium range.
    const { caller: optedIn } = await withGateway(GATEWAY, () =>
      authenticatingCall({ ip: "127.0.0.2", port: 5185, proxy: PROXY, number: "+881912345", user: "2102", password: "pw-2102" }));
    assert.equal(optedIn.code, 0, optedIn.output.slice(-1500));

    const rows = await cdrRows(kamailio.databaseFile, { atLeast: 6 });
    const summary = rows.map((r) => [r.account, r.callee, r.sip_code, r.end_reason, r.cost]);
    assert.deepEqual(summary, [
      ["", NUMBER, 486, "failed", 0],
      ["", NUMBER, 487, "cancelled", 0],
      ["2101", "+4420123456", 403, "failed", 0],
      ["2101", "alice", 404, "failed", 0],
      ["2101", "+881912345", 403, "failed", 0],
      ["2102", "+881912345", 200, "bye", rows[5].cost],
    ]);
    assert.ok(rows[5].cost >= 10000, "the premium call is rated at 1.00 per second");
    assert.match(kamailio.log(), /refused reason=high-cost /, "the refusal is audited");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("a gateway that never answers: 408, then 503 once it is out of rotation; both attempts get CDRs, no dialog stays", async () => {
  const base = billingConfig([]);
  const config = { ...base, gateways: [{ name: "silent", uri: "sip:127.0.0.9:5999", priority: 1 }], kamailio: { ...base.kamailio, gatewayTimeoutMs: 500 } };
  const kamailio = await startKamailio({ config });
  try {
    const call = (/** @type {number} */ port) =>
      runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", String(port), PROXY, "-s", NUMBER, "-m", "1", "-recv_timeout", "5000"], { timeoutMs: 15000 });
    await call(5270);
    kamailio.rpc("dispatcher.set_state", "ip", "1", "sip:127.0.0.9:5999");
    await call(5271);
    const rows = await cdrRows(kamailio.databaseFile, { atLeast: 2 });
    assert.deepEqual(rows.map((r) => [r.sip_code, r.end_reason, r.cost]), [[408, "failed", 0], [503, "failed", 0]]);
    assert.equal(kamailio.rpc("dlg.stats_active").match(/all: (\d+)/)?.[1], "0", "no dialog left behind");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("a prepaid call is cut at its balance and rated at exactly that; a balance short of the first increment gets 402", async () => {
  const accounts = [
    { username: "2201", password: "pw-2201", prepaidBalance: "0.10" },
    { username: "2202", password: "pw-2202", prepaidBalance: "0.04" },
  ];
  const kamailio = await startKamailio({ config: billingConfig(accounts) });
  try {
    const { caller } = await withGateway(GATEWAY, () =>
      runSipp([
        "-sf", scenario("uac-auth-hungup.xml"), "-i", "127.0.0.2", "-p", "5190", PROXY, "-s", NUMBER, "-m", "1",
        "-au", "2201", "-ap", "pw-2201", "-key", "caller", "2201",
      ], { timeoutMs: 20000 }));
    assert.equal(caller.code, 0, `the proxy hung up the caller:\n${caller.output.slice(-1500)}`);
    const poor = await refusedAuthCall(402, { ip: "127.0.0.2", port: 5191, proxy: PROXY, number: NUMBER, user: "2202", password: "pw-2202" });
    assert.match(poor.messages, /SIP\/2\.0 402 Payment Required - insufficient balance/);

    // The dialog ends, and the call is rated, once both sides have answered the proxy's BYEs, or
    // their transactions timed out (gatewayTimeoutMs, 5 s) if the gateway was stopped first.
    const [cut] = await cdrRows(kamailio.databaseFile, { where: "account = '2201'", waitMs: 12000 });
    assert.ok(cut, `the cut call's CDR:\n${query(kamailio.databaseFile, "SELECT * FROM cdr")}\n${redisCli(kamailio.redis.socket, "-n", "2", "LRANGE", "cdr:queue", "0", "-1")}\n${kamailio.log().split("\n").filter((l) => /BILLING|CRIT|ERROR|WARN|refused/.test(l)).join("\n")}`);
    assert.equal(cut.end_reason, "timeout");
    assert.equal(cut.duration_ms, 2000, "0.10 at 0.05 per second lasts 2 s");
    assert.equal(cut.cost, 1000);
    assert.equal(redisCli(kamailio.redis.socket, "-n", "2", "GET", "balance:2201").trim(), "0");
    assert.equal(redisCli(kamailio.redis.socket, "-n", "2", "GET", "balance:2202").trim(), "400", "a refused call spends nothing");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("concurrent calls of one prepaid account never overdraw its balance, and the concurrency cap holds", async () => {
  const accounts = [
    { username: "2301", password: "pw-2301", prepaidBalance: "0.30" },
    { username: "2302", password: "pw-2302", maxConcurrentCalls: 2 },
  ];
  const kamailio = await startKamailio({ config: billingConfig(accounts) });
  try {
    const { caller: calls } = await withGateway(GATEWAY, () =>
      Promise.all([
        ...[0, 1, 2, 3].map((i) =>
          runSipp([
            "-sf", scenario("uac-auth-hungup.xml"), "-i", "127.0.0.2", "-p", String(5200 + i), PROXY, "-s", NUMBER, "-m", "1",
            "-au", "2301", "-ap", "pw-2301", "-key", "caller", "2301", "-recv_timeout", "15000",
          ], { timeoutMs: 20000 })),
        ...[0, 1, 2].map((i) =>
          runSipp([
            "-sf", scenario("uac-auth.xml"), "-i", "127.0.0.3", "-p", String(5210 + i), PROXY, "-s", NUMBER, "-m", "1",
            "-au", "2302", "-ap", "pw-2302", "-key", "caller", "2302", "-d", "3000", "-recv_timeout", "5000",
          ], { timeoutMs: 20000 })),
      ]));
    const prepaidRows = await cdrRows(kamailio.databaseFile, { where: "account = '2301'", atLeast: 4, waitMs: 15000 });
    assert.equal(prepaidRows.length, 4, "every attempt has its CDR");
    const spent = prepaidRows.reduce((sum, r) => sum + r.cost, 0);
    const balance = Number(redisCli(kamailio.redis.socket, "-n", "2", "GET", "balance:2301").trim());
    assert.ok(balance >= 0, `the balance is never negative (${balance})`);
    assert.equal(spent + balance, 3000, "what the calls cost and what is left make the 0.30 there was");
    assert.ok(prepaidRows.some((r) => r.sip_code === 402), "a call that found the balance reserved got 402");

    const capped = await cdrRows(kamailio.databaseFile, { where: "account = '2302'", atLeast: 3 });
    const codes = capped.map((r) => r.sip_code).sort();
    assert.deepEqual(codes, [200, 200, 403], `two calls at once, the third refused: ${JSON.stringify(capped)}`);
    assert.equal(calls.slice(4).filter((c) => c.code === 0).length, 2);
    assert.match(kamailio.log(), /refused reason=concurrent-calls /);
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("the hourly spend cap logs a warning, then refuses", async () => {
  const accounts = [{ username: "2401", password: "pw-2401", spendPerHour: { warning: "0.10", critical: "0.25" } }];
  const kamailio = await startKamailio({ config: billingConfig(accounts) });
  try {
    const call = (/** @type {number} */ port) =>
      runSipp([
        "-sf", scenario("uac-auth.xml"), "-i", "127.0.0.2", "-p", String(port), PROXY, "-s", NUMBER, "-m", "1",
        "-au", "2401", "-ap", "pw-2401", "-key", "caller", "2401", "-d", "2500",
      ], { timeoutMs: 20000 });
    await withGateway(GATEWAY, async () => {
      assert.equal((await call(5220)).code, 0, "0.15 spent");
      await cdrRows(kamailio.databaseFile, { atLeast: 1 });
      assert.equal((await call(5221)).code, 0, "over the warning: still allowed, 0.30 spent");
      await cdrRows(kamailio.databaseFile, { atLeast: 2 });
    });
    assert.match(kamailio.log(), /warning reason=spend-warning /);
    const refused = await refusedAuthCall(403, { ip: "127.0.0.2", port: 5222, proxy: PROXY, number: NUMBER, user: "2401", password: "pw-2401" });
    assert.match(refused.messages, /SIP\/2\.0 403 Forbidden - hourly spend limit/);
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("fraud.prefixCallWindows: a window holding the time (here the whole week) sets the destination call-rate levels", async () => {
  const accounts = [{ username: "2501", password: "pw-2501" }];
  const kamailio = await startKamailio({
    config: billingConfig(accounts, { prefixCallsPerMinute: { warning: 20, critical: 30 }, prefixCallWindows: [{ from: "00:00", until: "00:00", warning: 1, critical: 2 }] }),
  });
  try {
    const call = { ip: "127.0.0.2", proxy: PROXY, number: "+8613545769997", user: "2501", password: "pw-2501" };
    await withGateway(GATEWAY, async () => {
      assert.equal((await authenticatingCall({ ...call, port: 5280 })).code, 0, "the first call");
      assert.equal((await authenticatingCall({ ...call, port: 5281 })).code, 0, "the second, past the window's warning level");
    });
    const third = await refusedAuthCall(403, { ...call, port: 5282 });
    assert.match(third.messages, /SIP\/2\.0 403 Forbidden - destination call rate exceeded/, "the third, past its critical level (the base levels would allow 30)");
    assert.equal(kamailio.log().split("\n").filter((l) => l.includes("kamailio-ts warning reason=destination-rate")).length, 1);
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("a call answered before a Kamailio restart is rated when it ends after it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kts-billing-restart-"));
  const redis = await startRedis({ runDir: dir, dataDir: join(dir, "redis") });
  const config = billingConfig([]);
  /** @type {Awaited<ReturnType<typeof startKamailio>> | undefined} */
  let first;
  let second;
  const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)]);
  try {
    first = await startKamailio({ config, redis });
    await gateway.ready();
    const caller = startSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5230", PROXY, "-s", NUMBER, "-m", "1", "-d", "4000"]);
    const deadline = Date.now() + 5000;
    while (!/state: 4/.test(first.rpc("dlg.list"))) {
      assert.ok(Date.now() < deadline, "the call was answered within 5 s");
      await sleep(50);
    }
    assert.deepEqual(healthProblems(first.log()), []);
    await first.stop();
    second = await startKamailio({ config, redis });
    const call = await caller.done;
    assert.equal(call.code, 0, `the BYE went through the restarted proxy:\n${call.output.slice(-1500)}`);
    const [row] = await cdrRows(second.databaseFile);
    assert.ok(row, "the restarted proxy wrote the CDR");
    assert.ok(row.duration_ms >= 3000 && row.duration_ms < 5500, `answer to BYE across the restart (${row.duration_ms} ms)`);
    assert.equal(row.cost, expectedCost(row.duration_ms, { unit: 1, first: 1, next: 1, price: 500 }).cost);
    assert.deepEqual(healthProblems(second.log()), []);
  } finally {
    await gateway.stop();
    await first?.stop();
    await second?.stop();
    await redis.stop();
  }
});

test("hostile From and Call-ID values never change the CDR's SQL nor forge a log line", async () => {
  const kamailio = await startKamailio({ config: billingConfig([]) });
  try {
    const { caller } = await withGateway(GATEWAY, () =>
      runSipp(["-sf", scenario("uac-hostile.xml"), "-i", "127.0.0.1", "-p", "5240", PROXY, "-s", NUMBER, "-m", "1", "-cid_str", `hostile';DELETE"cdr\\--%u-%p@%s`]));
    assert.equal(caller.code, 0, caller.output.slice(-1500));
    const rows = await cdrRows(kamailio.databaseFile);
    assert.equal(rows.length, 1, "the table is still there, with the call's one row");
    assert.equal(rows[0].caller, "x'),('evil')--%25s", "the From user is stored as it came");
    assert.match(rows[0].call_id, /^hostile';DELETE"cdr\\--1-\d+@127\.0\.0\.1$/, "so is the Call-ID");
    const lines = kamailio.log().split("\n").filter((l) => l.includes("CALL BILLING"));
    assert.equal(lines.length, 1, "one billing line, not a forged second one");
    assert.match(lines[0], /Call-ID: "hostile';DELETE\\"cdr\\\\--1-\d+@127\.0\.0\.1", From: "x'\),\('evil'\)--%25s", /, "quotes escaped");
  } finally {
    await kamailio.stop();
  }
});

test("under a burst of calls, every call the gateway answered has its CDR", async () => {
  const CALLS = 300;
  const kamailio = await startKamailio({ config: billingConfig([]) });
  try {
    const { caller } = await withGateway(GATEWAY, () =>
      runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5250", PROXY, "-s", NUMBER, "-m", String(CALLS), "-r", "150", "-l", String(CALLS)], { timeoutMs: 60000 }));
    const answered = Number(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(caller.output)?.[1]);
    assert.equal(answered, CALLS, caller.output.slice(-2500));
    const rows = await cdrRows(kamailio.databaseFile, { where: "sip_code = 200", atLeast: CALLS, waitMs: 15000 });
    const diagnosis = () =>
      `CDRs by code: ${query(kamailio.databaseFile, "SELECT sip_code, end_reason, count(*) FROM cdr GROUP BY 1, 2")}` +
      `dialogs: ${kamailio.rpc("dlg.stats_active")}\n${kamailio.log().split("\n").filter((l) => /ERROR|WARNING|CRITICAL/.test(l)).slice(0, 20).join("\n")}`;
    assert.equal(rows.length, CALLS, `one CDR per answered call\n${rows.length < CALLS ? diagnosis() : ""}`);
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});

test("with billing.cdr on PostgreSQL, every call's CDR is a row in a real PostgreSQL", async () => {
  const postgres = await startPostgres();
  const config = billingConfig([]);
  config.billing = { ...config.billing, cdr: { database: "postgres", url: postgres.url } };
  /** @type {Awaited<ReturnType<typeof startKamailio>> | undefined} */
  let kamailio;
  try {
    kamailio = await startKamailio({ config });
    const { caller } = await withGateway(GATEWAY, () =>
      runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5260", PROXY, "-s", NUMBER, "-m", "50", "-r", "50"], { timeoutMs: 30000 }));
    assert.equal(caller.code, 0, caller.output.slice(-1500));
    let rows = "";
    for (let i = 0; i < 50 && !rows.startsWith("50\t"); i++) {
      rows = psql(postgres.url, "SELECT count(*), count(DISTINCT call_id), sum(CASE WHEN number = '8613545769997' AND rate_id <> '' THEN 1 ELSE 0 END) FROM cdr WHERE sip_code = 200");
      await sleep(100);
    }
    assert.equal(rows.trim(), "50\t50\t50", "50 answered calls, 50 rated rows");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio?.stop();
    await postgres.stop();
  }
});
