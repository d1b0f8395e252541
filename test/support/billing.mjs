// @ts-check
// Helpers of the billing tests: rate plans written to temp CSV files, CDRs read from the
// real database, authenticated calls refused with a given status.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { query } from "../../scripts/lib/subscriber-db.mjs";
import { runSipp, scenario } from "./sipp.mjs";

const CSV_HEADER = "prefix,destination,connect_fee,price,unit_seconds,first_increment,next_increment,tiers,max_cost,weekdays,time_from,time_until";

/**
 * Writes rate plans as CSV files; returns billing.ratePlans (absolute paths).
 * @param {Record<string, string[]>} plans plan name -> CSV rows without the header
 */
export function writeRatePlans(plans) {
  const dir = mkdtempSync(join(tmpdir(), "kts-rates-"));
  /** @type {Record<string, string>} */
  const files = {};
  for (const [name, rows] of Object.entries(plans)) {
    files[name] = join(dir, `${name}.csv`);
    writeFileSync(files[name], [CSV_HEADER, ...rows, ""].join("\n"));
  }
  return files;
}

/** The CDR columns a test reads, by name. */
const COLUMNS = ["attempt_id", "call_id", "account", "caller", "callee", "number", "prefix", "rate_id", "answer_ms", "duration_ms", "billable_seconds", "cost", "sip_code", "sip_reason", "end_reason"];
const NUMERIC = new Set(["answer_ms", "duration_ms", "billable_seconds", "cost", "sip_code"]);

/**
 * The CDR rows of the database (those matching `where`), as objects; waits up to `waitMs` for
 * at least `atLeast` rows (the CDR writer runs every 100 ms).
 * @param {string} databaseFile @param {{ where?: string, atLeast?: number, waitMs?: number }} [options]
 */
export async function cdrRows(databaseFile, { where = "1=1", atLeast = 1, waitMs = 5000 } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const text = query(databaseFile, `.mode json\nSELECT ${COLUMNS.join(", ")} FROM cdr WHERE ${where} ORDER BY id;`).trim();
    /** @type {Record<string, any>[]} */
    const rows = text === "" ? [] : JSON.parse(text);
    for (const row of rows) for (const c of NUMERIC) row[c] = Number(row[c]);
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * One authenticated call (test/sipp/uac-auth.xml) that the proxy refuses with `status`
 * after the challenge: SIPp acknowledges it and exits 1. recvTimeoutMs: how long it waits for
 * each reply (default 3 s).
 * @param {number} status
 * @param {{ ip: string, port: number, proxy: string, number: string, user: string, password: string, recvTimeoutMs?: number }} call
 */
export function refusedAuthCall(status, { ip, port, proxy, number, user, password, recvTimeoutMs = 3000 }) {
  const file = join(mkdtempSync(join(tmpdir(), "kts-scenario-")), `uac-auth-${status}.xml`);
  writeFileSync(file, readFileSync(scenario("uac-auth.xml"), "latin1").replaceAll("403", String(status)), "latin1");
  return runSipp([
    "-sf", file, "-i", ip, "-p", String(port), proxy, "-s", number, "-m", "1",
    "-au", user, "-ap", password, "-key", "caller", user, "-recv_timeout", String(recvTimeoutMs),
  ], { timeoutMs: recvTimeoutMs + 12000 });
}
