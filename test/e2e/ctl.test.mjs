// `npm run ctl` (scripts/ctl.mjs) against the real Kamailio: status, bans, unban and reload,
// in text and --json, through kamcmd on the ctl socket.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startKamailio, root, healthProblems, testConfig } from "../support/kamailio.mjs";
import { sendAndCollect } from "../support/torture.mjs";
import { runSipp, scenario, startSipp } from "../support/sipp.mjs";
import { cdrRows } from "../support/billing.mjs";

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;
let socket = "";
let bundle = "";

before(async () => {
  // Kamailio loads a copy of the bundle, which the reload test changes.
  bundle = join(mkdtempSync(join(tmpdir(), "kts-ctl-")), "kamailio.lua");
  copyFileSync(join(root, "lua-out/kamailio.lua"), bundle);
  // One prepaid account (12.50 opening balance) for the balances command.
  const config = testConfig({ accounts: [{ username: "7001", password: "pw-7001", prepaidBalance: "12.50" }] });
  kamailio = await startKamailio({ config, defines: { LUA_BUNDLE: JSON.stringify(bundle) } });
  socket = join(kamailio.runDir, "kamailio_ctl");
});
after(async () => {
  await kamailio?.stop();
});

/** Runs `npm run ctl -- ...args` (the script itself) on the test Kamailio's socket. */
function ctl(/** @type {string[]} */ ...args) {
  const r = spawnSync(process.execPath, [join(root, "scripts/ctl.mjs"), ...args, "--socket", socket], { encoding: "utf8", timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** `ctl ... --json`, parsed; fails on a non-zero exit. */
function ctlJson(/** @type {string[]} */ ...args) {
  const r = ctl(...args, "--json");
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The proxy's reply to a keep-alive OPTIONS from `address`, or "no reply". */
async function keepaliveFrom(/** @type {string} */ address, /** @type {string} */ tag) {
  const message = Buffer.from([
    "OPTIONS sip:127.0.0.1:5060 SIP/2.0",
    `Via: SIP/2.0/UDP ${address}:5092;branch=z9hG4bK-ctl-${tag}`,
    `From: <sip:ctl@${address}>;tag=ctl`,
    "To: <sip:127.0.0.1:5060>",
    `Call-ID: ctl-${tag}@${address}`,
    "CSeq: 1 OPTIONS",
    "Max-Forwards: 70",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n"));
  const replies = await sendAndCollect(message, { from: { address, port: 5092 }, to: { address: "127.0.0.1", port: 5060 }, quietMs: 1000 });
  return replies.length === 0 ? "no reply" : replies[0].split("\r\n")[0];
}

test("status: version, uptime, processes, shared memory, active dialogs, refusals and warnings per reason", () => {
  const before = ctlJson("status");
  assert.match(before.version, /^kamailio 5\.6\.3 /);
  assert.ok(before.uptime.seconds >= 0 && before.uptime.since.length > 0, JSON.stringify(before.uptime));
  const processes = kamailio.rpc("core.psx").match(/^\tPID: \d+$/gm) ?? [];
  assert.equal(before.processes.count, processes.length);
  assert.ok(before.processes.list.every((/** @type {any} */ p) => p.pid > 0 && p.description !== ""));
  // The test config's 64 MB, less the memory manager's own header (tlsf keeps a few bytes).
  assert.ok(before.sharedMemory.total <= 64 * 1048576 && before.sharedMemory.total > 64 * 1048576 - 4096, `${before.sharedMemory.total}: the test config's 64 MB`);
  assert.ok(before.sharedMemory.used > 0 && before.sharedMemory.used <= before.sharedMemory.maxUsed);
  assert.deepEqual(before.dialogs, { active: 0, starting: 0, connecting: 0, answering: 0, ongoing: 0 });
  assert.deepEqual(before.refusals, {});
  assert.deepEqual(before.warnings, {});

  kamailio.rpc("htable.seti", "refusals", "s:scanner", "3");
  kamailio.rpc("htable.seti", "refusals", "s:auth-failure", "12");
  kamailio.rpc("htable.seti", "warnings", "s:destination-rate", "2");
  const after = ctlJson("status");
  assert.deepEqual(after.refusals, { "auth-failure": 12, scanner: 3 });
  assert.deepEqual(after.warnings, { "destination-rate": 2 });
  const text = ctl("status");
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^kamailio 5\.6\.3 .*, up (\d+[dhm] )*\d+s \(since .+\)$/m);
  assert.match(text.stdout, new RegExp(`^processes +${processes.length}$`, "m"));
  assert.match(text.stdout, /^shared memory +\d+\.\d MiB used of 64\.0 MiB \(\d+%\), peak \d+\.\d MiB$/m);
  assert.match(text.stdout, /^active dialogs +0 \(starting 0, connecting 0, answering 0, ongoing 0\)$/m);
  assert.match(text.stdout, /^refusals +auth-failure 12, scanner 3$/m);
  assert.match(text.stdout, /^warnings +destination-rate 2$/m);
});

test("bans lists the banned addresses; unban lifts a ban, and the address is answered again", async () => {
  assert.deepEqual(ctlJson("bans"), { count: 0, bans: [] });
  assert.equal(ctl("bans").stdout, "no banned addresses\n");
  kamailio.rpc("htable.seti", "ipban", "s:127.0.0.9", "1");
  kamailio.rpc("htable.seti", "ipban", "s:2001:db8::1", "1");
  const listed = ctlJson("bans");
  assert.equal(listed.count, 2);
  assert.deepEqual(listed.bans.map((/** @type {any} */ b) => b.address), ["127.0.0.9", "2001:db8::1"]);
  for (const b of listed.bans) assert.match(b.expires, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, "bantime 600 s: an expiry");
  assert.match(ctl("bans").stdout, /^127\.0\.0\.9 {2}until \d{4}-.*\n2001:db8::1 {2}until .*\n2 banned\n$/);

  assert.equal(await keepaliveFrom("127.0.0.9", "banned"), "no reply", "a banned address is dropped");
  assert.equal(ctl("unban", "127.0.0.9").stdout, "127.0.0.9 unbanned\n");
  assert.equal(await keepaliveFrom("127.0.0.9", "unbanned"), "SIP/2.0 200 Keepalive", "answered once unbanned");

  // IPv6 as typed by a person: brackets, zeros; the key is Kamailio's compressed form.
  assert.deepEqual(ctlJson("unban", "[2001:0DB8:0::0:1]"), { address: "2001:db8::1", wasBanned: true });
  assert.deepEqual(ctlJson("unban", "2001:db8::1"), { address: "2001:db8::1", wasBanned: false });
  assert.equal(ctl("unban", "127.0.0.9").stdout, "127.0.0.9 was not banned\n");
  assert.deepEqual(ctlJson("bans"), { count: 0, bans: [] });
});

test("reload reloads the Lua file Kamailio loads", async () => {
  // The file changed on disk is live only after the reload.
  writeFileSync(bundle, readFileSync(bundle, "utf8").replace('sl_send_reply(200, "Keepalive")', 'sl_send_reply(200, "Keepalive (reloaded)")'));
  assert.equal(await keepaliveFrom("127.0.0.1", "before-reload"), "SIP/2.0 200 Keepalive");
  assert.deepEqual(ctlJson("reload"), {
    reloaded: [{ name: "lua", result: "reloaded" }, { name: "rates", result: "reloaded from the database" }],
  });
  assert.equal(await keepaliveFrom("127.0.0.1", "after-reload"), "SIP/2.0 200 Keepalive (reloaded)");
  assert.equal(ctl("reload", "lua").stdout, "lua: reloaded\n");
  // rates: the plans as the database holds them; a matched prefix answers the same after it.
  assert.equal(ctl("reload", "rates").stdout, "rates: reloaded from the database\n");
  assert.match(kamailio.rpc("mtree.match", "default", "s:8613545769997", "0"), /TVALUE: default\|86\|China\|/);
  assert.deepEqual(healthProblems(kamailio.log()), []);
});

test("balances: what a prepaid account has left, before, during and after a call", async () => {
  const redis = kamailio.redis.socket;
  assert.deepEqual(ctlJson("balances", "--redis", redis), { store: "redis", accounts: [{ account: "7001", available: 125000, reserved: null }] });
  assert.match(ctl("balances", "--redis", redis).stdout, /^prepaid balances \(redis\)\naccount +available\n7001 +12\.50$/m);
  const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", "127.0.0.1", "-p", "5080"], { timeoutMs: 20000 });
  try {
    await gateway.ready();
    const call = runSipp(["-sf", scenario("uac-auth.xml"), "-i", "127.0.0.2", "-p", "5395", "127.0.0.1:5060", "-s", "13545769997", "-m", "1",
      "-au", "7001", "-ap", "pw-7001", "-key", "caller", "7001", "-d", "1500", "-recv_timeout", "5000"], { timeoutMs: 15000 });
    let during = ctlJson("balances", "7001", "--redis", redis).accounts[0].available;
    for (let i = 0; i < 30 && during === 125000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      during = ctlJson("balances", "7001", "--redis", redis).accounts[0].available;
    }
    assert.equal(during, 0, "the call holds the whole balance (4 h at 0.05/s is more)");
    assert.equal((await call).code, 0);
  } finally {
    await gateway.stop();
  }
  const [cdr] = await cdrRows(kamailio.databaseFile, { where: "account = '7001'" });
  assert.ok(cdr.cost > 0);
  assert.equal(ctlJson("balances", "7001", "--redis", redis).accounts[0].available, 125000 - cdr.cost, "the unspent part back, once");
  assert.deepEqual(ctlJson("balances", "nobody", "--redis", redis).accounts, []);
});

test("usage errors exit 2, an unreachable Kamailio 1, each with its reason", () => {
  const notIp = ctl("unban", "example.com");
  assert.equal(notIp.code, 2);
  assert.match(notIp.stderr, /not an IP address: "example\.com"/);
  const unknownPart = ctl("reload", "plans");
  assert.equal(unknownPart.code, 2);
  assert.match(unknownPart.stderr, /cannot reload plans: one of lua, rates/);
  assert.equal(ctl("frobnicate").code, 2);
  assert.equal(ctl("balances", "a", "b").code, 2);
  const r = spawnSync(process.execPath, [join(root, "scripts/ctl.mjs"), "status", "--socket", join(kamailio.runDir, "no-such-socket")], { encoding: "utf8" });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot reach Kamailio at unix:.*no-such-socket/);
});
