// @ts-check
// CPU time of processes from /proc (Linux): utime + stime of each, in seconds, plus what
// their exited children left in cutime + cstime.
import { readFileSync, readdirSync } from "node:fs";

/** Kernel clock ticks per second (USER_HZ): 100 on Linux x86. */
const TICKS_PER_SECOND = 100;

/** @param {number} pid @returns {{ comm: string, ppid: number, ticks: number, childTicks: number } | null} */
function stat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // exited
  }
  // comm may hold spaces and parentheses: the fields after it start at the last ")".
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const fields = text.slice(close + 2).split(" "); // fields[0] is field 3 (state)
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return { comm, ppid: Number(fields[1]), ticks: utime + stime, childTicks: cutime + cstime };
}

/** Pids of every process now. */
const allPids = () => readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);

/**
 * CPU seconds used so far by the process `pid` and all its descendants (those alive, and
 * those exited that their parent reaped), and how many processes that is.
 * @param {number} pid
 */
export function treeCpuSeconds(pid) {
  const stats = new Map(allPids().map((p) => [p, stat(p)]));
  let ticks = 0;
  let processes = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const p = /** @type {number} */ (queue.shift());
    const s = stats.get(p);
    if (!s) continue;
    ticks += s.ticks + s.childTicks;
    processes++;
    for (const [child, cs] of stats) if (cs?.ppid === p) queue.push(child);
  }
  return { seconds: ticks / TICKS_PER_SECOND, processes };
}

/** CPU seconds used so far by the given processes (without descendants). @param {number[]} pids */
export const cpuSeconds = (pids) => pids.reduce((sum, p) => sum + (stat(p)?.ticks ?? 0), 0) / TICKS_PER_SECOND;

/**
 * CPU seconds of this process and of the children it has reaped (the SIPp callers, once
 * they have exited).
 */
export function selfCpuSeconds() {
  const s = stat(process.pid);
  return s ? (s.ticks + s.childTicks) / TICKS_PER_SECOND : 0;
}

/**
 * The main process of a Kamailio started with `-w runDir` (test/support/kamailio.mjs): the
 * process named kamailio, with runDir on its command line, whose parent is not one.
 * @param {string} runDir
 */
export function kamailioMainPid(runDir) {
  const kamailios = allPids().filter((p) => {
    try {
      return stat(p)?.comm === "kamailio" && readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").includes(runDir);
    } catch {
      return false;
    }
  });
  const main = kamailios.filter((p) => !kamailios.includes(/** @type {number} */ (stat(p)?.ppid)));
  if (main.length !== 1) throw new Error(`expected one main Kamailio process for ${runDir}, found ${main.length}`);
  return main[0];
}

/**
 * Pid of the redis-server listening on TCP `port` (the proxy's Redis, scripts/lib/redis.mjs:
 * Redis names its process "redis-server 127.0.0.1:<port>").
 * @param {number} port
 */
export function redisPid(port) {
  return allPids().find((p) => {
    try {
      return stat(p)?.comm === "redis-server" && readFileSync(`/proc/${p}/cmdline`, "utf8").includes(`:${port}`);
    } catch {
      return false;
    }
  });
}

/**
 * Busy and total CPU seconds of the whole machine so far, all CPUs (/proc/stat; guest time is
 * already in user time).
 */
export function machineSeconds() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS_PER_SECOND, total: (busy + idle + iowait) / TICKS_PER_SECOND };
}
