// Rate plans and account policy in the real Kamailio: loaded at start into mtree (shared
// memory) and the accounts htable, matched over RPC (mtree.match), and replaced without a
// restart by `npm run rates:load`, which never replaces a loaded plan with a bad file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { healthProblems, root, startKamailio, testConfig } from "../support/kamailio.mjs";
import { REDIS_DB, redisCli } from "../../scripts/lib/redis.mjs";
import { query } from "../../scripts/lib/subscriber-db.mjs";

const HEADER = "prefix,destination,connect_fee,price,unit_seconds,first_increment,next_increment,tiers,max_cost,weekdays,time_from,time_until";

/** The value mtree holds for the longest prefix of `number` in `tree`, or null when none matches. */
function match(kamailio, tree, number) {
  // "s:" makes kamcmd send the digits as a string (else an int, which mtree.match refuses).
  const out = kamailio.rpcRaw("mtree.match", tree, `s:${number}`, "0");
  if (/^error: 404 - Prefix not found/m.test(out)) return null;
  const value = /TVALUE: (.*)/.exec(out);
  assert.ok(value, out);
  return value[1];
}

/** An item of the accounts htable: its value, or null when the key is absent. */
function policy(kamailio, key) {
  const out = kamailio.rpcRaw("htable.get", "accounts", key);
  if (/^error: 500 - Key name doesn't exist in htable/m.test(out)) return null;
  const value = /value: (.*)/.exec(out);
  assert.ok(value, out);
  return value[1];
}

test("rates:load replaces the plans and the account policy of the running Kamailio; a bad file changes nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kts-rates-e2e-"));
  const gold = join(dir, "gold.csv");
  writeFileSync(gold, `${HEADER}\n86,China,,0.04,1,1,1,,,,,\n`);
  const base = testConfig();
  const configFor = (accounts) => ({
    ...base,
    billing: { ...base.billing, ratePlans: { default: join(root, "kamailio/rates/default.csv"), gold } },
    accounts,
  });
  const configFile = join(dir, "deployment.json");
  const before = [
    { username: "1001", password: "x", ratePlan: "gold", maxConcurrentCalls: 3 },
    { username: "1002", password: "y", prepaidBalance: "10.00", allowHighCost: true },
  ];
  writeFileSync(configFile, JSON.stringify(configFor(before)));
  const kamailio = await startKamailio({ config: configFor(before) });
  const ratesLoad = () => spawnSync("node", [join(root, "scripts/rates-load.mjs"), "--config", configFile, "--database", kamailio.databaseFile, "--ctl", join(kamailio.runDir, "kamailio_ctl"), "--redis", kamailio.redis.socket],
    { cwd: root, encoding: "utf8", timeout: 60000 });
  try {
    // The brief's callee, and the caller's Beijing number: longest prefix of each tree.
    assert.equal(match(kamailio, "default", "8613545769997"), "default|86|China|0,500,1,1,1");
    assert.equal(match(kamailio, "default", "861089672389"), "default|8610|China - Beijing|0,300,1,1,1");
    assert.equal(match(kamailio, "gold", "8613545769997"), "gold|86|China|0,400,1,1,1");
    assert.equal(match(kamailio, "gold", "447700900123"), null);
    assert.equal(match(kamailio, "highcost", "88161234567"), "1");
    assert.equal(match(kamailio, "highcost", "8613545769997"), null);
    assert.deepEqual(["1001::plan", "1001::maxcalls", "1001::prepaid", "1002::plan", "1002::prepaid", "1002::highcost", "1002::spend_crit"].map((k) => policy(kamailio, k)),
      ["gold", "3", "0", "default", "1", "1", "500000"]);

    // A broken plan (and an account change in the same config): refused, nothing changes.
    const after = [{ ...before[0], maxConcurrentCalls: 5 }, { ...before[1], enabled: false }, { username: "1003", password: "z", prepaidBalance: "5.00" }];
    writeFileSync(configFile, JSON.stringify(configFor(after)));
    writeFileSync(gold, `${HEADER}\n86,China,,0.03,1,1,1,,,,,\n8613,China Mobile,,"0,05",1,1,1,,,,,\n`);
    const rowsBefore = query(kamailio.databaseFile, "SELECT * FROM mtrees ORDER BY id; SELECT * FROM account_policy ORDER BY id;");
    const refused = ratesLoad();
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`^kamailio-ts: rate plans not loaded:\\n  - ${gold.replace(/[.]/g, "\\.")}:3: price: must be a decimal amount with at most 4 decimals, e\\.g\\. 0\\.05 \\(got "0,05"\\)\\n`));
    assert.match(refused.stderr, /nothing changed: the loaded rate plans stay in use/);
    assert.equal(query(kamailio.databaseFile, "SELECT * FROM mtrees ORDER BY id; SELECT * FROM account_policy ORDER BY id;"), rowsBefore);
    assert.equal(match(kamailio, "gold", "8613545769997"), "gold|86|China|0,400,1,1,1");
    assert.equal(policy(kamailio, "1001::maxcalls"), "3");

    // Fixed: the new plan and policy are live without a restart.
    writeFileSync(gold, `${HEADER}\n86,China,,0.03,1,1,1,,,,,\n8613,China Mobile,,0.05,60,30,6,,,,,\n`);
    const loaded = ratesLoad();
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.match(loaded.stderr, /prefixes per tree: default 8, gold 2, highcost 25; 12 account policy items/);
    assert.match(loaded.stderr, /Kamailio reloaded the rate plans \(mtree\) and the account policy \(htable accounts\)/);
    assert.equal(match(kamailio, "gold", "8613545769997"), "gold|8613|China Mobile|0,500,60,30,6");
    assert.equal(match(kamailio, "gold", "8610"), "gold|86|China|0,300,1,1,1");
    assert.equal(match(kamailio, "default", "8613545769997"), "default|86|China|0,500,1,1,1");
    assert.equal(policy(kamailio, "1001::maxcalls"), "5");
    assert.equal(policy(kamailio, "1002::plan"), null, "a disabled account has no policy");
    assert.equal(policy(kamailio, "1003::prepaid"), "1");
    const balance = (user) => redisCli(kamailio.redis.socket, "-n", String(REDIS_DB.state), "GET", `balance:${user}`).trim();
    assert.equal(balance("1003"), "50000", "a new prepaid account's opening balance");
    assert.equal(balance("1002"), "100000", "an existing balance is never refilled nor removed");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});
