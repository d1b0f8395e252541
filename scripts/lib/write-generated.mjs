// @ts-check
// Writes generated files, or with `check` compares them and reports every stale one.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {string} root project root
 * @param {Record<string, string>} files path relative to root -> content
 * @param {{ check: boolean, regenerate: string }} options `regenerate`: the command that fixes drift
 * @returns {number} count of stale files (always 0 when writing)
 */
export function writeOrCheck(root, files, { check, regenerate }) {
  let stale = 0;
  for (const [file, content] of Object.entries(files)) {
    const path = join(root, file);
    let current = null;
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current === content) continue;
    if (check) {
      console.error(`${file} is out of date: run \`${regenerate}\``);
      stale++;
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${file}`);
    }
  }
  return stale;
}
