// @ts-check
// Part 3b: the shared-memory alternative to a Lua deck per worker. The same decks go into
// Kamailio's mtree (SQLite `mtrees` table, loaded at start into shared memory); measured:
// shared memory used (kamcmd core.shmmem) and private memory of every process (kamcmd
// pkg.stats), with the deck and without it (an empty table), so the deck's cost is the
// difference, and the private memory's difference shows no worker holds a copy.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root, startKamailio, testConfig } from "../../test/support/kamailio.mjs";

const SCHEMA = "/usr/share/kamailio/db_sqlite/mtree-create.sql";
/**
 * db_sqlite 5.6 fetches no rows in steps (mtree's fetch_rows): the whole table is read into
 * the private memory of the loading process first, about 150 bytes a row.
 */
const PRIVATE_MEMORY_MB = 1024;
/** The tree's name (mtrees.tname): what a route would match against, mt_match("rates", ...). */
export const TREE = "rates";

/** Runs SQL on an SQLite file with the sqlite3 command. @param {string} file @param {string} sql */
function sqlite(file, sql) {
  const r = spawnSync("sqlite3", ["-bail", file], { input: sql, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sqlite3 ${file}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * An SQLite database with Kamailio's mtree schema whose `mtrees` table holds the deck (one row
 * a prefix: tname TREE, tprefix, tvalue "d<destination>"); an empty table when deckFile is null.
 * @param {string} file @param {string | null} deckFile bench/lib/deck.mjs's TSV
 */
export function mtreeDatabase(file, deckFile) {
  const load = deckFile === null ? "" : [
    "CREATE TEMP TABLE deck (prefix TEXT, destination TEXT);",
    ".mode tabs",
    `.import ${deckFile} deck`,
    `INSERT INTO mtrees (tname, tprefix, tvalue) SELECT '${TREE}', prefix, 'd' || destination FROM deck;`,
  ].join("\n");
  sqlite(file, `CREATE TABLE version (table_name VARCHAR(32) NOT NULL, table_version INTEGER DEFAULT 0 NOT NULL);\n${readFileSync(SCHEMA, "utf8")}\n${load}\n`);
  return file;
}

/** The numeric fields of a kamcmd structure ("name: value" lines), summed by name. @param {string} text */
function fields(text) {
  /** @type {Record<string, number>} */
  const sums = {};
  for (const [, name, value] of text.matchAll(/^\s*([\w.]+):\s+(\d+)\s*$/gm)) sums[name] = (sums[name] ?? 0) + Number(value);
  return sums;
}

/**
 * Starts Kamailio with bench/mtree/kamailio.cfg on `database` and returns what it uses: shared
 * memory, private memory summed over its processes, the tree's own count and size
 * (mtree.summary), and the seconds from spawn to its RPC answering (the load included).
 * @param {{ database: string, workers: number, sharedMemoryMb: number }} options
 */
export async function mtreeMemory({ database, workers, sharedMemoryMb }) {
  const base = testConfig();
  const started = process.hrtime.bigint();
  const kamailio = await startKamailio({
    config: { ...base, listen: ["udp:127.0.0.1:5090"], kamailio: { ...base.kamailio, workers, sharedMemoryMb, privateMemoryMb: PRIVATE_MEMORY_MB } },
    cfgText: readFileSync(join(root, "bench/mtree/kamailio.cfg"), "utf8"),
    defines: { DB_URL: JSON.stringify(`sqlite:///${database}`) },
    readyTimeoutMs: 120000,
  });
  try {
    const startS = Number(process.hrtime.bigint() - started) / 1e9;
    const shm = fields(kamailio.rpc("core.shmmem"));
    const pkg = fields(kamailio.rpc("pkg.stats"));
    const processes = (kamailio.rpc("pkg.stats").match(/^\s*pid:/gm) ?? []).length;
    const summary = kamailio.rpc("mtree.summary");
    const tree = summary.includes(TREE) ? fields(summary) : {};
    return { startS: Number(startS.toFixed(2)), shmUsed: shm.real_used, pkgUsed: pkg.real_used, processes, treeItems: tree.nritems ?? 0, treeMemsize: tree.memsize ?? 0 };
  } finally {
    await kamailio.stop();
  }
}

/**
 * For each deck: memory with it minus memory with the empty table, at `workers` workers.
 * `copies` is the memory the deck adds across all processes over what one copy takes (shared
 * memory counts once): 1.0 when only one copy exists.
 * @param {{ decks: { size: number, deck: string }[], workers: number, dir: string, log: (line: string) => void }} options
 */
export async function mtreeDecks({ decks, workers, dir, log }) {
  const sharedMemoryMb = 4096;
  const empty = await mtreeMemory({ database: mtreeDatabase(join(dir, "mtree-empty.sqlite"), null), workers, sharedMemoryMb });
  const results = [];
  for (const { size, deck } of decks) {
    const loaded = await mtreeMemory({ database: mtreeDatabase(join(dir, `mtree-${size}.sqlite`), deck), workers, sharedMemoryMb });
    const shmBytes = loaded.shmUsed - empty.shmUsed;
    const pkgBytes = loaded.pkgUsed - empty.pkgUsed;
    const r = {
      prefixes: size,
      treeItems: loaded.treeItems,
      workers,
      processes: loaded.processes,
      shmKb: Math.round(shmBytes / 1024),
      treeMemsizeKb: Math.round(loaded.treeMemsize / 1024),
      pkgAllProcessesKb: Math.round(pkgBytes / 1024),
      copies: Number(((shmBytes + pkgBytes) / shmBytes).toFixed(3)),
      startS: loaded.startS,
    };
    results.push(r);
    log(`  mtree ${String(size).padStart(7)} prefixes: ${r.shmKb} KB shared (${r.treeItems} items), private memory of ${r.processes} processes ${r.pkgAllProcessesKb >= 0 ? "+" : ""}${r.pkgAllProcessesKb} KB, start ${r.startS} s`);
  }
  return { empty: { shmKb: Math.round(empty.shmUsed / 1024), pkgAllProcessesKb: Math.round(empty.pkgUsed / 1024) }, decks: results };
}
