// The deployment config: defaults, and a clear error naming the field for every mistake.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../support/kamailio.mjs";
import { AUTH_FAILURE_DEFAULTS, CALL_RATE_DEFAULTS, ConfigError, DEFAULT_SCANNER_USER_AGENTS, loadDeploymentConfig, validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { DEFAULT_HIGH_COST_PREFIXES } from "../../scripts/lib/billing-config.mjs";
import { renderAddressList, renderBanTables, renderDispatcherList, renderScannerGroups, prepareKamailioRun } from "../../scripts/lib/kamailio-run.mjs";

const defaultFile = join(root, "kamailio/deployment.json");
const base = () => JSON.parse(readFileSync(defaultFile, "utf8"));

/** The problems a config has, as "field: message" lines. */
function problems(config) {
  try {
    validateDeploymentConfig(config, "test.json");
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
}

test("the shipped config is valid: relays to 127.0.0.1:5080 and trusts 127.0.0.1", () => {
  const config = loadDeploymentConfig(defaultFile);
  assert.deepEqual(config.gateways, [{ name: "carrier-a", uri: "sip:127.0.0.1:5080", priority: 10 }]);
  assert.deepEqual(config.trusted, [{ address: "127.0.0.1", mask: 32, port: 0 }]);
  assert.deepEqual(config.listen, [
    { proto: "udp", address: "127.0.0.1", port: 5060 },
    { proto: "tcp", address: "127.0.0.1", port: 5060 },
  ]);
});

test("defaults fill what a config leaves out", () => {
  const config = validateDeploymentConfig({ listen: ["udp:127.0.0.1:5060"], gateways: [{ name: "g", uri: "sip:192.0.2.1" }] }, "min.json");
  assert.deepEqual(config.kamailio, { workers: 4, sharedMemoryMb: 128, privateMemoryMb: 16, logLevel: 2, gatewayTimeoutMs: 5000 });
  assert.deepEqual(config.trusted, []);
  assert.deepEqual(config.tollFreeGateways, []);
  assert.equal(config.gateways[0].priority, 0);
  assert.deepEqual(config.fraud, {
    scannerUserAgents: [...DEFAULT_SCANNER_USER_AGENTS],
    authFailures: { maxretry: 5, findtime: 600, bantime: 600 },
    callRate: { callsPerMinute: 100, banCallsPerMinute: 200 },
    failMode: "closed",
    highCostPrefixes: [...DEFAULT_HIGH_COST_PREFIXES],
    maxConcurrentCalls: 10,
    spendPerHour: { warning: 200000, critical: 500000 },
    prefixCallsPerMinute: { warning: 20, critical: 30 },
    prefixCallWindows: [],
  });
  assert.equal(config.billing, null, "no billing section: no rate plans");
  assert.deepEqual(AUTH_FAILURE_DEFAULTS, { maxretry: 5, findtime: 600, bantime: 600 }, "fail2ban's defaults");
  assert.deepEqual(validateDeploymentConfig({ listen: ["udp:127.0.0.1:5060"], gateways: [{ name: "g", uri: "sip:192.0.2.1" }], fraud: {} }, "f.json").fraud.scannerUserAgents, [...DEFAULT_SCANNER_USER_AGENTS]);
  for (const ua of ["friendly-scanner", "sipvicious", "sipcli", "VaxSIPUserAgent", "sipsak", "sundayddr", "iWar", "SIPScan", "sip-scan", "PortSIP VoIP SDK"]) {
    assert.ok(DEFAULT_SCANNER_USER_AGENTS.includes(ua), ua);
  }
});

test("each mistake is reported with its field", () => {
  const cases = [
    [{ listen: [] }, /^listen: must not be empty/],
    [{ listen: ["udp:localhost:5060"] }, /^listen\[0\]: must be "udp\|tcp:IP:PORT"/],
    [{ listen: ["sctp:127.0.0.1:5060"] }, /^listen\[0\]: /],
    [{ listen: ["udp:127.0.0.1:70000"] }, /^listen\[0\]: /],
    [{ gateways: [] }, /^gateways: must not be empty/],
    [{ gateways: [{ name: "a", uri: "http://x" }] }, /^gateways\[0\]\.uri: must be a SIP URI/],
    [{ gateways: [{ name: "a b", uri: "sip:127.0.0.1" }] }, /^gateways\[0\]\.name: /],
    [{ gateways: [{ name: "a", uri: "sip:127.0.0.1", priority: -1 }] }, /^gateways\[0\]\.priority: /],
    [{ gateways: [{ name: "a", uri: "sip:127.0.0.1", weight: 1 }] }, /^gateways\[0\]\.weight: unknown field/],
    [{ gateways: [{ name: "a", uri: "sip:127.0.0.1" }, { name: "a", uri: "sip:127.0.0.2" }] }, /^gateways\[1\]\.name: "a" is used more than once/],
    [{ tollFreeGateways: { name: "t", uri: "sip:127.0.0.1" } }, /^tollFreeGateways: must be a list/],
    [{ tollFreeGateways: [{ name: "t", uri: "tel:800" }] }, /^tollFreeGateways\[0\]\.uri: must be a SIP URI/],
    [{ gateways: [{ name: "a", uri: "sip:127.0.0.1" }], tollFreeGateways: [{ name: "a", uri: "sip:127.0.0.2" }] }, /^tollFreeGateways\[0\]\.name: "a" is used more than once/],
    [{ accounts: [{ username: "1001", password: "x" }, { username: "1001", password: "y" }] }, /^accounts\[1\]\.username: "1001" is used more than once/],
    [{ accounts: [{ username: "10 01", password: "x" }] }, /^accounts\[0\]\.username: /],
    [{ accounts: [{ username: "1001", password: "" }] }, /^accounts\[0\]\.password: must be 1-64 printable characters/],
    [{ accounts: [{ username: "1001", password: "a\nb" }] }, /^accounts\[0\]\.password: /],
    [{ accounts: [{ username: "1001", password: "x", enabled: "yes" }] }, /^accounts\[0\]\.enabled: must be true or false/],
    [{ trusted: ["10.0.0.0/33"] }, /^trusted\[0\]: must be an IP address or CIDR/],
    [{ trusted: [{ cidr: "127.0.0.1", port: 99999 }] }, /^trusted\[0\]\.port: /],
    [{ domains: ["bad domain"] }, /^domains\[0\]: /],
    [{ kamailio: { workers: 0 } }, /^kamailio\.workers: must be an integer from 1 to 64/],
    [{ kamailio: { children: 4 } }, /^kamailio\.children: unknown field/],
    [{ listner: [] }, /^listner: unknown field/],
    [{ fraud: ["friendly-scanner"] }, /^fraud: must be an object/],
    [{ fraud: { scannerUserAgent: [] } }, /^fraud\.scannerUserAgent: unknown field \(allowed: scannerUserAgents, authFailures, callRate, highCostPrefixes, maxConcurrentCalls, spendPerHour, prefixCallsPerMinute, prefixCallWindows, failMode\)/],
    [{ fraud: { callRate: 100 } }, /^fraud\.callRate: must be an object like/],
    [{ fraud: { callRate: { callsPerMin: 100 } } }, /^fraud\.callRate\.callsPerMin: unknown field \(allowed: callsPerMinute, banCallsPerMinute\)/],
    [{ fraud: { callRate: { callsPerMinute: 0 } } }, /^fraud\.callRate\.callsPerMinute: must be an integer from 1 to 1000000: new calls a minute/],
    [{ fraud: { callRate: { callsPerMinute: 1.5 } } }, /^fraud\.callRate\.callsPerMinute: /],
    [{ fraud: { callRate: { callsPerMinute: "100" } } }, /^fraud\.callRate\.callsPerMinute: /],
    [{ fraud: { callRate: { callsPerMinute: 1000001 } } }, /^fraud\.callRate\.callsPerMinute: /],
    [{ fraud: { callRate: { banCallsPerMinute: -1 } } }, /^fraud\.callRate\.banCallsPerMinute: must be an integer from 1 to 1000000: new calls a minute past which the source IP is banned/],
    [{ fraud: { callRate: { banCallsPerMinute: null } } }, /^fraud\.callRate\.banCallsPerMinute: /],
    [{ fraud: { callRate: { banCallsPerMinute: 50 } } }, /^fraud\.callRate\.banCallsPerMinute: must be at least callsPerMinute \(100\) \(got 50\)/],
    [{ fraud: { callRate: { callsPerMinute: 20, banCallsPerMinute: 19 } } }, /^fraud\.callRate\.banCallsPerMinute: must be at least callsPerMinute \(20\)/],
    [{ fraud: { authFailures: 5 } }, /^fraud\.authFailures: must be an object/],
    [{ fraud: { authFailures: { maxRetry: 5 } } }, /^fraud\.authFailures\.maxRetry: unknown field \(allowed: maxretry, findtime, bantime\)/],
    [{ fraud: { authFailures: { maxretry: 0 } } }, /^fraud\.authFailures\.maxretry: must be an integer from 1 to 100000/],
    [{ fraud: { authFailures: { maxretry: 2.5 } } }, /^fraud\.authFailures\.maxretry: /],
    [{ fraud: { authFailures: { maxretry: "5" } } }, /^fraud\.authFailures\.maxretry: /],
    [{ fraud: { authFailures: { findtime: 0 } } }, /^fraud\.authFailures\.findtime: must be an integer from 1 to 31536000 \(seconds\)/],
    [{ fraud: { authFailures: { findtime: -1 } } }, /^fraud\.authFailures\.findtime: /],
    [{ fraud: { authFailures: { findtime: 31536001 } } }, /^fraud\.authFailures\.findtime: /],
    [{ fraud: { authFailures: { bantime: 0 } } }, /^fraud\.authFailures\.bantime: must be an integer from 1 to 31536000 \(seconds\), or negative for a ban until lifted/],
    [{ fraud: { authFailures: { bantime: 1.5 } } }, /^fraud\.authFailures\.bantime: /],
    [{ fraud: { authFailures: { bantime: null } } }, /^fraud\.authFailures\.bantime: /],
    [{ fraud: { scannerUserAgents: "friendly-scanner" } }, /^fraud\.scannerUserAgents: must be a list/],
    [{ fraud: { scannerUserAgents: ["ok", ""] } }, /^fraud\.scannerUserAgents\[1\]: must be 1-64 printable ASCII characters/],
    [{ fraud: { scannerUserAgents: [42] } }, /^fraud\.scannerUserAgents\[0\]: must be 1-64 /],
    [{ fraud: { scannerUserAgents: ["evil\r\nscanner"] } }, /^fraud\.scannerUserAgents\[0\]: must be 1-64 printable ASCII/],
    [{ fraud: { scannerUserAgents: ["x".repeat(65)] } }, /^fraud\.scannerUserAgents\[0\]: must be 1-64 /],
    [{ fraud: { scannerUserAgents: [" sipcli"] } }, /^fraud\.scannerUserAgents\[0\]: .*without leading or trailing spaces/],
    [{ fraud: { scannerUserAgents: ["caf\u00e9"] } }, /^fraud\.scannerUserAgents\[0\]: must be 1-64 printable ASCII/],
    [{ fraud: { scannerUserAgents: ["sipcli", "SIPcli"] } }, /^fraud\.scannerUserAgents\[1\]: "SIPcli" is listed more than once \(matching ignores case\)/],
    [{ fraud: { scannerUserAgents: Array.from({ length: 65 }, (_, i) => `ua${i}`) } }, /^fraud\.scannerUserAgents: must have at most 64 entries \(got 65\)/],
  ];
  for (const [change, expected] of cases) {
    const found = problems({ ...base(), ...change });
    assert.equal(found.length, 1, `${JSON.stringify(change)} -> ${JSON.stringify(found)}`);
    assert.match(found[0], expected, JSON.stringify(change));
  }
});

test("a file that is not JSON names the file and the parse error", () => {
  const file = join(mkdtempSync(join(tmpdir(), "kts-config-")), "broken.json");
  writeFileSync(file, '{ "listen": [ }');
  assert.throws(() => loadDeploymentConfig(file), (error) => error instanceof ConfigError && error.message.startsWith(`${file}: invalid deployment config`) && /not valid JSON/.test(error.message));
});

test("npm start refuses a broken config with a message naming the file and the field, and starts nothing", () => {
  const file = join(mkdtempSync(join(tmpdir(), "kts-config-")), "bad.json");
  writeFileSync(file, JSON.stringify({ ...base(), gateways: [{ name: "a", uri: "tel:123" }] }));
  const r = spawnSync("node", [join(root, "scripts/start.mjs"), "--config", file], { encoding: "utf8", timeout: 20000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`kamailio-ts: ${file}: invalid deployment config:\\n  - gateways\\[0\\]\\.uri: must be a SIP URI`));
  assert.doesNotMatch(r.stderr, /kamailio -f/, "Kamailio was not started");
});

test("the config renders the dispatcher list, the trusted address list and the command line", () => {
  const config = validateDeploymentConfig(
    { ...base(), trusted: ["192.0.2.0/24", { cidr: "2001:db8::1", port: 5060 }], gateways: [{ name: "a", uri: "sip:192.0.2.10:5060", priority: 5 }] },
    "render.json",
  );
  assert.equal(renderDispatcherList(config), "1 sip:192.0.2.10:5060 0 5 name=a\n");
  const withTollFree = validateDeploymentConfig({ ...base(), gateways: config.gateways, tollFreeGateways: [{ name: "tf", uri: "sip:192.0.2.80", priority: 3 }] }, "tf.json");
  assert.equal(renderDispatcherList(withTollFree), "1 sip:192.0.2.10:5060 0 5 name=a\n2 sip:192.0.2.80 0 3 name=tf\n", "set 2: the 800-number gateways");
  assert.equal(renderAddressList(config), "1 192.0.2.0 24 0 trusted\n1 2001:db8::1 128 5060 trusted\n");
  const run = prepareKamailioRun({ root, config, runDir: mkdtempSync(join(tmpdir(), "kts-run-")), redisSocket: "/run/test/redis.sock", redisPort: 6390, databaseFile: "/var/test/k.sqlite" });
  const args = run.args.join(" ");
  assert.match(args, /-l udp:127\.0\.0\.1:5060 -l tcp:127\.0\.0\.1:5060/);
  assert.match(args, /--alias=localhost:5060/);
  assert.match(args, /-A WORKERS=4 /);
  assert.match(args, /-A LUA_BUNDLE="\/.*\/lua-out\/kamailio\.lua"/);
  assert.match(args, /-A REDIS_SERVER="name=topos;unix=\/run\/test\/redis\.sock;db=0"/);
  assert.match(args, /-A DB_URL="sqlite:\/\/\/\/var\/test\/k\.sqlite"/);
});

test("the scanner User-Agents render as regex group 0: one escaped, case-insensitive literal a line", () => {
  const config = validateDeploymentConfig({ ...base(), fraud: { scannerUserAgents: ["friendly-scanner", "PortSIP VoIP SDK", "a.b*(c)[d]$^|\\e?+{1}#"] } }, "fraud.json");
  const text = renderScannerGroups(config);
  const lines = text.split("\n");
  assert.match(lines[0], /^# /, "a comment first");
  assert.equal(lines[1], "[0]");
  assert.deepEqual(lines.slice(2), ["(?i)friendly\\-scanner", "(?i)PortSIP\\ VoIP\\ SDK", "(?i)a\\.b\\*\\(c\\)\\[d\\]\\$\\^\\|\\\\e\\?\\+\\{1\\}\\#", ""]);
  // As the regex module compiles the group ("((line1)|(line2)...)"), with JavaScript's regex
  // standing in for PCRE (the same escapes; "(?i)" moved to a flag): literal substrings, any case.
  const group = new RegExp(lines.slice(2, -1).map((l) => `(${l.replace("(?i)", "")})`).join("|"), "i");
  assert.ok(group.test("FRIENDLY-SCANNER"));
  assert.ok(group.test("x portsip voip sdk 11.2"));
  assert.ok(group.test("A.B*(C)[D]$^|\\E?+{1}#"));
  assert.ok(!group.test("friendly scanner"));
  assert.ok(!group.test("axb"));
  // No line the module would skip (space, tab, '#') or take for a group ('['), none over its 500 bytes.
  for (const line of lines.slice(2, -1)) assert.match(line, /^\(\?i\)[^\n]{1,490}$/);
  const longest = renderScannerGroups(validateDeploymentConfig({ ...base(), fraud: { scannerUserAgents: ["#".repeat(64)] } }, "long.json"));
  assert.ok(longest.split("\n")[2].length < 500);
  // An empty list: a group that matches nothing (the module refuses a file without groups).
  assert.equal(renderScannerGroups(validateDeploymentConfig({ ...base(), fraud: { scannerUserAgents: [] } }, "none.json")).split("\n").slice(1).join("\n"), "[0]\n(?!)\n");
  const run = prepareKamailioRun({ root, config, runDir: mkdtempSync(join(tmpdir(), "kts-run-")), redisSocket: "/run/test/redis.sock", redisPort: 6390, databaseFile: "/var/test/k.sqlite" });
  const file = /-A REGEX_GROUPS_FILE="([^"]+)"/.exec(run.args.join(" "))?.[1];
  assert.ok(file, "REGEX_GROUPS_FILE is defined");
  assert.equal(readFileSync(file, "utf8"), text);
});

test("fraud.authFailures: defaults per field, and the htables and defines it renders", () => {
  const partial = validateDeploymentConfig({ ...base(), fraud: { authFailures: { maxretry: 3 } } }, "ban.json");
  assert.deepEqual(partial.fraud.authFailures, { maxretry: 3, findtime: 600, bantime: 600 });
  assert.deepEqual(partial.fraud.scannerUserAgents, [...DEFAULT_SCANNER_USER_AGENTS]);
  assert.deepEqual(renderBanTables(partial), {
    failures: "authfail=>size=12;autoexpire=600;updateexpire=0;",
    bans: "ipban=>size=10;autoexpire=600;updateexpire=0;",
  });
  const forever = validateDeploymentConfig({ ...base(), fraud: { authFailures: { maxretry: 2, findtime: 30, bantime: -1 } } }, "forever.json");
  assert.deepEqual(forever.fraud.authFailures, { maxretry: 2, findtime: 30, bantime: -1 });
  assert.equal(renderBanTables(forever).bans, "ipban=>size=10;autoexpire=0;updateexpire=0;", "a negative bantime: no autoexpire");
  assert.equal(renderBanTables(forever).failures, "authfail=>size=12;autoexpire=30;updateexpire=0;");
  const run = prepareKamailioRun({ root, config: forever, runDir: mkdtempSync(join(tmpdir(), "kts-run-")), redisSocket: "/run/test/redis.sock", redisPort: 6390, databaseFile: "/var/test/k.sqlite" });
  const args = run.args.join(" ");
  assert.match(args, /-A AUTH_MAXRETRY=2 /);
  assert.match(args, /-A AUTH_FAILURES_HTABLE="authfail=>size=12;autoexpire=30;updateexpire=0;" /);
  assert.match(args, /-A BANS_HTABLE="ipban=>size=10;autoexpire=0;updateexpire=0;"/);
  // kamailio.cfg's own defaults are the config's defaults.
  const cfg = readFileSync(join(root, "kamailio/kamailio.cfg"), "utf8");
  const defaults = renderBanTables(validateDeploymentConfig(base(), "base.json"));
  assert.ok(cfg.includes(`#!define AUTH_FAILURES_HTABLE "${defaults.failures}"`));
  assert.ok(cfg.includes(`#!define BANS_HTABLE "${defaults.bans}"`));
  assert.ok(cfg.includes("#!define AUTH_MAXRETRY 5\n"));
});

test("fraud.callRate: defaults (100, and twice callsPerMinute bans), and the defines it renders", () => {
  assert.deepEqual(CALL_RATE_DEFAULTS, { callsPerMinute: 100, banCallsPerMinute: 200 }, "the brief's 100 a minute");
  assert.deepEqual(validateDeploymentConfig({ ...base(), fraud: { callRate: {} } }, "r.json").fraud.callRate, { callsPerMinute: 100, banCallsPerMinute: 200 });
  assert.deepEqual(validateDeploymentConfig({ ...base(), fraud: { callRate: { callsPerMinute: 300 } } }, "r.json").fraud.callRate, { callsPerMinute: 300, banCallsPerMinute: 600 });
  assert.deepEqual(validateDeploymentConfig({ ...base(), fraud: { callRate: { callsPerMinute: 1000000 } } }, "r.json").fraud.callRate, { callsPerMinute: 1000000, banCallsPerMinute: 1000000 });
  assert.deepEqual(validateDeploymentConfig({ ...base(), fraud: { callRate: { banCallsPerMinute: 100 } } }, "r.json").fraud.callRate, { callsPerMinute: 100, banCallsPerMinute: 100 }, "equal: ban at once");
  const config = validateDeploymentConfig({ ...base(), fraud: { callRate: { callsPerMinute: 10, banCallsPerMinute: 15 } } }, "rate.json");
  assert.deepEqual(config.fraud.callRate, { callsPerMinute: 10, banCallsPerMinute: 15 });
  assert.deepEqual(config.fraud.authFailures, { maxretry: 5, findtime: 600, bantime: 600 });
  const run = prepareKamailioRun({ root, config, runDir: mkdtempSync(join(tmpdir(), "kts-run-")), redisSocket: "/run/test/redis.sock", redisPort: 6390, databaseFile: "/var/test/k.sqlite" });
  const args = run.args.join(" ");
  assert.match(args, /-A CALL_RATE_LIMIT=10 /);
  assert.match(args, /-A CALL_RATE_BAN=15( |$)/);
  // kamailio.cfg's own defaults are the config's defaults; its counter table has a fixed minute.
  const cfg = readFileSync(join(root, "kamailio/kamailio.cfg"), "utf8");
  assert.ok(cfg.includes("#!define CALL_RATE_LIMIT 100\n"));
  assert.ok(cfg.includes("#!define CALL_RATE_BAN 200\n"));
  assert.ok(cfg.includes('#!define CALL_RATE_HTABLE "callrate=>size=12;autoexpire=60;updateexpire=0;"\n'));
  assert.ok(run.args.includes('CALL_RATE_HTABLE="callrate=>size=12;autoexpire=60;updateexpire=0;"'), "the same, rendered (replicated in a cluster only)");
});

test("fraud.prefixCallsPerMinute: the warning and critical defines", () => {
  const runArgs = (config) => prepareKamailioRun({ root, config, runDir: mkdtempSync(join(tmpdir(), "kts-run-")), redisSocket: "/run/test/redis.sock", redisPort: 6390, databaseFile: "/var/test/k.sqlite" }).args.join(" ");
  const config = validateDeploymentConfig(base(), "base.json");
  assert.match(runArgs(config), /-A PREFIX_RATE_WARNING=20 -A PREFIX_RATE_CRITICAL=30( |$)/);
  assert.match(runArgs(config), /-A PREFIX_RATE_WINDOWS=""( |$)/, "no windows");
  const night = validateDeploymentConfig({ ...base(), fraud: { prefixCallWindows: [{ weekdays: "1-5", from: "20:00", until: "08:00", warning: 5, critical: 10 }, { from: "00:00", until: "24:00", warning: 1, critical: 1 }] } }, "base.json");
  assert.match(runArgs(night), /-A PREFIX_RATE_WINDOWS="12345,72000,28800,5,10;1234567,0,86400,1,1"( |$)/);
  assert.throws(
    () => validateDeploymentConfig({ ...base(), fraud: { prefixCallWindows: [{ weekdays: "0", from: "8:00", until: "20:00", warning: 5 }] } }, "base.json"),
    (e) => /fraud\.prefixCallWindows\[0\]\.weekdays: must be ISO weekdays/.test(e.message) && /fraud\.prefixCallWindows\[0\]\.from: must be a time HH:MM/.test(e.message) && /fraud\.prefixCallWindows\[0\]\.critical: is required/.test(e.message),
  );
  // A validated config that carries the field passes its levels on.
  const withLevels = { ...config, fraud: { ...config.fraud, prefixCallsPerMinute: { warning: 7, critical: 9 } } };
  assert.match(runArgs(withLevels), /-A PREFIX_RATE_WARNING=7 -A PREFIX_RATE_CRITICAL=9( |$)/);
  // kamailio.cfg's own defaults are the same; its counter table has a fixed minute.
  const cfg = readFileSync(join(root, "kamailio/kamailio.cfg"), "utf8");
  assert.ok(cfg.includes("#!define PREFIX_RATE_WARNING 20\n"));
  assert.ok(cfg.includes("#!define PREFIX_RATE_CRITICAL 30\n"));
  assert.ok(cfg.includes('#!define DESTINATION_RATE_HTABLE "destrate=>size=12;autoexpire=60;updateexpire=0;"\n'));
  assert.match(runArgs(config), / -A DESTINATION_RATE_HTABLE="destrate=>size=12;autoexpire=60;updateexpire=0;"( |$)/);
});

test("billing: the shipped config's section, plan paths relative to the config file, accounts' defaults", () => {
  const config = loadDeploymentConfig(defaultFile);
  assert.deepEqual(config.billing, {
    numbering: { countryCode: "86", internationalPrefix: "00", nationalPrefix: "0" },
    utcOffsetMinutes: 480,
    ratePlans: { default: join(root, "kamailio/rates/default.csv") },
    defaultPlan: "default",
    maxCallSeconds: 14400,
    cdr: { database: "sqlite" },
  });
  const minimal = validateDeploymentConfig({ ...base(), billing: { numbering: { countryCode: "44" }, ratePlans: { default: "/abs/uk.csv", gold: "gold.csv" } } }, "/etc/kts/site.json");
  assert.deepEqual(minimal.billing, {
    numbering: { countryCode: "44", internationalPrefix: "00", nationalPrefix: "0" },
    utcOffsetMinutes: 0,
    ratePlans: { default: "/abs/uk.csv", gold: "/etc/kts/gold.csv" },
    defaultPlan: "default",
    maxCallSeconds: 14400,
    cdr: { database: "sqlite" },
  });
  const withAccounts = validateDeploymentConfig({
    ...base(),
    billing: { ...base().billing, ratePlans: { default: "rates/default.csv", gold: "rates/gold.csv" }, cdr: { database: "postgres", url: "postgres://kamailio:s3cret@127.0.0.1:5432/cdr" } },
    fraud: { maxConcurrentCalls: 4, spendPerHour: { warning: "5", critical: "7.5" }, highCostPrefixes: ["8810", "881"], prefixCallsPerMinute: { warning: 2, critical: 2 } },
    accounts: [
      { username: "1001", password: "x" },
      { username: "1002", password: "x", ratePlan: "gold", prepaidBalance: "10.00", allowHighCost: true, maxConcurrentCalls: 2, spendPerHour: { critical: "100.0001" } },
    ],
  }, join(root, "kamailio/site.json"));
  assert.deepEqual(withAccounts.billing.cdr, { database: "postgres", url: "postgres://kamailio:s3cret@127.0.0.1:5432/cdr" });
  assert.deepEqual(withAccounts.fraud.spendPerHour, { warning: 50000, critical: 75000 });
  assert.deepEqual(withAccounts.fraud.prefixCallsPerMinute, { warning: 2, critical: 2 });
  assert.deepEqual(withAccounts.accounts, [
    { username: "1001", password: "x", enabled: true, ratePlan: "default", prepaidBalance: null, allowHighCost: false, maxConcurrentCalls: 4, spendPerHour: { warning: 50000, critical: 75000 } },
    { username: "1002", password: "x", enabled: true, ratePlan: "gold", prepaidBalance: 100000, allowHighCost: true, maxConcurrentCalls: 2, spendPerHour: { warning: 50000, critical: 1000001 } },
  ]);
  const noBilling = validateDeploymentConfig({ ...base(), billing: undefined, accounts: [{ username: "1001", password: "x" }] }, "n.json");
  assert.equal(noBilling.accounts[0].ratePlan, null);
});

test("each billing mistake is reported with its field", () => {
  const billing = base().billing;
  const cases = [
    [{ billing: [] }, /^billing: must be an object/],
    [{ billing: { ...billing, currency: "CNY" } }, /^billing\.currency: unknown field \(allowed: numbering, utcOffsetMinutes, ratePlans, defaultPlan, maxCallSeconds, cdr\)/],
    [{ billing: { ...billing, numbering: undefined } }, /^billing\.numbering: must be an object like/],
    [{ billing: { ...billing, numbering: { countryCode: "086" } } }, /^billing\.numbering\.countryCode: must be the callers' country code, 1 to 3 digits/],
    [{ billing: { ...billing, numbering: { countryCode: 86 } } }, /^billing\.numbering\.countryCode: /],
    [{ billing: { ...billing, numbering: { countryCode: "86", internationalPrefix: "+" } } }, /^billing\.numbering\.internationalPrefix: must be 0 to 4 digits/],
    [{ billing: { ...billing, numbering: { countryCode: "86", internationalPrefix: "0", nationalPrefix: "0" } } }, /^billing\.numbering\.nationalPrefix: must differ from internationalPrefix/],
    [{ billing: { ...billing, numbering: { countryCode: "86", trunk: "0" } } }, /^billing\.numbering\.trunk: unknown field/],
    [{ billing: { ...billing, utcOffsetMinutes: 841 } }, /^billing\.utcOffsetMinutes: must be an integer from -720 to 840/],
    [{ billing: { ...billing, utcOffsetMinutes: "+8" } }, /^billing\.utcOffsetMinutes: /],
    [{ billing: { ...billing, maxCallSeconds: 0 } }, /^billing\.maxCallSeconds: must be an integer from 1 to 86400/],
    [{ billing: { ...billing, ratePlans: {} } }, /^billing\.ratePlans: must name at least one plan/],
    [{ billing: { ...billing, ratePlans: { default: "a.csv", Gold: "b.csv" } } }, /^billing\.ratePlans\.Gold: plan names must be 1-32 of a-z, 0-9, '_' and '-'/],
    [{ billing: { ...billing, ratePlans: { default: "a.csv", highcost: "b.csv" } } }, /^billing\.ratePlans\.highcost: "highcost" is the tree of fraud\.highCostPrefixes/],
    [{ billing: { ...billing, ratePlans: { default: "" } } }, /^billing\.ratePlans\.default: must be the path of the plan's CSV file/],
    [{ billing: { ...billing, defaultPlan: "gold" } }, /^billing\.defaultPlan: must be one of billing\.ratePlans \(default\) \(got "gold"\)/],
    [{ billing: { ...billing, defaultPlan: undefined, ratePlans: { gold: "g.csv" } } }, /^billing\.defaultPlan: must be one of billing\.ratePlans \(gold\) \(got undefined: "default" when not set\)/],
    [{ billing: { ...billing, cdr: { database: "mysql" } } }, /^billing\.cdr\.database: must be \{ "database": "sqlite" \} or/],
    [{ billing: { ...billing, cdr: { database: "postgres" } } }, /^billing\.cdr\.url: must be "postgres:\/\/USER:PASSWORD@HOST\[:PORT\]\/DATABASE"/],
    [{ billing: { ...billing, cdr: { database: "postgres", url: "postgres://u:p@w@h/db" } } }, /^billing\.cdr\.url: /],
    [{ billing: { ...billing, cdr: { database: "sqlite", url: "x" } } }, /^billing\.cdr\.url: unknown field/],
    [{ accounts: [{ username: "1001", password: "x", ratePlan: "gold" }] }, /^accounts\[0\]\.ratePlan: must be one of billing\.ratePlans \(default\) \(got "gold"\)/],
    [{ accounts: [{ username: "1001", password: "x", prepaidBalance: 10 }] }, /^accounts\[0\]\.prepaidBalance: must be a decimal amount string from 0\.00 to 99999999999\.9999 with at most 4 decimals/],
    [{ accounts: [{ username: "1001", password: "x", prepaidBalance: "-1" }] }, /^accounts\[0\]\.prepaidBalance: /],
    [{ accounts: [{ username: "1001", password: "x", prepaidBalance: "1.00001" }] }, /^accounts\[0\]\.prepaidBalance: /],
    [{ accounts: [{ username: "1001", password: "x", allowHighCost: "yes" }] }, /^accounts\[0\]\.allowHighCost: must be true or false/],
    [{ accounts: [{ username: "1001", password: "x", maxConcurrentCalls: 0 }] }, /^accounts\[0\]\.maxConcurrentCalls: must be an integer from 1 to 100000 \(got 0\)/],
    [{ accounts: [{ username: "1001", password: "x", spendPerHour: { warning: "60.00" } }] }, /^accounts\[0\]\.spendPerHour\.critical: must be at least warning \("60\.00"\)/],
    [{ accounts: [{ username: "1001", password: "x", spendPerHour: { warn: "1" } }] }, /^accounts\[0\]\.spendPerHour\.warn: unknown field \(allowed: warning, critical\)/],
    [{ accounts: [{ username: "1001", password: "x", spendPerHour: { warning: "100000.0001" } }] }, /^accounts\[0\]\.spendPerHour\.warning: must be a decimal amount string from 0\.0001 to 100000\.00/],
    [{ accounts: [{ username: "1001", password: "x", plan: "gold" }] }, /^accounts\[0\]\.plan: unknown field \(allowed: username, password, enabled, ratePlan, prepaidBalance, allowHighCost, maxConcurrentCalls, spendPerHour\)/],
    [{ billing: undefined, accounts: [{ username: "1001", password: "x", ratePlan: "default" }] }, /^accounts\[0\]\.ratePlan: needs a billing section with ratePlans/],
    [{ fraud: { highCostPrefixes: "881" } }, /^fraud\.highCostPrefixes: must be a list/],
    [{ fraud: { highCostPrefixes: ["+881"] } }, /^fraud\.highCostPrefixes\[0\]: must be 1 to 15 digits of E\.164/],
    [{ fraud: { highCostPrefixes: ["0881"] } }, /^fraud\.highCostPrefixes\[0\]: /],
    [{ fraud: { highCostPrefixes: [881] } }, /^fraud\.highCostPrefixes\[0\]: /],
    [{ fraud: { highCostPrefixes: ["881", "881"] } }, /^fraud\.highCostPrefixes\[1\]: "881" is listed more than once/],
    [{ fraud: { highCostPrefixes: Array.from({ length: 10001 }, (_, i) => String(10000 + i)) } }, /^fraud\.highCostPrefixes: must have at most 10000 entries \(got 10001\)/],
    [{ fraud: { maxConcurrentCalls: 100001 } }, /^fraud\.maxConcurrentCalls: must be an integer from 1 to 100000/],
    [{ fraud: { spendPerHour: { warning: "20,00" } } }, /^fraud\.spendPerHour\.warning: must be a decimal amount string/],
    [{ fraud: { spendPerHour: { warning: "0" } } }, /^fraud\.spendPerHour\.warning: /],
    [{ fraud: { spendPerHour: { warning: "30", critical: "20" } } }, /^fraud\.spendPerHour\.critical: must be at least warning \("30"\) \(got "20"\)/],
    [{ fraud: { prefixCallsPerMinute: { warning: 40 } } }, /^fraud\.prefixCallsPerMinute\.critical: must be at least warning \(40\) \(got "default"\)/],
    [{ fraud: { prefixCallsPerMinute: { critical: 0 } } }, /^fraud\.prefixCallsPerMinute\.critical: must be an integer from 1 to 1000000/],
    [{ fraud: { prefixCallsPerMinute: 20 } }, /^fraud\.prefixCallsPerMinute: must be an object like/],
  ];
  for (const [change, expected] of cases) {
    const found = problems({ ...base(), ...change });
    assert.equal(found.length, 1, `${JSON.stringify(change).slice(0, 200)} -> ${JSON.stringify(found)}`);
    assert.match(found[0], expected, JSON.stringify(change).slice(0, 200));
  }
});
