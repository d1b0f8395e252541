// @ts-check
// Runs SIPp (Debian's sip-tester) for the end-to-end tests, with its message trace kept so a
// test can assert what each side received.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./kamailio.mjs";

/** Scenario file under test/sipp/. @param {string} name */
export const scenario = (name) => join(root, "test/sipp", name);

/**
 * A copy of test/sipp/uas-reject.xml answering every INVITE with this final status.
 * @param {number} status @param {string} reason
 */
export function rejectingGateway(status, reason) {
  const file = join(mkdtempSync(join(tmpdir(), "kts-scenario-")), `uas-${status}.xml`);
  writeFileSync(file, readFileSync(scenario("uas-reject.xml"), "latin1").replaceAll("{{STATUS}}", String(status)).replaceAll("{{REASON}}", reason));
  return file;
}

/**
 * Starts SIPp; `done` resolves when it exits (by itself or after `stop()`); `ready()` once
 * it listens (await it for a SIPp that must answer before the test sends a call).
 * @param {string[]} args sipp arguments (scenario, addresses, -m ...)
 * @param {{ timeoutMs?: number }} [options] SIPp is killed after this long
 */
export function startSipp(args, { timeoutMs = 30000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kts-sipp-"));
  const messageFile = join(dir, "messages.log");
  const child = spawn("sipp", [...args, "-nostdin", "-trace_msg", "-message_file", messageFile, "-trace_err", "-error_file", join(dir, "errors.log")], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  /** @type {Promise<{ code: number, output: string, messages: string, errors: string }>} */
  const done = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const read = (/** @type {string} */ f) => (existsSync(f) ? readFileSync(f, "latin1") : "");
      resolve({ code: code ?? (signal ? 128 : 0), output, messages: read(messageFile), errors: read(join(dir, "errors.log")) });
    }),
  );
  const port = Number(args[args.indexOf("-p") + 1]);
  return {
    done,
    /** Resolves once SIPp listens on its -p port (UDP), so no request races its start. */
    async ready() {
      const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
      for (let i = 0; i < 100; i++) {
        if (readFileSync("/proc/net/udp", "utf8").includes(hex)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`SIPp did not listen on UDP port ${port} within 5 s:\n${output}`);
    },
    stop() {
      child.kill("SIGUSR1"); // SIPp: finish gracefully, writing its logs
      const hard = setTimeout(() => child.kill("SIGKILL"), 3000);
      return done.finally(() => clearTimeout(hard));
    },
  };
}

/** Runs SIPp to completion. @param {string[]} args @param {{ timeoutMs?: number }} [options] */
export const runSipp = (args, options) => startSipp(args, options).done;

/**
 * The SIP messages SIPp received, split out of its -trace_msg log.
 * @param {string} messages the message log
 * @returns {string[]} each received message, headers and body, with CRLF line ends as sent
 */
export function receivedMessages(messages) {
  return messages
    .split(/^-+ [^\n]*\n/m)
    .filter((block) => /^UDP message received|^TCP message received/m.test(block) || false)
    .map((block) => block.replace(/^(UDP|TCP) message received \[\d+\] bytes :\s*\n+/m, ""));
}

/**
 * Runs `call` while a gateway (test/sipp/uas.xml) listens on `ip`:`port`; resolves with the
 * call's result and the messages the gateway received. The gateway is stopped either way.
 * @template T @param {{ ip: string, port: number | string }} at @param {() => Promise<T>} call
 */
export async function withGateway({ ip, port }, call) {
  const gateway = startSipp(["-sf", scenario("uas.xml"), "-i", ip, "-p", String(port)]);
  try {
    await gateway.ready();
    const caller = await call();
    const callee = await gateway.stop();
    return { caller, received: receivedMessages(callee.messages) };
  } finally {
    await gateway.stop();
  }
}

/** Status lines of the replies in a SIPp message log, 100 Trying left out. @param {string} messages */
export const replyStatuses = (messages) =>
  receivedMessages(messages)
    .map((m) => m.split("\r\n")[0])
    .filter((line) => line.startsWith("SIP/2.0 ") && !line.startsWith("SIP/2.0 100 "));

/**
 * One call from `ip` that answers the proxy's challenge (test/sipp/uac-auth.xml) as `user`
 * with `password`, From user `from`; no answer within 2 s fails it.
 * @param {{ ip: string, port: number, proxy: string, number: string, user: string, password: string, from?: string }} call
 */
export const authenticatingCall = ({ ip, port, proxy, number, user, password, from = user }) =>
  callThroughProxy({ scenario: "uac-auth.xml", ip, port, proxy, number, user, password, keys: { caller: from }, recvTimeoutMs: 2000, timeoutMs: 15000 });

/**
 * authenticatingCall after a 300 ms pause, so that a caller's five requests a call stay well
 * under pike's 30 in 2 s; resolves SIPp's result and the reply status lines it received.
 * @param {Parameters<typeof authenticatingCall>[0]} call
 */
export async function pacedAuthenticatingCall(call) {
  await new Promise((r) => setTimeout(r, 300));
  const caller = await authenticatingCall(call);
  return { caller, statuses: replyStatuses(caller.messages) };
}

/** Asserts a pacedAuthenticatingCall completed: challenged, then 200. */
export function assertCallCompleted(/** @type {Awaited<ReturnType<typeof pacedAuthenticatingCall>>} */ result, /** @type {string} */ what) {
  assert.equal(result.caller.code, 0, `${what}: ${result.caller.output}\n${result.caller.errors}`);
  assert.equal(result.statuses[0], "SIP/2.0 407 Proxy Authentication Required", what);
  assert.ok(result.statuses.includes("SIP/2.0 200 OK"), what);
}

/** Asserts a pacedAuthenticatingCall was challenged, then refused by the proxy with `status` (a status line). */
export function assertCallRefused(/** @type {Awaited<ReturnType<typeof pacedAuthenticatingCall>>} */ result, /** @type {string} */ status, /** @type {string} */ what) {
  assert.notEqual(result.caller.code, 0, what);
  assert.deepEqual(result.statuses, ["SIP/2.0 407 Proxy Authentication Required", status], what);
}

/** SIPp's cumulative count of a statistics line ("Successful call", "Failed call"). @param {string} output @param {string} counter */
function cumulative(output, counter) {
  const m = new RegExp(`^\\s*${counter}\\s*\\|[^|]*\\|\\s*(\\d+)`, "m").exec(output);
  return m ? Number(m[1]) : 0;
}

/**
 * The final replies (>= 200) to each INVITE the caller sent, by Call-ID, in order: e.g.
 * ["407 Proxy Authentication Required", "200 OK"] for a call that authenticated.
 * @param {string} messages SIPp's -trace_msg log
 * @returns {Map<string, string[]>}
 */
export function inviteFinalReplies(messages) {
  /** @type {Map<string, string[]>} */
  const calls = new Map();
  for (const m of receivedMessages(messages)) {
    const status = /^SIP\/2\.0 ([2-6]\d\d .*)$/m.exec(m.split("\r\n")[0]);
    if (!status || !/^CSeq:\s*\d+\s+INVITE\s*$/im.test(m)) continue;
    const id = /^(?:Call-ID|i):\s*(.*?)\s*$/im.exec(m)?.[1] ?? "";
    calls.set(id, [...(calls.get(id) ?? []), status[1]]);
  }
  return calls;
}

/**
 * Runs a caller scenario of test/sipp/ against the local proxy and reports what happened: the
 * helper behind `npm run sipp` (scripts/sipp.mjs), for your own routes' tests.
 * @param {{ scenario?: string, number: string, proxy?: string, ip?: string, port?: number, calls?: number,
 *   rate?: number, user?: string, password?: string, keys?: Record<string, string>, recvTimeoutMs?: number, timeoutMs?: number }} call
 *   scenario: a file name in test/sipp/ or a path (default uac.xml); number: the Request-URI
 *   user; proxy: host:port (default 127.0.0.1:5060); ip/port: the caller's (127.0.0.1:5070);
 *   calls: -m (1); rate: calls per second (-r); user/password: digest credentials (-au/-ap,
 *   with uac-auth.xml, whose From user, key `caller`, defaults to user); keys: scenario keys
 *   (-key NAME VALUE, e.g. uac-rejected.xml's); recvTimeoutMs: a call waiting longer for a
 *   message fails (5000)
 * @returns {Promise<{ ok: boolean, successful: number, failed: number, finalReplies: string[][], code: number, output: string, messages: string, errors: string }>}
 *   ok: SIPp counted every call successful; finalReplies: per call, its INVITE's final replies
 */
export async function callThroughProxy({ scenario: name = "uac.xml", number, proxy = "127.0.0.1:5060", ip = "127.0.0.1", port = 5070, calls = 1, rate, user, password, keys = {}, recvTimeoutMs = 5000, timeoutMs = 30000 }) {
  const file = name.includes("/") ? name : scenario(name);
  const args = ["-sf", file, "-i", ip, "-p", String(port), proxy, "-s", number, "-m", String(calls), "-recv_timeout", String(recvTimeoutMs)];
  if (rate !== undefined) args.push("-r", String(rate));
  const allKeys = user === undefined ? keys : { caller: user, ...keys };
  if (user !== undefined) args.push("-au", user, "-ap", password ?? "");
  for (const [key, value] of Object.entries(allKeys)) args.push("-key", key, value);
  const result = await runSipp(args, { timeoutMs });
  const successful = cumulative(result.output, "Successful call");
  return {
    ...result,
    ok: result.code === 0 && successful === calls,
    successful,
    failed: cumulative(result.output, "Failed call"),
    finalReplies: [...inviteFinalReplies(result.messages).values()],
  };
}
