// Runs the Lua unit specs (test/unit/*_spec.lua, configured by .busted) with busted, once under
// each interpreter app_lua can be built with: PUC Lua 5.1 and LuaJIT. They need the compiled
// bundle, lua-out/kamailio.lua (npm run build), and the Debian packages lua-busted, lua5.1 and
// luajit (scripts/setup.sh installs them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Fewer passing specs than this means specs went missing (a file not found, a describe lost). */
const MIN_TESTS = 80;

const INTERPRETERS = [
  { lua: "lua5.1", version: /^Lua 5\.1$/ },
  { lua: "luajit", version: /^LuaJIT 2\./ },
];

/** Counts of busted's TAP output: the plan (1..N), ok and not ok lines, the runtime spec's title. */
function parseTap(stdout) {
  const plan = stdout.match(/^1\.\.(\d+)$/m);
  return {
    planned: plan ? Number(plan[1]) : null,
    passed: (stdout.match(/^ok \d+/gm) ?? []).length,
    failed: (stdout.match(/^not ok \d+/gm) ?? []).length,
    runtime: stdout.match(/^ok \d+ - runtime running under (.+)$/m)?.[1] ?? null,
  };
}

for (const { lua, version } of INTERPRETERS) {
  test(`Lua unit specs pass under ${lua} (busted --lua=${lua})`, () => {
    assert.ok(existsSync(path.join(root, "lua-out/kamailio.lua")),
      "lua-out/kamailio.lua is missing: run npm run build first");
    const result = spawnSync("busted", [`--lua=${lua}`, "-o", "TAP"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, KSR_EXPECT_LUA: lua },
      timeout: 120_000,
    });
    if (result.error) {
      assert.fail(`cannot run busted: ${result.error.message}` +
        " (Debian packages lua-busted, lua5.1 and luajit: bash scripts/setup.sh installs them)");
    }
    const output = `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
    const tap = parseTap(result.stdout);
    assert.equal(result.status, 0, `busted --lua=${lua} exited with ${result.status}:\n${output}`);
    assert.equal(tap.failed, 0, `busted --lua=${lua} reported failures:\n${output}`);
    assert.ok(tap.planned !== null, `no TAP plan in busted's output:\n${output}`);
    assert.equal(tap.passed, tap.planned, `TAP plan and ok lines disagree:\n${output}`);
    assert.ok(tap.passed > MIN_TESTS, `only ${tap.passed} specs ran (expected more than ${MIN_TESTS}):\n${output}`);
    // runtime_spec.lua names the interpreter that really ran: --lua must not be ignored
    assert.ok(tap.runtime, `runtime_spec.lua did not run:\n${output}`);
    assert.match(tap.runtime, version, `busted --lua=${lua} ran under ${tap.runtime}`);
  });
}
