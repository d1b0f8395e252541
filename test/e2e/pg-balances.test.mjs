// @ts-check
// Billing state in PostgreSQL (with billing.cdr on PostgreSQL) through the real Kamailio and a
// real PostgreSQL: reserve_balance under concurrent sessions, a prepaid call cut at its limit,
// concurrent calls of one account, plans and policy loaded from PostgreSQL (rates:load), and
// PostgreSQL taken away and back: prepaid calls refused (503), postpaid calls carried, a call in
// progress settled once when the database returns.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthProblems, root, startKamailio, testConfig } from "../support/kamailio.mjs";
import { runSipp, scenario, startSipp, withGateway } from "../support/sipp.mjs";
import { refusedAuthCall, writeRatePlans } from "../support/billing.mjs";
import { redisCli } from "../../scripts/lib/redis.mjs";
import { psql, startPostgres } from "../../scripts/lib/postgres.mjs";
import { query } from "../../scripts/lib/subscriber-db.mjs";
import { billingSchemaPostgresSql } from "../../scripts/lib/billing-postgres.mjs";

const PROXY = "127.0.0.1:5060";
const GATEWAY = { ip: "127.0.0.1", port: 5080 };
const NUMBER = "13545769997";
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

const ACCOUNTS = [
  { username: "4201", password: "pw-4201", prepaidBalance: "0.10" },
  { username: "4202", password: "pw-4202", prepaidBalance: "0.04" },
  { username: "4301", password: "pw-4301", prepaidBalance: "0.10" },
  { username: "4401", password: "pw-4401", prepaidBalance: "10.00" },
  { username: "4402", password: "pw-4402", prepaidBalance: "10.00" },
  { username: "4403", password: "pw-4403" },
  { username: "4601", password: "pw-4601", prepaidBalance: "10.00" },
  { username: "4602", password: "pw-4602", prepaidBalance: "10.00" },
  { username: "4603", password: "pw-4603" },
];

/** @type {Awaited<ReturnType<typeof startPostgres>>} */
let postgres;
/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;
/** @type {Record<string, any>} */
let config;

before(async () => {
  postgres = await startPostgres();
  const base = testConfig();
  config = testConfig({
    accounts: ACCOUNTS,
    billing: { ...base.billing, ratePlans: writeRatePlans({ persecond: ["86,China,0,0.05,1,1,1,,,,,"] }), defaultPlan: "persecond", cdr: { database: "postgres", url: postgres.url } },
  });
  kamailio = await startKamailio({ config });
});

after(async () => {
  await kamailio?.stop();
  await postgres?.stop();
});

/** The account's balance in PostgreSQL (minor units), null without a row. @param {string} account */
function balance(account) {
  const text = psql(postgres.url, `SELECT balance FROM balances WHERE account = '${account}'`).trim();
  return text === "" ? null : Number(text);
}

/** `npm run ctl -- balances <account> --postgres URL --json`: the account's line. @param {string} account */
function ctlBalance(account) {
  const r = spawnSync(process.execPath, [join(root, "scripts/ctl.mjs"), "balances", account, "--postgres", postgres.url, "--json"], { encoding: "utf8", timeout: 15000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).accounts[0];
}

/**
 * CDRs of the account (sip_code, cost, duration_ms, end_reason), waiting up to `waitMs` for at least `atLeast`.
 * @param {string} account @param {number} atLeast @param {number} [waitMs]
 */
async function cdrs(account, atLeast, waitMs = 10000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const rows = psql(postgres.url, `SELECT sip_code, cost, duration_ms, end_reason, attempt_id FROM cdr WHERE account = '${account}' ORDER BY id`)
      .split("\n").filter(Boolean).map((l) => l.split("\t"))
      .map(([code, cost, duration, end, attempt]) => ({ code: Number(code), cost: Number(cost), durationMs: Number(duration), end, attempt }));
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await sleep(100);
  }
}

/** An authenticated call of `account` that hangs up after `pauseMs` (or is hung up by the proxy). */
function prepaidCall(/** @type {string} */ account, /** @type {number} */ port, /** @type {{ pauseMs?: number, hungUp?: boolean }} */ { pauseMs = 1000, hungUp = false } = {}) {
  return startSipp([
    "-sf", scenario(hungUp ? "uac-auth-hungup.xml" : "uac-auth.xml"), "-i", "127.0.0.2", "-p", String(port), PROXY, "-s", NUMBER, "-m", "1",
    "-au", account, "-ap", `pw-${account}`, "-key", "caller", account, "-d", String(pauseMs), "-recv_timeout", "15000",
  ], { timeoutMs: 25000 });
}

test("reserve_balance: 20 sessions at once take the balance in turns and never overdraw it; an attempt reserves once", async () => {
  psql(postgres.url, "INSERT INTO balances VALUES ('race', 1000)");
  const session = (/** @type {number} */ i) => new Promise((resolve, reject) => {
    const child = spawn("psql", [postgres.url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", `SELECT reserve_balance('race-${i}', 'race', 300, 100)`]);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    // "close", not "exit": the output may still be arriving when the process has exited.
    child.on("close", (code) => (code === 0 && out.trim() !== "" ? resolve(Number(out.trim())) : reject(new Error(`psql ${code}: ${err}`))));
  });
  const taken = await Promise.all([...Array(20).keys()].map(session));
  assert.deepEqual(taken.filter((n) => n >= 0).sort(), [100, 300, 300, 300], `three whole reservations and the 100 left: ${taken}`);
  assert.equal(taken.filter((n) => n === -1).length, 16);
  assert.equal(balance("race"), 0);
  const first = taken.indexOf(300);
  assert.equal(await session(first), 300, "the same attempt again (a statement sent twice): its reservation, not a second one");
  assert.equal(psql(postgres.url, "SELECT count(*), sum(amount) FROM balance_reservations WHERE account = 'race'").trim(), "4\t1000");
  assert.equal(psql(postgres.url, "SELECT reserve_balance('x', 'nobody', 300, 1)").trim(), "-1", "no row: a balance of 0");
});

test("a prepaid call is cut at its PostgreSQL balance and rated at exactly that; short of the first increment: 402", async () => {
  assert.equal(balance("4201"), 1000, "the opening balance, from the deployment config");
  assert.equal(balance("4403"), null, "postpaid accounts have no balance");
  const held = withGateway(GATEWAY, () => prepaidCall("4201", 5190, { hungUp: true }).done);
  let during = ctlBalance("4201");
  for (let i = 0; i < 60 && during.reserved !== 1000; i++) {
    await sleep(50);
    during = ctlBalance("4201");
  }
  assert.deepEqual(during, { account: "4201", available: 0, reserved: 1000 }, "npm run ctl balances: the call holds the 0.10");
  const call = await held;
  assert.equal(call.caller.code, 0, `the proxy hung up the caller:\n${call.caller.output.slice(-1500)}`);
  const poor = await refusedAuthCall(402, { ip: "127.0.0.2", port: 5191, proxy: PROXY, number: NUMBER, user: "4202", password: "pw-4202" });
  assert.match(poor.messages, /SIP\/2\.0 402 Payment Required - insufficient balance/);
  const [cut] = await cdrs("4201", 1, 12000);
  assert.ok(cut, "the cut call's CDR");
  assert.deepEqual([cut.end, cut.durationMs, cut.cost], ["timeout", 2000, 1000], "0.10 at 0.05 per second lasts 2 s");
  assert.equal(balance("4201"), 0, "cost + balance = the opening 0.10");
  assert.deepEqual(ctlBalance("4201"), { account: "4201", available: 0, reserved: 0 });
  assert.equal(balance("4202"), 400, "a refused call spends nothing");
  assert.equal(psql(postgres.url, "SELECT reserved, cost, refund FROM balance_settlements WHERE account = '4201'").trim(), "1000\t1000\t0");
  assert.equal(psql(postgres.url, "SELECT count(*) FROM balance_reservations WHERE account IN ('4201', '4202')").trim(), "0", "nothing held any more");
  assert.equal(redisCli(kamailio.redis.socket, "-n", "2", "EXISTS", "balance:4201").trim(), "0", "nothing in Redis");
});

test("concurrent prepaid calls of one account never overdraw its PostgreSQL balance", async () => {
  const { caller } = await withGateway(GATEWAY, () => Promise.all([0, 1, 2, 3].map((i) => prepaidCall("4301", 5200 + i, { hungUp: true }).done)));
  assert.deepEqual(caller.filter((c) => c.code > 1), [], "every call ended, none had to be killed");
  const rows = await cdrs("4301", 4, 15000);
  assert.equal(rows.length, 4, "every attempt has its CDR");
  const spent = rows.reduce((sum, r) => sum + r.cost, 0);
  const left = balance("4301") ?? -1;
  assert.ok(left >= 0, `never negative (${left})`);
  assert.equal(spent + left, 1000, "what the calls cost and what is left make the 0.10 there was");
  assert.ok(rows.some((r) => r.code === 402), "a call that found the balance reserved got 402");
  assert.deepEqual(healthProblems(kamailio.log()), []);
});

test("the rate plans and account policy load from PostgreSQL, and rates:load writes them there", async () => {
  assert.equal(psql(postgres.url, "SELECT count(*) FROM mtrees WHERE tname = 'persecond'").trim(), "1");
  assert.equal(psql(postgres.url, "SELECT key_value FROM account_policy WHERE key_name = '4201::prepaid'").trim(), "1");
  assert.equal(query(kamailio.databaseFile, "SELECT count(*) FROM mtrees; SELECT count(*) FROM account_policy;"), "0\n0\n", "nothing in the node's SQLite");
  assert.equal(query(kamailio.databaseFile, "SELECT count(*) FROM subscriber WHERE username = '4403';"), "1\n", "the credentials stay there");
  // A new price (0.05 to 0.07 per second) and a new prepaid account, loaded into the running Kamailio.
  writeFileSync(config.billing.ratePlans.persecond, `${readFileSync(config.billing.ratePlans.persecond, "utf8").split("\n")[0]}\n86,China,0,0.07,1,1,1,,,,,\n`);
  const configFile = join(mkdtempSync(join(tmpdir(), "kts-pg-rates-")), "deployment.json");
  writeFileSync(configFile, JSON.stringify({ ...config, accounts: [...ACCOUNTS, { username: "4501", password: "pw-4501", prepaidBalance: "1.00" }] }));
  const loaded = spawnSync("node", [join(root, "scripts/rates-load.mjs"), "--config", configFile, "--database", kamailio.databaseFile, "--ctl", join(kamailio.runDir, "kamailio_ctl"), "--redis", kamailio.redis.socket], { encoding: "utf8", timeout: 60000 });
  assert.equal(loaded.status, 0, loaded.stderr);
  assert.match(loaded.stderr, /PostgreSQL \(billing\.cdr\.url\): prefixes per tree: persecond 1/);
  assert.match(kamailio.rpc("mtree.match", "persecond", "s:8613545769997", "0"), /TVALUE: persecond\|86\|China\|0,700,1,1,1/);
  assert.match(kamailio.rpc("htable.get", "accounts", "4501::prepaid"), /value: 1/);
  assert.equal(balance("4501"), 10000, "its opening balance, in PostgreSQL");
  assert.equal(query(kamailio.databaseFile, "SELECT count(*) FROM mtrees; SELECT count(*) FROM subscriber WHERE username = '4501';"), "0\n1\n");
  psql(postgres.url, billingSchemaPostgresSql()); // a second start's schema: nothing to create, no error
});

test("PostgreSQL not answering: one prepaid call waits out db_postgres' timeouts, the next get 503 at once, postpaid calls go on", async () => {
  // Frozen, as a server behind a partition: the postmaster and the backends of Kamailio's connections.
  const backends = psql(postgres.url, "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()").trim().split(/\s+/);
  const postmaster = spawnSync("ps", ["-o", "ppid=", "-p", backends[0]], { encoding: "utf8" }).stdout.trim();
  const frozen = [postmaster, ...backends];
  // runuser, the postmaster's parent, stops itself when its child stops (as su does).
  const runuser = spawnSync("ps", ["-o", "ppid=", "-p", postmaster], { encoding: "utf8" }).stdout.trim();
  const call = (/** @type {string} */ user, /** @type {number} */ port) =>
    refusedAuthCall(503, { ip: "127.0.0.2", port, proxy: PROXY, number: NUMBER, user, password: `pw-${user}`, recvTimeoutMs: 20000 });
  const withPostgres = (/** @type {string} */ messages) => {
    const callId = /Call-ID: (.*)/.exec(messages)?.[1]?.trim() ?? "?";
    return kamailio.log().split("\n").filter((l) => l.includes(`INVITE ${callId}}`) && l.includes("db_postgres"));
  };
  spawnSync("kill", ["-STOP", ...frozen]);
  try {
    const first = await call("4601", 5230);
    assert.match(first.messages, /SIP\/2\.0 503 Service Unavailable - balance unavailable/);
    assert.match(withPostgres(first.messages).join("\n"), /timeout waiting for postgres reply/, "it waited for PostgreSQL");
    const second = await call("4601", 5231);
    assert.match(second.messages, /SIP\/2\.0 503 Service Unavailable - balance unavailable/);
    assert.deepEqual(withPostgres(second.messages), [], "refused without asking PostgreSQL: marked down");
    const postpaid = await withGateway(GATEWAY, () => prepaidCall("4603", 5232).done);
    assert.equal(postpaid.caller.code, 0, `a postpaid call goes on:\n${postpaid.caller.output.slice(-1500)}`);
  } finally {
    spawnSync("kill", ["-CONT", ...frozen, runuser]);
  }
  assert.deepEqual((await cdrs("4603", 1)).map((r) => r.code), [200], "its CDR, once PostgreSQL answers");
  assert.deepEqual((await cdrs("4601", 2)).map((r) => r.code), [503, 503]);
  // The first call's reservation reached the frozen server, which took it once thawed: its
  // refused call's CDR statement released it.
  assert.equal(balance("4601"), 100000, "nothing held by the refused calls");
  assert.equal(psql(postgres.url, "SELECT count(*) FROM balance_reservations WHERE account = '4601'").trim(), "0");
  const again = await withGateway(GATEWAY, () => prepaidCall("4602", 5233).done);
  assert.equal(again.caller.code, 0, `the CDR writer marked PostgreSQL up again:\n${again.caller.output.slice(-1500)}`);
});

test("PostgreSQL away: prepaid calls get 503, postpaid calls connect; back: their CDRs arrive, a call in progress is settled once", async () => {
  const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", GATEWAY.ip, "-p", String(GATEWAY.port)]);
  try {
    await gateway.ready();
    const inProgress = prepaidCall("4401", 5220, { pauseMs: 4000 });
    for (let i = 0; i < 50 && !/state: 4/.test(kamailio.rpc("dlg.list")); i++) await sleep(100);
    assert.match(kamailio.rpc("dlg.list"), /state: 4/, "the prepaid call was answered");
    assert.equal(balance("4401"), 0, "it reserved the whole 10.00 (less than 4 h at 0.05 per second)");
    await postgres.stop();

    const refused = await refusedAuthCall(503, { ip: "127.0.0.2", port: 5221, proxy: PROXY, number: NUMBER, user: "4402", password: "pw-4402" });
    assert.match(refused.messages, /SIP\/2\.0 503 Service Unavailable - balance unavailable/);
    assert.match(kamailio.log(), /refused reason=balance-unavailable .*src=127\.0\.0\.2:5221/);
    const postpaid = await runSipp([
      "-sf", scenario("uac-auth.xml"), "-i", "127.0.0.2", "-p", "5222", PROXY, "-s", NUMBER, "-m", "1",
      "-au", "4403", "-ap", "pw-4403", "-key", "caller", "4403", "-d", "1000", "-recv_timeout", "5000",
    ], { timeoutMs: 15000 });
    assert.equal(postpaid.code, 0, `a postpaid call goes on:\n${postpaid.output.slice(-1500)}`);
    const ended = await inProgress.done;
    assert.equal(ended.code, 0, ended.output.slice(-1500));

    // The ended prepaid call's settlement waits in the queue with its CDR; a second copy (as a
    // batch written twice) must not refund twice.
    const queued = redisCli(kamailio.redis.socket, "--raw", "-n", "2", "LRANGE", "cdr:queue", "0", "-1").split("\n").filter((l) => l.includes("'4401'"));
    assert.equal(queued.length, 1, `the call's settlement and CDR, one statement: ${queued}`);
    assert.match(queued[0], /^WITH held AS \(DELETE FROM balance_reservations/);
    redisCli(kamailio.redis.socket, "-n", "2", "RPUSH", "cdr:queue", queued[0]);

    await postgres.start();
    const [postpaidCdr] = await cdrs("4403", 1);
    assert.equal(postpaidCdr?.code, 200, "the postpaid call's CDR arrived once PostgreSQL was back");
    const [settled] = await cdrs("4401", 1);
    assert.ok(settled.durationMs >= 3500 && settled.durationMs < 5500, `the prepaid call, answer to BYE (${settled.durationMs} ms)`);
    assert.equal(balance("4401"), 100000 - settled.cost, "refunded once: the opening 10.00 less the call's cost");
    assert.deepEqual((await cdrs("4402", 1)).map((r) => r.code), [503], "the refused call's CDR");
    // Replayed after its commit, in a batch with a statement the database refuses: the batch
    // fails, its statements are written one by one, the bad one set aside; still refunded once.
    redisCli(kamailio.redis.socket, "-n", "2", "RPUSH", "cdr:queue", "INSERT INTO nowhere VALUES (1)", queued[0]);
    for (let i = 0; i < 50 && redisCli(kamailio.redis.socket, "-n", "2", "LLEN", "cdr:queue").trim() !== "0"; i++) await sleep(100);
    assert.equal(redisCli(kamailio.redis.socket, "-n", "2", "LLEN", "cdr:queue").trim(), "0");
    assert.equal(balance("4401"), 100000 - settled.cost);
    assert.equal(redisCli(kamailio.redis.socket, "--raw", "-n", "2", "LRANGE", "cdr:failed", "0", "-1").trim(), "INSERT INTO nowhere VALUES (1)");
    assert.equal(psql(postgres.url, "SELECT count(*) FROM balance_settlements WHERE account = '4401'").trim(), "1");

    // A prepaid call after PostgreSQL's return reserves again.
    const again = await prepaidCall("4402", 5223).done;
    assert.equal(again.code, 0, again.output.slice(-1500));
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await gateway.stop();
  }
});
