// The package as another TypeScriptToLua project uses it, offline: `npm pack` of a copy of
// the project, installed into an empty consumer project outside the repository with the
// compiler taken from this repository's node_modules; the test/types samples type-check against
// the installed package as they do against the sources, the consumer's route
// (test/types/consumer-route.ts) builds to one Lua bundle, and that bundle runs in the real
// Kamailio: a SIPp call through it reaches the gateway.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { root, startKamailio, healthProblems } from "../support/kamailio.mjs";
import { runSipp, scenario, withGateway } from "../support/sipp.mjs";
import { typeExpectations } from "../support/type-expectations.mjs";

/** The compiler and the types a consumer installs beside the package, from this repository. */
const LOCAL_PACKAGES = ["typescript-to-lua", "typescript", "lua-types", "@typescript-to-lua/language-extensions"];
/** No registry, no cache: what is installed comes from the tarball and the local folders. */
const OFFLINE = { npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

const CONSUMER_COMPILER_OPTIONS = {
  target: "ESNext",
  lib: ["ESNext"],
  module: "ESNext",
  moduleResolution: "bundler",
  types: ["lua-types/5.1", "@typescript-to-lua/language-extensions", "kamailio-ts/kemi"],
  strict: true,
};

let work = "";
let consumer = "";
/** @type {string[]} */
let packedFiles = [];

function run(command, args, cwd, env = {}) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120000, env: { ...process.env, ...env } });
  const output = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 0, `${command} ${args.join(" ")} failed in ${cwd}:\n${output}`);
  return output;
}

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "kts-package-"));
  // Pack a copy: prepack builds dist/, which must not touch the repository.
  const project = join(work, "project");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const paths = new Set(["package.json", "tsconfig.package.json", "src", "README.md", ...pkg.files.filter((f) => !f.startsWith("dist"))]);
  for (const path of paths) cpSync(join(root, path), join(project, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(project, "node_modules"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--silent", "--pack-destination", work], project, { ...OFFLINE, npm_config_cache: join(work, "npm-cache") }));
  packedFiles = packed[0].files.map((/** @type {{ path: string }} */ f) => f.path);
  const tarball = join(work, packed[0].filename);

  // An empty project outside the repository, as `npm init` leaves it.
  consumer = join(work, "consumer");
  writeJson(join(consumer, "package.json"), { name: "my-proxy", version: "1.0.0", private: true });
  writeJson(join(consumer, "tsconfig.json"), {
    compilerOptions: { ...CONSUMER_COMPILER_OPTIONS, rootDir: "src", outDir: "out" },
    tstl: { luaTarget: "5.1", luaBundle: "proxy.lua", luaBundleEntry: "src/main.ts", noImplicitSelf: true },
    include: ["src"],
  });
  cpSync(join(root, "test/types/consumer-route.ts"), join(consumer, "src/main.ts"));
  run("npm", ["install", "--no-save", tarball, ...LOCAL_PACKAGES.map((p) => join(root, "node_modules", p))], consumer, { ...OFFLINE, npm_config_cache: join(work, "npm-cache") });
});

after(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

test("npm pack ships the Lua library with its declarations, the KEMI types and the reference cfg, no TS sources", () => {
  for (const file of ["dist/index.lua", "dist/index.d.ts", "dist/routes/relay.lua", "src/kemi/index.d.ts", "src/kemi/ksr.generated.d.ts", "src/kemi/routes.d.ts", "kamailio/kamailio.cfg", "CHANGELOG.md", "package.json"]) {
    assert.ok(packedFiles.includes(file), `${file} is packed`);
  }
  assert.deepEqual(packedFiles.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts")), [], "no TypeScript sources: TSTL does not compile them from node_modules");
  assert.deepEqual(packedFiles.filter((f) => f.startsWith("test/") || f.startsWith("lua-out/")), []);
});

test("in the consumer, the test/types samples type-check against the installed package: right uses pass, wrong ones fail with their expected errors", () => {
  const dir = join(consumer, "types-check");
  for (const file of readdirSync(join(root, "test/types")).filter((f) => f.endsWith(".ts"))) cpSync(join(root, "test/types", file), join(dir, file));
  writeJson(join(dir, "tsconfig.json"), { compilerOptions: { ...CONSUMER_COMPILER_OPTIONS, noEmit: true }, include: ["*.ts"] });
  const r = typeExpectations(join(consumer, "node_modules/.bin/tsc"), dir);
  assert.ok(r.expected.length >= 15, `the samples mark their wrong uses (${r.expected.length})`);
  assert.deepEqual(r.actual, r.expected, r.output);
});

test("the consumer's route builds to one Lua bundle holding the package's modules and no TSTL lualib helper", () => {
  run(join(consumer, "node_modules/.bin/tstl"), ["-p", "tsconfig.json"], consumer);
  const lua = readFileSync(join(consumer, "out/proxy.lua"), "utf8");
  assert.match(lua, /\["lua_modules\.kamailio-ts\.dist\.routes\.reqinit"\] = function/);
  assert.match(lua, /^ksr_request_route = requestRoute$/m);
  assert.deepEqual([...new Set(lua.match(/__TS__\w+/g) ?? [])], []);
});

test("Kamailio runs the consumer's bundle: a call from a trusted caller reaches the gateway through the package's blocks and completes", async () => {
  const bundle = join(consumer, "out/proxy.lua");
  if (!existsSync(bundle)) run(join(consumer, "node_modules/.bin/tstl"), ["-p", "tsconfig.json"], consumer);
  const kamailio = await startKamailio({ defines: { LUA_BUNDLE: JSON.stringify(bundle) } });
  try {
    const { caller, received } = await withGateway({ ip: "127.0.0.1", port: 5080 }, () =>
      runSipp(["-sf", scenario("uac.xml"), "-i", "127.0.0.1", "-p", "5070", "127.0.0.1:5060", "-s", "13545769997", "-m", "1"]),
    );
    assert.equal(caller.code, 0, `caller SIPp failed:\n${caller.output}\n${caller.errors}`);
    const invite = received.find((m) => m.startsWith("INVITE "));
    assert.ok(invite, "the INVITE reached the gateway");
    assert.match(invite, /^X-Routed-By: my-proxy\r$/m, "the consumer's own policy ran");
    assert.equal(invite.match(/^Via:/gim)?.length, 1, "topology hiding (topos): only the proxy's Via");
    assert.match(invite, /^From: "kts caller" <sip:caller@127\.0\.0\.1>;tag=/m, "ksr_route_hide_from: the caller's address (port 5070) replaced by the served domain");
    assert.ok(received.some((m) => m.startsWith("ACK ")), "the ACK followed the dialog");
    assert.ok(received.some((m) => m.startsWith("BYE ")), "the BYE followed the dialog");
    assert.deepEqual(healthProblems(kamailio.log()), []);
  } finally {
    await kamailio.stop();
  }
});
