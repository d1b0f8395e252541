#!/usr/bin/env node
// @ts-check
// `npm run dev [-- --config FILE]`: runs Kamailio as `npm start` does, then on every save in
// src/ runs scripts/lib/dev-pipeline.mjs (type check and build to a temporary file, lint,
// specs, checks against the running Kamailio) and, when all pass, installs the new Lua and
// reloads it. A failure is printed and Kamailio keeps the Lua it runs. Ctrl-C stops both.
// `--attach` watches and reloads a Kamailio that already runs (e.g. `npm start` in another
// terminal) instead of starting one; `--socket PATH` names its ctl socket (default
// var/run/kamailio_ctl) and `--bundle PATH` the Lua file it loads (default lua-out/kamailio.lua).
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runDevPipeline } from "./lib/dev-pipeline.mjs";
import { RpcError, kamcmdText } from "./lib/kamcmd.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Saves within this long are one change (editors write a file in several steps). */
const DEBOUNCE_MS = 150;
/** Lines of a failed step's output printed. */
const MAX_OUTPUT_LINES = 40;

const say = (/** @type {string} */ text) => console.error(`kamailio-ts dev: ${text}`);

function parseArgs(/** @type {string[]} */ argv) {
  const options = { attach: false, socket: join(root, "var/run/kamailio_ctl"), bundle: join(root, "lua-out/kamailio.lua"), startArgs: /** @type {string[]} */ ([]) };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === "--attach") options.attach = true;
    else if (argv[i] === "--socket") options.socket = resolve(value());
    else if (argv[i] === "--bundle") options.bundle = resolve(value());
    else if (argv[i] === "--config") options.startArgs.push("--config", value());
    else throw new Error(`unknown option ${argv[i]} (--attach, --socket PATH, --bundle PATH, --config FILE)`);
  }
  return options;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  say(/** @type {Error} */ (error).message);
  process.exit(2);
}
const { socket, bundle } = options;

const answers = () => {
  try {
    kamcmdText(socket, "core.uptime");
    return true;
  } catch (error) {
    if (error instanceof RpcError) return false;
    throw error;
  }
};

/** @type {import("node:child_process").ChildProcess | undefined} */
let kamailio;
/** @type {import("node:fs").FSWatcher | undefined} */
let watcher;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    watcher?.close();
    // Without --attach, the exit of Kamailio (scripts/start.mjs stops it) ends this process.
    if (kamailio) kamailio.kill("SIGTERM");
    else process.exit(0);
  });
}
if (options.attach) {
  if (!answers()) {
    say(`no Kamailio answers at ${socket}: start one (npm start), or run npm run dev without --attach`);
    process.exit(1);
  }
} else {
  if (answers()) {
    say(`a Kamailio already answers at ${socket} (npm start?): run npm run dev -- --attach to reload that one`);
    process.exit(1);
  }
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs"), ...options.startArgs], { stdio: "inherit" });
  kamailio = child;
  let started = false;
  child.on("exit", (code) => {
    say(started ? "Kamailio stopped" : "Kamailio did not start (its reason is above)");
    process.exit(code ?? 1);
  });
  for (let i = 0; !answers(); i++) {
    if (i === 150) {
      say(`Kamailio did not answer at ${socket} within 15 s`);
      child.kill("SIGTERM");
      await new Promise(() => {}); // the exit handler ends this process
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  started = true;
}

let running = false;
let pending = false;

/** Runs the pipeline, again at once if files changed meanwhile. @param {string} why */
async function rebuild(why) {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  say(`${why}: building`);
  const result = await runDevPipeline({ root, socket, bundle });
  for (const s of result.steps.filter((s) => !s.ok)) {
    const lines = s.output.trimEnd().split("\n");
    const shown = lines.length > MAX_OUTPUT_LINES ? [...lines.slice(0, MAX_OUTPUT_LINES), `... (${lines.length - MAX_OUTPUT_LINES} more lines)`] : lines;
    say(`FAILED: ${s.name}\n${shown.join("\n")}`);
  }
  say(result.ok ? `ok: ${result.summary}` : `FAILED: ${result.summary}; Kamailio keeps the Lua it runs`);
  running = false;
  if (pending) {
    pending = false;
    await rebuild("changed while building");
  }
}

const srcDir = join(root, "src");
/** @type {NodeJS.Timeout | undefined} */
let timer;
/** @type {Set<string>} */
const changed = new Set();
// The build rewrites src/kemi/used-modules.generated.ts: generated files never trigger a run.
watcher = watch(srcDir, { recursive: true }, (_event, file) => {
  if (file === null || !file.endsWith(".ts") || file.includes(".generated.")) return;
  changed.add(relative(root, join(srcDir, file)));
  clearTimeout(timer);
  timer = setTimeout(() => {
    const files = [...changed].join(", ");
    changed.clear();
    void rebuild(`changed ${files}`);
  }, DEBOUNCE_MS);
});
say(`watching src/ (Kamailio at ${socket} loads ${bundle}); Ctrl-C stops`);
await rebuild("start");
