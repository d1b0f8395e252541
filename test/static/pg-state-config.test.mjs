// @ts-check
// With billing.cdr on PostgreSQL, what Kamailio is told (defines) and the opening balances' SQL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runDefines } from "../support/config-run.mjs";
import { openingBalancesSql } from "../../scripts/lib/balance-db.mjs";
import { root, testConfig } from "../support/kamailio.mjs";

const URL = "postgres://kts:secret@10.0.0.9:5432/kts";

/** The -A defines of a run of `raw` (its paths from kamailio/, as the shipped config's). @param {Record<string, any>} raw */
const defines = (raw) => runDefines(raw, { baseDir: join(root, "kamailio"), databaseFile: "/var/test/k.sqlite" });

test("CDRs on PostgreSQL: balances (CDR_POSTGRES), plans and policy (DB_URL) there too; credentials in the node's SQLite", () => {
  const base = testConfig();
  const d = defines({ ...base, billing: { ...base.billing, cdr: { database: "postgres", url: URL } } });
  assert.equal(d.CDR_POSTGRES, "1");
  assert.equal(d.DB_URL, JSON.stringify(URL));
  assert.equal(d.AUTH_DB_URL, '"sqlite:////var/test/k.sqlite"');
  const sqlite = defines(base);
  assert.equal(sqlite.CDR_POSTGRES, undefined);
  assert.equal(sqlite.DB_URL, '"sqlite:////var/test/k.sqlite"');
  assert.equal(sqlite.AUTH_DB_URL, sqlite.DB_URL);
});

test("opening balances: enabled prepaid accounts only, names as literals, never overwriting a balance", () => {
  assert.equal(openingBalancesSql([{ username: "1001", enabled: true, prepaidBalance: null }]), "");
  assert.equal(
    openingBalancesSql([
      { username: "o'hara", enabled: true, prepaidBalance: 100000 },
      { username: "1002", enabled: false, prepaidBalance: 5 },
      { username: "1003", enabled: true, prepaidBalance: 0 },
    ]),
    "INSERT INTO balances (account, balance) VALUES ('o''hara', 100000), ('1003', 0) ON CONFLICT (account) DO NOTHING;\n",
  );
});
