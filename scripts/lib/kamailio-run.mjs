// @ts-check
// Turns a validated deployment config into what Kamailio runs with: the dispatcher and
// permissions lists in the run directory, and the command line (listen sockets, aliases,
// the cfg defines that kamailio/kamailio.cfg reads).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** @typedef {import("./deployment-config.mjs").DeploymentConfig} DeploymentConfig */

/** Dispatcher set of the carrier gateways (src/routes/relay.ts uses the same number). */
const GATEWAY_SET = 1;
/** permissions address group of the trusted peers (src/routes/trusted.ts). */
const TRUSTED_GROUP = 1;

/** dispatcher list_file: "setid destination flags priority attributes". @param {DeploymentConfig} config */
export function renderDispatcherList(config) {
  return config.gateways.map((g) => `${GATEWAY_SET} ${g.uri} 0 ${g.priority} name=${g.name}\n`).join("");
}

/** permissions address_file: "group address mask port tag". @param {DeploymentConfig} config */
export function renderAddressList(config) {
  return config.trusted.map((t) => `${TRUSTED_GROUP} ${t.address} ${t.mask} ${t.port} trusted\n`).join("");
}

/**
 * Writes the run directory and returns the Kamailio command line.
 * @param {{ root: string, config: DeploymentConfig, runDir: string, redisSocket: string, luaBundle?: string, defines?: Record<string, string | number> }} options
 *   redisSocket: the Redis that keeps topology-hiding state (scripts/lib/redis.mjs)
 */
export function prepareKamailioRun({ root, config, runDir, redisSocket, luaBundle, defines = {} }) {
  const dir = resolve(runDir);
  mkdirSync(dir, { recursive: true });
  const dispatcherList = join(dir, "dispatcher.list");
  const addressList = join(dir, "address.list");
  writeFileSync(dispatcherList, renderDispatcherList(config));
  writeFileSync(addressList, renderAddressList(config));
  const ctlSocket = join(dir, "kamailio_ctl");
  const k = config.kamailio;
  /** @type {Record<string, string | number>} */
  const allDefines = {
    LUA_BUNDLE: JSON.stringify(resolve(luaBundle ?? join(root, "lua-out/kamailio.lua"))),
    CTL_SOCKET: JSON.stringify(`unix:${ctlSocket}`),
    DISPATCHER_LIST: JSON.stringify(dispatcherList),
    ADDRESS_FILE: JSON.stringify(addressList),
    REDIS_SERVER: JSON.stringify(`name=topos;unix=${resolve(redisSocket)};db=0`),
    WORKERS: k.workers,
    LOG_LEVEL: k.logLevel,
    GATEWAY_TIMEOUT_MS: k.gatewayTimeoutMs,
    ...defines,
  };
  const args = [
    "-f", join(root, "kamailio/kamailio.cfg"),
    "-DD", "-E",
    "-w", dir, "-Y", dir,
    "-m", String(k.sharedMemoryMb), "-M", String(k.privateMemoryMb),
    ...config.listen.flatMap((l) => ["-l", `${l.proto}:${l.address}:${l.port}`]),
    // Aliases carry our ports: a bare host would make every port of it "myself", so a gateway
    // on the same host (127.0.0.1:5080) could never be routed to.
    ...config.domains.flatMap((d) => [...new Set(config.listen.map((l) => l.port))].map((port) => `--alias=${d}:${port}`)),
    ...Object.entries(allDefines).flatMap(([name, value]) => ["-A", `${name}=${value}`]),
  ];
  return { command: "kamailio", args, ctlSocket };
}
