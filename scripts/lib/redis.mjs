// @ts-check
// The embedded Redis that holds topology-hiding state (topos_redis): one redis-server per
// run, on a unix socket in the run directory, appending to disk so calls survive a restart
// of Kamailio (and of Redis itself).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Starts redis-server and resolves once its socket exists.
 * @param {{ runDir: string, dataDir: string, stdio?: "inherit" | "ignore" }} options
 */
export async function startRedis({ runDir, dataDir, stdio = "ignore" }) {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const socket = join(runDir, "redis.sock");
  const child = spawn(
    "redis-server",
    ["--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--dir", dataDir, "--appendonly", "yes", "--save", "", "--loglevel", "warning"],
    { stdio },
  );
  /** @type {number | null} */
  let exitCode = null;
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve((exitCode = code ?? 1))));
  for (let i = 0; i < 100 && !existsSync(socket); i++) {
    if (exitCode !== null) throw new Error(`redis-server exited with ${exitCode} before listening on ${socket}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!existsSync(socket)) throw new Error(`redis-server did not listen on ${socket} within 5 s`);
  return {
    socket,
    exited,
    async stop() {
      if (exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
