// Destination call rate per account and prefix through the real Kamailio (inside the test's
// netns), with small levels (warning 3, critical 5; the cfg defines that
// fraud.prefixCallsPerMinute renders): account 1001's calls to prefix 4930 complete up to the
// critical level, the ones past the warning level each with one warning line, and the next
// ones get 403 and are never relayed, from whatever address; 1001 to another prefix, 1002 to
// the same prefix and the trusted 127.0.0.1 are untouched. The prefix is the Request-URI
// user's first 4 digits (the temporary call in src/routes/request.ts). SIPp ports 5250+; the
// gateway is 127.0.0.3:5080. The file runs well within the counters' one-minute window.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startKamailio, testConfig, healthProblems } from "../support/kamailio.mjs";
import { runSipp, scenario, withGateway as withGatewayAt, pacedAuthenticatingCall, assertCallCompleted, assertCallRefused } from "../support/sipp.mjs";

const PROXY = "127.0.0.1:5060";
const CALLER_IP = "127.0.0.2";
const OTHER_IP = "127.0.0.4";
const GATEWAY_IP = "127.0.0.3";
const WARNING = 3;
const CRITICAL = 5;
const REFUSED = "SIP/2.0 403 Forbidden - destination call rate exceeded";
const PASSWORDS = { 1001: "s3cret", 1002: "other" };
const CONFIG = testConfig({
  trusted: ["127.0.0.1/32"],
  accounts: [
    { username: "1001", password: PASSWORDS[1001] },
    { username: "1002", password: PASSWORDS[1002] },
  ],
  gateways: [{ name: "gw", uri: `sip:${GATEWAY_IP}:5080`, priority: 1 }],
});

/** @type {Awaited<ReturnType<typeof startKamailio>>} */
let kamailio;

before(async () => {
  kamailio = await startKamailio({ config: CONFIG, defines: { PREFIX_RATE_WARNING: WARNING, PREFIX_RATE_CRITICAL: CRITICAL } });
});
after(async () => {
  await kamailio?.stop();
});

let port = 5250;
/** One call from `ip` as `user` to `number` that answers the challenge (paced: test/support/sipp.mjs). */
const call = (ip, user, number) => pacedAuthenticatingCall({ ip, port: port++, proxy: PROXY, number, user, password: PASSWORDS[user] });

const assertRefused = (result, what) => assertCallRefused(result, REFUSED, what);

/** The audit lines of the log (refused and warning), parsed. */
const auditLines = () =>
  kamailio
    .log()
    .split("\n")
    .filter((l) => / kamailio-ts (refused|warning) /.test(l))
    .map((l) => {
      const m = / (WARNING|NOTICE): .* kamailio-ts (refused|warning) reason=([\w-]+) ua="[^"]*" account="([^"]*)" from="[^"]*" ruri_user="([^"]*)" callid="[^"]*" src=([0-9.]+):\d+$/.exec(l);
      assert.ok(m, `not an audit line: ${l}`);
      return { level: m[1], outcome: m[2], reason: m[3], account: m[4], number: m[5], ip: m[6] };
    });

/** The htable destrate as { "<account>:<prefix>": count }. */
function destinationCounts() {
  const counts = {};
  for (const m of kamailio.rpc("htable.dump", "destrate").matchAll(/name: (\S+)\s+value: (\d+)/g)) counts[m[1]] = Number(m[2]);
  return counts;
}

test("per account and prefix: critical calls complete (past warning with a warning line), more get 403 from any address; another prefix, another account and trusted peers untouched", async () => {
  let completed = 0;
  const completes = async (ip, user, number, what) => {
    assertCallCompleted(await call(ip, user, number), what);
    completed++;
  };
  const { received } = await withGatewayAt({ ip: GATEWAY_IP, port: "5080" }, async () => {
    for (let i = 1; i <= CRITICAL; i++) await completes(CALLER_IP, "1001", "4930111111", `1001's call ${i} to 4930`);
    assert.equal(auditLines().filter((l) => l.outcome === "warning").length, CRITICAL - WARNING, "one warning line per call past the warning level");

    assertRefused(await call(CALLER_IP, "1001", "4930111112"), "1001's 6th call to 4930");
    assertRefused(await call(CALLER_IP, "1001", "4930111113"), "1001's 7th call to 4930");
    // Per account, not per address: 1001's next call from another address is refused too.
    assertRefused(await call(OTHER_IP, "1001", "4930111114"), "1001's 8th call to 4930, from another address");

    // Another prefix for 1001, the same prefix for 1002: untouched.
    await completes(CALLER_IP, "1001", "4420111111", "1001 to 4420");
    await completes(OTHER_IP, "1002", "4930222222", "1002 to 4930");

    // The trusted 127.0.0.1 (no account) is not limited: more than critical calls to 4930 complete.
    const trusted = await runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5290", PROXY, "-s", "4930333333", "-m", String(CRITICAL + 2), "-r", "10"], { timeoutMs: 20000 });
    assert.equal(trusted.code, 0, `${trusted.output}\n${trusted.errors}`);
    completed += CRITICAL + 2;
  });
  assert.equal(received.filter((m) => m.startsWith("INVITE ")).length, completed, "refused calls were never relayed");
  assert.ok(received.filter((m) => m.startsWith("INVITE ")).every((m) => !/^INVITE sip:493011111[234]@/.test(m)));

  const lines = auditLines();
  assert.deepEqual(
    lines.filter((l) => l.outcome === "warning"),
    [4, 5].map(() => ({ level: "WARNING", outcome: "warning", reason: "destination-rate", account: "1001", number: "4930111111", ip: CALLER_IP })),
  );
  assert.deepEqual(
    lines.filter((l) => l.outcome === "refused"),
    [
      { level: "NOTICE", outcome: "refused", reason: "destination-rate", account: "1001", number: "4930111112", ip: CALLER_IP },
      { level: "NOTICE", outcome: "refused", reason: "destination-rate", account: "1001", number: "4930111113", ip: CALLER_IP },
      { level: "NOTICE", outcome: "refused", reason: "destination-rate", account: "1001", number: "4930111114", ip: OTHER_IP },
    ],
    "no other refusal",
  );
  assert.deepEqual(destinationCounts(), { "1001:4930": CRITICAL + 3, "1001:4420": 1, "1002:4930": 1 }, "refused calls count too; trusted peers are not counted");
  assert.match(kamailio.rpc("htable.dump", "warnings"), /name: destination-rate\s+value: 2/);
  assert.match(kamailio.rpc("htable.dump", "refusals"), /name: destination-rate\s+value: 3/);
  assert.deepEqual(healthProblems(kamailio.log()), []);
});
