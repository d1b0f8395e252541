// @ts-check
// The deployment config as the static tests check it: the problems validation reports, and the
// Kamailio arguments and cfg defines a run of a valid config gets (prepareKamailioRun, in a
// throwaway run directory: nothing is started).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./kamailio.mjs";
import { ConfigError, validateDeploymentConfig } from "../../scripts/lib/deployment-config.mjs";
import { prepareKamailioRun } from "../../scripts/lib/kamailio-run.mjs";

/** A small valid config with CDRs in PostgreSQL (what a cluster needs), paths from the repository root. */
export const POSTGRES_BASE = Object.freeze({
  listen: ["udp:10.0.0.1:5060"],
  gateways: [{ name: "g", uri: "sip:192.0.2.1" }],
  billing: {
    numbering: { countryCode: "86", internationalPrefix: "00", nationalPrefix: "0" },
    ratePlans: { default: "kamailio/rates/default.csv" },
    cdr: { database: "postgres", url: "postgres://k@10.0.0.9:5432/cdr" },
  },
});

/** `config` validated, relative paths from `baseDir`. @param {object} config @param {string} [baseDir] */
export const validConfig = (config, baseDir = root) => validateDeploymentConfig(config, "c.json", { baseDir });

/** The problems validation reports for `config` ([] when valid). @param {object} config @param {string} [baseDir] */
export function configProblems(config, baseDir = root) {
  try {
    validConfig(config, baseDir);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/**
 * Kamailio's arguments for a run of the valid `config`.
 * @param {object} config @param {{ baseDir?: string, databaseFile?: string }} [options] paths from `baseDir`; the node's SQLite file
 */
export function runArgs(config, { baseDir = root, databaseFile } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kts-config-run-"));
  return prepareKamailioRun({ root, config: validConfig(config, baseDir), runDir: dir, redisSocket: join(dir, "r.sock"), redisPort: 6379, databaseFile: databaseFile ?? join(dir, "k.sqlite") }).args;
}

/** The cfg defines (-A NAME=value) of a run of the valid `config`. @param {object} config @param {Parameters<typeof runArgs>[1]} [options] */
export function runDefines(config, options) {
  const args = runArgs(config, options);
  return Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === "-A" ? [a.split(/=(.*)/s, 2)] : [])));
}
