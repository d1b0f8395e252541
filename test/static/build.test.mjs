// Type check, generated code in sync with its inputs, committed Lua equal to a fresh build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typeExpectations } from "../support/type-expectations.mjs";
import { root } from "../support/kamailio.mjs";
import { copyProject } from "../support/project-copy.mjs";
import { readKemiData, tsReturnType } from "../../scripts/kemi-generate.mjs";
import { lualibReachability } from "../../scripts/lib/lua-reachability.mjs";

const bin = (name) => join(root, "node_modules/.bin", name);
function run(command, args, cwd = root) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 180000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

test("the TypeScript sources type-check", () => {
  const r = run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  assert.equal(r.code, 0, r.output);
});

test("the KEMI declarations and the library entry type-check right uses and reject each wrong one with its expected error (test/types)", () => {
  const r = typeExpectations(bin("tsc"), join(root, "test/types"));
  assert.ok(r.expected.length >= 15, `the samples mark their wrong uses (${r.expected.length})`);
  assert.deepEqual(r.actual, r.expected, r.output);
});

test("the generated KEMI files are what the generator makes from kemi/ (npm run kemi:generate)", () => {
  const r = run("node", ["scripts/kemi-generate.mjs", "--check"]);
  assert.equal(r.code, 0, r.output);
});

test("lua-out/ and the used-module list are what a fresh build makes from src/", () => {
  const { dir } = copyProject();
  const r = run("npm", ["run", "--silent", "build"], dir);
  assert.equal(r.code, 0, r.output);
  for (const file of ["lua-out/kamailio.lua", "src/kemi/used-modules.generated.ts"]) {
    assert.ok(readFileSync(join(dir, file), "utf8") === readFileSync(join(root, file), "utf8"), `${file} differs from a fresh build: run \`npm run build\` and commit it`);
  }
});

test("every generated file says so in its first line", () => {
  for (const file of ["lua-out/kamailio.lua", "src/kemi/ksr.generated.d.ts", "src/kemi/used-modules.generated.ts", "test/support/ksr_exports.lua"]) {
    const first = readFileSync(join(root, file), "utf8").split("\n")[0];
    assert.match(first, /Generated/, `${file}: ${first}`);
  }
});

test("the declarations cover every export with the mapped types and real parameter names", () => {
  const text = readFileSync(join(root, "src/kemi/ksr.generated.d.ts"), "utf8");
  const { functions, overrides, entries } = readKemiData();
  assert.equal(entries, 1242);
  assert.equal(functions.length, 1240, "1242 entries less KSR.ktest, listed twice and absent from the binary");
  for (const f of functions) {
    const iface = `declare interface KSR_${f.module} {`;
    const start = f.module === "" ? text.indexOf("declare interface KSR_ {") : text.indexOf(iface);
    assert.ok(start >= 0, `no interface for KSR.${f.module}`);
    const body = text.slice(start, text.indexOf("\n}", start) + 1);
    const params = f.params.map((t, i) => `${t.startsWith("...") ? "..." : ""}${f.param_names[i]}: ${t.includes("int") ? "number" : "string"}${t.startsWith("...") ? "[]" : ""}`);
    const signature = `  ${f.name}(${["this: void", ...params].join(", ")}): ${tsReturnType(f, overrides)};`;
    assert.ok(body.includes(`\n${signature}\n`), `KSR.${f.module}.${f.name}: expected ${signature}`);
  }
  // The mapping itself, on known functions.
  const expect = (line) => assert.ok(text.includes(line), line);
  expect("  exit(this: void): never;");
  expect("  drop(this: void): never;");
  expect("  t_relay(this: void): KsrReturnCode;");
  expect("  sl_send_reply(this: void, code: number, reason: string): KsrReturnCode;");
  expect("  is_myself_ruri(this: void): boolean;");
  expect("  get(this: void, pvn: string): KsrXval;");
  expect("  gete(this: void, pvn: string): string;");
  expect("  sht_inc(this: void, htname: string, itname: string): number;");
  expect("  info(this: void, txt: string): void;");
});

test("the Lua bundle uses no TSTL lualib helper (__TS__*)", () => {
  const lua = readFileSync(join(root, "lua-out/kamailio.lua"), "utf8");
  assert.deepEqual([...new Set(lua.match(/__TS__\w+/g) ?? [])], []);
});

// The rule above keeps the bundle free of lualib helpers altogether. What matters per message
// is narrower: no helper reachable from the routes Kamailio calls (scripts/lib/lua-reachability.mjs;
// `npm run bench` lists the helpers present and reached).
test("the per-message routes reach no TSTL lualib helper", () => {
  const { entries, reached, reachable } = lualibReachability(readFileSync(join(root, "lua-out/kamailio.lua"), "utf8"));
  for (const route of ["ksr_request_route", "ksr_reply_route", "ksr_onreply_manage", "ksr_failure_manage"]) assert.ok(entries.includes(route), route);
  // the analysis follows calls across modules and aliases (main.ts renames the imported routes)
  for (const name of ["ksr_route_reqinit", "ksr_route_relay", "logSafe", "decodeRateEntry"]) assert.ok(reachable.has(name), name);
  // load-time code is not per message
  assert.ok(!reachable.has("assertKsrModulesLoaded") && !reachable.has("logEscapes"));
  assert.deepEqual(reached, []);
});

test("the reachability check finds a helper a route reaches, not one used only at load (fixture)", () => {
  const fixture = join(root, "test/static/fixtures/lualib-reach");
  const out = mkdtempSync(join(tmpdir(), "kts-lualib-"));
  const r = run(bin("tstl"), ["-p", join(fixture, "tsconfig.json"), "--outDir", out]);
  assert.equal(r.code, 0, r.output);
  const { present, reached } = lualibReachability(readFileSync(join(out, "bundle.lua"), "utf8"));
  assert.deepEqual(present, ["__TS__ArrayMap", "__TS__StringSplit"]);
  assert.deepEqual(reached, [{ name: "__TS__StringSplit", path: "ksr_request_route -> firstField -> __TS__StringSplit" }]);
});

test("the bundle publishes the KEMI entry points as Lua globals", () => {
  const lua = readFileSync(join(root, "lua-out/kamailio.lua"), "utf8");
  for (const route of ["ksr_request_route", "ksr_reply_route", "ksr_onreply_manage", "ksr_failure_manage"]) {
    assert.match(lua, new RegExp(`^\\s*${route} = `, "m"), route);
  }
});
