// The typed KEMI API checked against the live binary: Kamailio 5.6.3 started with the project's
// kamailio.cfg lists the functions it really exports (app_lua.api_list over the ctl RPC).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startKamailio, root } from "../support/kamailio.mjs";
import { CLUSTER_ONLY_MODULES, usedKsrModules } from "../../scripts/used-modules.mjs";

/** Parses kamcmd's print of app_lua.api_list into { module, name, ret, params }. */
function parseApiList(text) {
  const functions = [];
  for (const block of text.split(/func: \{/).slice(1)) {
    const field = (name) => (new RegExp(`^\\s*${name}: ?(.*)$`, "m").exec(block)?.[1] ?? "").trim();
    const params = field("params");
    functions.push({ module: field("module"), name: field("name"), ret: field("ret"), params: params === "none" ? [] : params.split(/,\s*/) });
  }
  return functions;
}

/** Reads the generated declarations back: "module.name" -> { ret, params } in TS types. */
function parseDeclarations() {
  const text = readFileSync(join(root, "src/kemi/ksr.generated.d.ts"), "utf8");
  const declared = new Map();
  let module = null;
  for (const line of text.split("\n")) {
    const open = /^declare interface KSR_(\w*) \{/.exec(line);
    if (open) module = open[1];
    const method = /^ {2}(\w+)\(this: void(?:, (.*))?\): (.+);$/.exec(line);
    if (method && module !== null) {
      const params = method[2] ? method[2].split(", ").map((p) => p.split(": ")[1]) : [];
      declared.set(module === "" ? method[1] : `${module}.${method[1]}`, { ret: method[3], params });
    }
  }
  return declared;
}

const TS_RETURN = { int: ["KsrReturnCode", "number"], bool: ["boolean"], str: ["string"], xval: ["KsrXval", "string"], none: ["void", "never"] };
const TS_PARAM = { int: "number", str: "string" };

test("every function the running Kamailio exports is declared with the same name, return and parameter types", async () => {
  const kamailio = await startKamailio();
  try {
    const live = parseApiList(kamailio.rpc("app_lua.api_list"));
    const declared = parseDeclarations();
    assert.ok(live.length > 150, `api_list returned ${live.length} functions`);
    const mismatches = [];
    for (const f of live) {
      const key = f.module === "" ? f.name : `${f.module}.${f.name}`;
      const d = declared.get(key);
      if (!d) {
        mismatches.push(`KSR.${key}: exported by Kamailio, not declared`);
        continue;
      }
      if (!TS_RETURN[f.ret]?.includes(d.ret)) mismatches.push(`KSR.${key}: returns ${f.ret}, declared ${d.ret}`);
      const expected = f.params.map((p) => TS_PARAM[p] ?? `?${p}`);
      if (JSON.stringify(expected) !== JSON.stringify(d.params)) {
        mismatches.push(`KSR.${key}: takes (${f.params.join(", ")}), declared (${d.params.join(", ")})`);
      }
    }
    assert.deepEqual(mismatches, []);

    const loaded = new Set(live.map((f) => f.module));
    const notLoaded = usedKsrModules([join(root, "lua-out/kamailio.lua")]).filter((m) => m !== "x" && !CLUSTER_ONLY_MODULES.includes(m) && !loaded.has(m));
    assert.deepEqual(notLoaded, [], "the Lua calls KSR modules that kamailio.cfg does not load");
  } finally {
    await kamailio.stop();
  }
});

test("without a module the routes need, Kamailio refuses to start and names the missing loadmodule", async () => {
  const cfg = readFileSync(join(root, "kamailio/kamailio.cfg"), "utf8");
  const withoutDispatcher = cfg
    .split("\n")
    .filter((line) => !line.includes('"dispatcher'))
    .join("\n");
  assert.notEqual(withoutDispatcher, cfg);
  const kamailio = await startKamailio({ cfgText: withoutDispatcher, expectStartFailure: true });
  const code = await kamailio.exited;
  assert.notEqual(code, 0, "Kamailio must not run without the module");
  assert.match(kamailio.log(), /error from Lua: kamailio-ts: kamailio\.cfg is missing loadmodule "dispatcher\.so" \(for KSR\.dispatcher\)/);
});
