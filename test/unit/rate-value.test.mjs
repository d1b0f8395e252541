// The mtree rate value round trip: what the JS loader (scripts/lib/rate-csv.mjs,
// rate-value.mjs) reads from a CSV and encodes, the bundle's Lua decodeRateEntry
// (src/billing/deck.ts) gives back exactly, under lua5.1 and luajit; and the loader's limits
// are rateProblem's: a rate just past one, written into a value, is refused by the Lua too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { root } from "../support/kamailio.mjs";
import { parseMoney } from "../../scripts/lib/money.mjs";
import { RATE_LIMITS, parseRatePlan } from "../../scripts/lib/rate-csv.mjs";
import { encodeRateEntry } from "../../scripts/lib/rate-value.mjs";

const HEADER = "prefix,destination,connect_fee,price,unit_seconds,first_increment,next_increment,tiers,max_cost,weekdays,time_from,time_until";

/** Every kind of row: BOM, CRLF, quoted fields, windows (weekdays, times, past midnight, 24:00), tiers, caps, limits. */
const FIXTURE = "\uFEFF" + [
  HEADER,
  "86,China,,0.05,1,1,1,,,,,",
  '225,"Côte d\'Ivoire, ""Mobile"" | 100%",0.0001,0.3,60,30,6,,,,,',
  "33,France,,0.02,60,60,60,,,,,", // the fallback first in the file: it goes last
  "33,France,,0.05,60,60,60,,,1-5,08:00,20:00",
  "33,France,,0.01,60,60,60,,,,22:00,06:00",
  "33,France,,0.015,60,60,60,,,\"6,7\",,",
  "33,France,,0.03,60,60,60,,,\"1-3,5\",00:00,24:00",
  "49,Germany,,0.04,60,30,6,60:0.03;600:0.02,1.5,,,",
  "999999999999999,Longest,100000,100000,86400,86400,86400,2147483647:100000,8640000000,7,23:59,00:00",
  "1,NANP,0,0,1,1,1,,0,,,",
  "",
].join("\r\n");

/** Runs test/support/rate_values.lua under `lua` with the given command lines: one JSON value each. */
function lua(interpreter, lines) {
  const r = spawnSync(interpreter, ["test/support/rate_values.lua"], { cwd: root, input: lines.join("\n") + "\n", encoding: "utf8", timeout: 60000 });
  assert.equal(r.status, 0, `${interpreter}: ${r.stderr}`);
  const out = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(out.length, lines.length);
  return out;
}

/** A plain copy without undefined fields (JSON's view, as the Lua side prints it). */
const plain = (value) => JSON.parse(JSON.stringify(value));

for (const interpreter of ["lua5.1", "luajit"]) {
  test(`${interpreter}: decodeRateEntry gives back every entry the JS loader encoded`, () => {
    const { entries, problems } = parseRatePlan(FIXTURE, { plan: "gold_2", file: "fixture.csv" });
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.prefix), ["86", "225", "33", "49", "999999999999999", "1"]);
    const france = entries[2];
    assert.deepEqual(france.rates.map((r) => r.price), [500, 100, 150, 300, 200], "windowed rows in file order, the fallback last");
    assert.deepEqual(france.rates.map((r) => r.id), ["gold_2:33:1", "gold_2:33:2", "gold_2:33:3", "gold_2:33:4", "gold_2:33:5"]);
    assert.equal(entries[1].destination, 'Côte d\'Ivoire, "Mobile" | 100%');
    const values = entries.map(encodeRateEntry);
    assert.equal(values[0], "gold_2|86|China|0,500,1,1,1", "the brief's rate in 27 bytes");
    assert.deepEqual(lua(interpreter, values.map((v) => `decode ${v}`)), plain(entries));
  });

  test(`${interpreter}: the loader's limits are rateProblem's, and its money reading is parseMoney's`, () => {
    assert.deepEqual(lua(interpreter, ["limits"])[0], RATE_LIMITS);
    const texts = ["0.05", "6", "6.00", "1.2345", "0", "99999999999.9999", "", ".5", "5.", "-1", "+1", "1e3", "1.23456", "1,5", " 1", "100000000000", "0x10"];
    assert.deepEqual(lua(interpreter, texts.map((t) => `money ${t}`)), texts.map((t) => parseMoney(t) ?? null));

    // At each limit both accept; one past it, the CSV loader refuses the row and the Lua the value.
    const { maxPrice, maxIncrement, maxDurationMs } = RATE_LIMITS;
    const base = { id: "", connectFee: 0, price: 500, unitSeconds: 1, firstIncrement: 1, nextIncrement: 1 };
    const cases = [
      // [CSV columns changed, the same rate as the loader would build it]
      [{ price: "100000" }, { price: maxPrice }, true],
      [{ price: "100000.0001" }, { price: maxPrice + 1 }, false],
      [{ connect_fee: "100000.0001" }, { connectFee: maxPrice + 1 }, false],
      [{ unit_seconds: "86400" }, { unitSeconds: maxIncrement }, true],
      [{ unit_seconds: "86401" }, { unitSeconds: maxIncrement + 1 }, false],
      [{ unit_seconds: "0" }, { unitSeconds: 0 }, false],
      [{ first_increment: "86401" }, { firstIncrement: maxIncrement + 1 }, false],
      [{ next_increment: "0" }, { nextIncrement: 0 }, false],
      [{ max_cost: "8640000000" }, { maxCost: maxPrice * maxIncrement }, true],
      [{ max_cost: "8640000000.0001" }, { maxCost: maxPrice * maxIncrement + 1 }, false],
      [{ tiers: "2147483647:0.01" }, { tiers: [{ fromSecond: maxDurationMs, price: 100 }] }, true],
      [{ tiers: "2147483648:0.01" }, { tiers: [{ fromSecond: maxDurationMs + 1, price: 100 }] }, false],
      [{ tiers: "0:0.01" }, { tiers: [{ fromSecond: 0, price: 100 }] }, false],
      [{ tiers: "60:0.01;60:0.02" }, { tiers: [{ fromSecond: 60, price: 100 }, { fromSecond: 60, price: 200 }] }, false],
      [{ tiers: "60:100000.0001" }, { tiers: [{ fromSecond: 60, price: maxPrice + 1 }] }, false],
    ];
    const columns = HEADER.split(",");
    const rows = cases.map(([changed]) => {
      const row = { prefix: "86", destination: "China", price: "0.05", unit_seconds: "1", first_increment: "1", next_increment: "1", ...changed };
      return columns.map((c) => row[c] ?? "").join(",");
    });
    const decoded = lua(interpreter, cases.map(([, rate]) => `decode p|86|China|${encodeRateEntry({ plan: "p", prefix: "86", destination: "China", rates: [{ ...base, ...rate }] }).split("|")[3]}`));
    cases.forEach(([changed, , valid], i) => {
      const { problems } = parseRatePlan(`${HEADER}\n${rows[i]}\n`, { plan: "p", file: "limits.csv" });
      assert.equal(problems.length === 0, valid, `CSV ${JSON.stringify(changed)}: ${problems.join("; ")}`);
      assert.equal(decoded[i] !== null, valid, `Lua ${JSON.stringify(changed)}`);
    });
  });
}
