// `npm run dev` (scripts/dev.mjs) against the real Kamailio it starts, in a temporary copy of
// the project: a TS change that does not type-check never reaches Kamailio; a good change is
// live after the reload; and a Lua error in the reloaded routes is logged at its TS file and
// line (src/kemi/error-positions.ts, the line map of scripts/lib/tstl-line-map.cjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRunningKamailio } from "../../scripts/lib/dev-pipeline.mjs";
import { kamcmdText } from "../../scripts/lib/kamcmd.mjs";
import { testConfig } from "../support/kamailio.mjs";
import { copyProject, BUILD_PATHS } from "../support/project-copy.mjs";
import { sendAndCollect } from "../support/torture.mjs";

const PROXY = { address: "127.0.0.1", port: 5060 };

/** Test-only route, added to the copy: an observable change, and two kinds of Lua error. */
const PROBE_ROUTE = `// Test-only (test/e2e/dev.test.mjs).
export function ksr_route_dev_probe(): void {
  const probe = KSR.pv.gete("$hdr(X-Dev-Probe)");
  if (probe === "version") {
    KSR.sl.sl_send_reply(200, "Keepalive (dev build 2)");
    KSR.x.exit();
  }
  const absent = KSR.pv.get("$hdr(X-Absent)") as number;
  if (probe === "vm-error") KSR.info(\`\${absent + 1}\`); // VM ERROR
  if (probe === "lib-error") KSR.info(string.rep(absent as unknown as string, 2)); // LIB ERROR
}
`;
const PROBE_FILE = "src/routes/dev-probe.ts";
/** The TS line (1-based) of PROBE_ROUTE holding `marker`. @param {string} marker */
const probeLine = (marker) => PROBE_ROUTE.split("\n").findIndex((l) => l.includes(marker)) + 1;

/** OPTIONS to the proxy itself (a keep-alive), with X-Dev-Probe when `probe` is given. */
function keepalive(/** @type {string} */ tag, /** @type {string | undefined} */ probe) {
  return Buffer.from([
    "OPTIONS sip:127.0.0.1:5060 SIP/2.0",
    `Via: SIP/2.0/UDP 127.0.0.1:5091;branch=z9hG4bK-dev-${tag}`,
    "From: <sip:dev@127.0.0.1>;tag=dev",
    "To: <sip:127.0.0.1:5060>",
    `Call-ID: dev-${tag}@127.0.0.1`,
    "CSeq: 1 OPTIONS",
    "Max-Forwards: 70",
    ...(probe === undefined ? [] : [`X-Dev-Probe: ${probe}`]),
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n"));
}
/** The status line of the proxy's reply to a keep-alive, or "no reply". */
async function keepaliveStatus(/** @type {string} */ tag, /** @type {string | undefined} */ probe) {
  const replies = await sendAndCollect(keepalive(tag, probe), { from: { address: "127.0.0.1", port: 5091 }, to: PROXY, quietMs: 1000 });
  return replies.length === 0 ? "no reply" : replies[0].split("\r\n")[0];
}

/** @type {ReturnType<typeof copyProject>} */
let project;
/** @type {import("node:child_process").ChildProcess} */
let dev;
let output = "";
let bundleAtStart = "";

/** Waits (bounded) until the dev process's output, from `from` on, matches `pattern`. */
async function outputMatches(/** @type {RegExp} */ pattern, /** @type {number} */ from, seconds = 90) {
  for (let i = 0; i < seconds * 10; i++) {
    const m = pattern.exec(output.slice(from));
    if (m) return m;
    if (dev.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no ${pattern} in npm run dev's output:\n${output.slice(from)}`);
}

before(async () => {
  project = copyProject([...BUILD_PATHS, "kamailio", "lua-out", "test/unit", "test/support", ".busted", "eslint.config.mjs"]);
  project.write("kamailio/dev-test.json", JSON.stringify(testConfig()));
  bundleAtStart = project.read("lua-out/kamailio.lua");
  // The change that breaks: a string typed as a number.
  project.edit("src/routes/request.ts", 'const method = KSR.pv.gete("$rm");', 'const method: number = KSR.pv.gete("$rm");');
  dev = spawn(process.execPath, [join(project.dir, "scripts/dev.mjs"), "--config", join(project.dir, "kamailio/dev-test.json")], {
    cwd: project.dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout?.on("data", (d) => (output += d));
  dev.stderr?.on("data", (d) => (output += d));
});

after(async () => {
  if (dev.exitCode === null) {
    const exited = new Promise((r) => dev.once("exit", r));
    dev.kill("SIGTERM");
    const timer = setTimeout(() => dev.kill("SIGKILL"), 10000);
    await exited;
    clearTimeout(timer);
  }
});

test("a TS change that does not type-check is shown and never reaches Kamailio", async () => {
  await outputMatches(/kamailio-ts dev: FAILED: not built.*Kamailio keeps the Lua it runs/, 0);
  assert.match(output, /FAILED: type check and build \(tstl\)\n[^]*src\/routes\/request\.ts\(\d+,\d+\): error TS2322/);
  assert.equal(project.read("lua-out/kamailio.lua"), bundleAtStart, "the bundle Kamailio loads is unchanged");
  assert.equal(await keepaliveStatus("broken"), "SIP/2.0 200 Keepalive", "Kamailio runs the Lua it started with");
});

test("a good change is built, checked, installed and live after the reload", async () => {
  const from = output.length;
  project.write(PROBE_FILE, PROBE_ROUTE);
  project.edit("src/routes/request.ts", 'const method: number = KSR.pv.gete("$rm");', 'const method = KSR.pv.gete("$rm");');
  project.edit("src/routes/request.ts", '  KSR.sl.sl_send_reply(200, "Keepalive");', '  ksr_route_dev_probe();\n  KSR.sl.sl_send_reply(200, "Keepalive");');
  project.edit("src/routes/request.ts", 'import { ksr_route_reqinit } from "./reqinit";', 'import { ksr_route_reqinit } from "./reqinit";\nimport { ksr_route_dev_probe } from "./dev-probe";');
  await outputMatches(/kamailio-ts dev: ok: installed .*lua-out\/kamailio\.lua, reloaded \(app_lua\.reload 0\)/, from);
  assert.notEqual(project.read("lua-out/kamailio.lua"), bundleAtStart);
  assert.match(project.read("lua-out/kamailio.lua"), /ksr_route_dev_probe/);
  assert.equal(await keepaliveStatus("good", "version"), "SIP/2.0 200 Keepalive (dev build 2)");
  assert.equal(await keepaliveStatus("plain"), "SIP/2.0 200 Keepalive");
});

test("Lua errors of the reloaded routes are logged at their TS file and line", async () => {
  const request = project.read("src/routes/request.ts").split("\n");
  const lineOf = (/** @type {string} */ text) => request.findIndex((l) => l.includes(text)) + 1;
  // The TS call chain: the probe, its call in ksr_route_keepalive, that one's in ksr_request_route.
  const chain = (/** @type {string} */ marker) =>
    `${PROBE_FILE}:${probeLine(marker)} < src/routes/request.ts:${lineOf("ksr_route_dev_probe();")} < src/routes/request.ts:${lineOf("ksr_route_keepalive(method);")}`;

  // Each error: the TS position, Lua's message, the TS call chain, the bundle's own position.
  const bundlePosition = /; lua: \S*kamailio\.lua:\d+\)$/;
  let from = output.length;
  // A route that raises an error sends no reply (app_lua ends it with the error).
  assert.equal(await keepaliveStatus("vm", "vm-error"), "no reply");
  const vm = (await outputMatches(/error from Lua: (.*)\n/, from, 10))[1];
  assert.match(vm, bundlePosition);
  assert.equal(
    vm.replace(bundlePosition, ")"),
    `${PROBE_FILE}:${probeLine("VM ERROR")}: attempt to perform arithmetic on local 'absent' (a nil value) (ts: ${chain("VM ERROR")})`,
  );

  from = output.length;
  assert.equal(await keepaliveStatus("lib", "lib-error"), "no reply");
  // Raised inside string.rep (C): Lua positions it at the line that called it.
  const lib = (await outputMatches(/error from Lua: (.*)\n/, from, 10))[1];
  assert.match(lib, bundlePosition);
  assert.equal(
    lib.replace(bundlePosition, ")"),
    `${PROBE_FILE}:${probeLine("LIB ERROR")}: bad argument #1 to 'rep' (string expected, got nil) (ts: ${chain("LIB ERROR")})`,
  );
});

test("the pipeline refuses a Lua calling a module the running Kamailio lacks, or a file it does not load", () => {
  const socket = join(project.dir, "var/run/kamailio_ctl");
  const bundle = join(project.dir, "lua-out/kamailio.lua");
  assert.deepEqual(checkRunningKamailio({ root: project.dir, socket, bundle }), { ok: true, index: 0 });
  // A used-module list naming sdpops, which kamailio.cfg does not load.
  const other = mkdtempSync(join(tmpdir(), "kts-dev-modules-"));
  mkdirSync(join(other, "src/kemi"), { recursive: true });
  writeFileSync(join(other, "src/kemi/used-modules.generated.ts"), project.read("src/kemi/used-modules.generated.ts").replace("[\n", '[\n  ["sdpops", "sdpops.so"],\n'));
  const missing = checkRunningKamailio({ root: other, socket, bundle });
  assert.equal(missing.ok, false);
  assert.match(/** @type {{ output: string }} */ (missing).output, /the running Kamailio lacks loadmodule "sdpops\.so" \(for KSR\.sdpops\): the new Lua would not load there/);
  const elsewhere = checkRunningKamailio({ root: project.dir, socket, bundle: join(other, "kamailio.lua") });
  assert.match(/** @type {{ output: string }} */ (elsewhere).output, new RegExp(`loads ${bundle.replace(/[.]/g, "\\.")}, not ${other}/kamailio\\.lua`));
});

test("a second npm run dev refuses to start another Kamailio; --attach needs a running one", () => {
  const devScript = join(project.dir, "scripts/dev.mjs");
  const second = spawnSync(process.execPath, [devScript], { cwd: project.dir, encoding: "utf8", timeout: 30000 });
  assert.equal(second.status, 1);
  assert.match(second.stderr, /a Kamailio already answers at .*kamailio_ctl \(npm start\?\): run npm run dev -- --attach/);
  const nowhere = spawnSync(process.execPath, [devScript, "--attach", "--socket", join(project.dir, "no-such-socket")], { cwd: project.dir, encoding: "utf8", timeout: 30000 });
  assert.equal(nowhere.status, 1);
  assert.match(nowhere.stderr, /no Kamailio answers at .*no-such-socket: start one \(npm start\)/);
});

test("Ctrl-C (SIGTERM) stops npm run dev and the Kamailio it started", async () => {
  const exited = new Promise((r) => dev.once("exit", r));
  dev.kill("SIGTERM");
  await exited;
  assert.match(output, /kamailio-ts dev: Kamailio stopped/);
  assert.throws(() => kamcmdText(join(project.dir, "var/run/kamailio_ctl"), "core.uptime"), /cannot reach Kamailio/);
});
