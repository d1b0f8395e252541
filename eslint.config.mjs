// Lint rules for route code that TypeScriptToLua compiles to Lua for Kamailio's app_lua (KEMI).
// Only rules that guard against TS-vs-Lua semantic traps live here; tsc covers the rest.
// `npm run lint` lints src/; the fixtures in test/lint/fixtures/ are linted only when named
// explicitly (see test/static/lint-rules.test.mjs), with the same rules.
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const luaSafetyRules = {
  // In Lua every number (0 included) and every string ("" included) is truthy, so a KEMI int
  // return code (> 0 ok, < 0 fail) used as a condition is always true: compare it instead.
  // Booleans (KEMI `bool` results) and nullable objects (nil is falsy) keep their meaning.
  "@typescript-eslint/strict-boolean-expressions": [
    "error",
    {
      allowString: false,
      allowNumber: false,
      allowNullableObject: true,
      allowNullableBoolean: false,
      allowNullableString: false,
      allowNullableNumber: false,
      allowNullableEnum: false,
      allowAny: false,
    },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: "TryStatement",
      message:
        "try/catch compiles to pcall and swallows KSR.x.exit() (the error string ~~ksr~exit~~): do not catch in route code",
    },
  ],
};

export default defineConfig(
  globalIgnores(["**/*.generated.*", "lua-out/", "node_modules/"]),
  {
    files: ["src/**/*.ts", "test/lint/fixtures/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // src/index.ts (the package's library entry, only re-exports) is outside tsconfig.json.
        projectService: { allowDefaultProject: ["src/index.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      "@typescript-eslint": tseslint.plugin,
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: luaSafetyRules,
  },
);
