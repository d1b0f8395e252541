// @ts-check
// One run of `npm run dev`'s pipeline: type check and build the Lua to a temporary file, lint,
// run the busted specs against that file, check that the running Kamailio loads the bundle
// and every module the new Lua calls, then install the file (rename, atomic) where Kamailio
// loads it and reload it (app_lua.reload). Any failure stops the run before the install: the
// running Lua stays as it was, and a broken build never reaches Kamailio.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { RpcError, kamcmdText, rpc } from "./kamcmd.mjs";

/**
 * @typedef {{ name: string, ok: boolean, ms: number, output: string }} StepResult
 * @typedef {{ ok: boolean, steps: StepResult[], installed: boolean, reloaded: boolean, summary: string }} PipelineResult
 */

/**
 * Runs a command; resolves with its result, never rejects.
 * @param {string} name @param {string} command @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<StepResult>}
 */
function step(name, command, args, { cwd, env }) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 180000);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ name, ok: false, ms: Date.now() - started, output: `cannot run ${command}: ${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ name, ok: code === 0, ms: Date.now() - started, output });
    });
  });
}

/** The module files (e.g. "dispatcher.so") the generated used-module list names. @param {string} root */
export function usedModuleFiles(root) {
  const text = readFileSync(join(root, "src/kemi/used-modules.generated.ts"), "utf8");
  return [...text.matchAll(/\[\s*"([^"]+)",\s*"([^"]+)"\s*\]/g)].map((m) => ({ ksr: m[1], file: m[2] }));
}

/**
 * The scripts the running app_lua loads (app_lua.list: "INDEX: [PATH]" lines), by index.
 * @param {string} socket @returns {{ index: number, path: string }[]}
 */
export function appLuaScripts(socket) {
  return rpc(socket, "app_lua.list").flatMap((line) => {
    const m = typeof line === "string" ? /^(\d+): \[(.*)\]$/.exec(line) : null;
    return m ? [{ index: Number(m[1]), path: m[2] }] : [];
  });
}

/** A path with symlinks resolved when it exists (Kamailio may name it either way). @param {string} path */
const canonical = (path) => (existsSync(path) ? realpathSync(path) : resolve(path));

/**
 * Checks the running Kamailio against a new bundle: it must load `bundle` (its app_lua index
 * is returned) and every module the new Lua calls (the Lua would fail to load without it).
 * @param {{ root: string, socket: string, bundle: string }} options
 * @returns {{ ok: true, index: number } | { ok: false, output: string }}
 */
export function checkRunningKamailio({ root, socket, bundle }) {
  const scripts = appLuaScripts(socket);
  const loaded = scripts.find((s) => canonical(s.path) === canonical(bundle));
  if (loaded === undefined) {
    const paths = scripts.map((s) => s.path).join(", ") || "no script";
    return { ok: false, output: `Kamailio at ${socket} loads ${paths}, not ${bundle} (--bundle names the file it loads)` };
  }
  const modules = new Set(rpc(socket, "core.modules").map((m) => `${m}.so`));
  const missing = usedModuleFiles(root).filter((m) => !modules.has(m.file));
  if (missing.length > 0) {
    const lines = missing.map((m) => `loadmodule "${m.file}" (for KSR.${m.ksr})`).join(", ");
    return { ok: false, output: `the running Kamailio lacks ${lines}: the new Lua would not load there. Add it to kamailio/kamailio.cfg and restart.` };
  }
  return { ok: true, index: loaded.index };
}

/**
 * Runs the pipeline once over the project at `root`.
 * @param {{ root: string, socket: string, bundle: string }} options
 *   socket: the running Kamailio's ctl socket; bundle: the Lua file it loads
 * @returns {Promise<PipelineResult>}
 */
export async function runDevPipeline({ root, socket, bundle }) {
  const started = Date.now();
  const bin = (/** @type {string} */ name) => join(root, "node_modules/.bin", name);
  /** @type {StepResult[]} */
  const steps = [];
  const result = (/** @type {boolean} */ ok, /** @type {string} */ summary, installed = false, reloaded = false) => ({
    ok, steps, installed, reloaded, summary: `${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  });
  const failed = () => steps.find((s) => !s.ok);

  const work = mkdtempSync(join(tmpdir(), "kts-dev-"));
  try {
    steps.push(await step("used modules", process.execPath, [join(root, "scripts/used-modules.mjs")], { cwd: root }));
    if (failed()) return result(false, "the build failed");
    // tstl type-checks (the same diagnostics as tsc) and writes the bundle to `work` only.
    steps.push(...(await Promise.all([
      step("type check and build (tstl)", bin("tstl"), ["-p", join(root, "tsconfig.json"), "--outDir", work], { cwd: root }),
      step("lint (eslint)", bin("eslint"), ["src"], { cwd: root }),
    ])));
    const built = join(work, "kamailio.lua");
    if (failed()) return result(false, "not built");
    steps.push(...(await Promise.all(["lua5.1", "luajit"].map((lua) =>
      step(`specs (busted --lua=${lua})`, "busted", [`--lua=${lua}`], { cwd: root, env: { KSR_BUNDLE: built } }),
    ))));
    if (failed()) return result(false, "the specs failed");

    const running = checkRunningKamailio({ root, socket, bundle });
    steps.push({ name: "running Kamailio", ok: running.ok, ms: 0, output: running.ok ? "" : running.output });
    if (!running.ok) return result(false, "not installed");
    if (existsSync(bundle) && readFileSync(built).equals(readFileSync(bundle))) {
      return result(true, "no change in the Lua: nothing to reload");
    }
    // Renamed into place from the same directory: Kamailio never reads a half-written file.
    const staged = join(dirname(bundle), `.${basename(bundle)}.dev-${process.pid}`);
    copyFileSync(built, staged);
    renameSync(staged, bundle);
    try {
      kamcmdText(socket, "app_lua.reload", running.index);
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      steps.push({ name: "reload", ok: false, ms: 0, output: error.message });
      return result(false, `installed ${bundle}, but the reload failed: Kamailio runs the previous Lua until it reloads or restarts`, true);
    }
    return result(true, `installed ${bundle}, reloaded (app_lua.reload ${running.index})`, true, true);
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    steps.push({ name: "running Kamailio", ok: false, ms: 0, output: error.message });
    return result(false, "not reloaded");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
