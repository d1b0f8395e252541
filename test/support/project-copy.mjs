// @ts-check
// A copy of the project in a temporary directory, for tests that build or edit the sources
// (the repository itself is never modified); node_modules is linked, not copied.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { root } from "./kamailio.mjs";

/** What a build needs (TSTL, its plugin, the generators' inputs). */
export const BUILD_PATHS = ["src", "scripts", "kemi", "tsconfig.json", "package.json"];

/**
 * Copies `paths` (relative to the project root) to a new temporary directory.
 * @param {string[]} [paths] default: what a build needs
 */
export function copyProject(paths = BUILD_PATHS) {
  const dir = mkdtempSync(join(tmpdir(), "kts-project-"));
  for (const path of paths) cpSync(join(root, path), join(dir, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return {
    dir,
    /** @param {string} path */
    read: (path) => readFileSync(join(dir, path), "utf8"),
    /** @param {string} path @param {string} text */
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    /** Replaces `from` (which must occur) in a copied file. @param {string} path @param {string} from @param {string} to */
    edit(path, from, to) {
      const text = readFileSync(join(dir, path), "utf8");
      if (!text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
      writeFileSync(join(dir, path), text.replace(from, to));
    },
  };
}
