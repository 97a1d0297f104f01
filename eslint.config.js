import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import importX from "eslint-plugin-import-x";
import globals from "globals";

// Boundaries (docs/architecture.md, "Layers"): shared/ is pure; renderer/ never imports electron/; only renderer/db touches Dexie.
const browserOnlyGlobals = [
  "window",
  "document",
  "navigator",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "HTMLElement",
  "Element",
  "Node",
  "DOMParser",
  "location",
  "history",
  "alert",
  "fetch",
  "XMLHttpRequest",
  "process",
  "require",
  "__dirname",
  "Buffer",
].map((name) => ({ name, message: "shared/ is pure: no DOM or Node globals. Pass what you need as a parameter." }));

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "dist-electron/**",
      "release/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      ".bench/**",
      "dist-cli/**",
      "dist-*/**",
      "test-reports/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // A runtime import cycle works only while every use is inside a function body; one top-level use
    // and a module reads another's exports before they exist. Type-only imports vanish at runtime and
    // are not cycles. Without the extensions/parsers settings the rule silently resolves nothing
    // (tests/unit/lint/noCycle.test.ts proves it still fires).
    files: ["renderer/**/*.{ts,tsx}", "shared/**/*.ts", "electron/**/*.ts", "cli/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["electron", "react", "react-dom", "dexie", "dexie-react-hooks", "fs", "path", "os", "crypto", "child_process"].map(
            (name) => ({ name, message: "shared/ is pure domain code." }),
          ),
          patterns: [
            { group: ["node:*"], message: "shared/ is pure: no Node built-ins." },
            { group: ["react/*", "react-dom/*", "dexie/*", "electron/*"], message: "shared/ is pure domain code." },
            { group: ["**/renderer/**", "**/electron/**"], message: "shared/ must not depend on renderer/ or electron/." },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...browserOnlyGlobals],
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "electron", message: "The renderer talks to Electron only through the Host (window.margin)." },
            { name: "dexie", message: "Only renderer/db touches Dexie; use its repository functions." },
          ],
          patterns: [{ group: ["**/electron/**"], message: "renderer/ must not import electron/." }],
        },
      ],
    },
  },
  {
    files: ["renderer/db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "electron", message: "The renderer talks to Electron only through the Host." }],
          patterns: [{ group: ["**/electron/**"], message: "renderer/ must not import electron/." }],
        },
      ],
    },
  },
  {
    // Node-only helpers for electron/ and cli/ alike: no Electron, UI or database.
    files: ["node/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["electron", "react", "react-dom", "dexie", "dexie-react-hooks"].map((name) => ({
            name,
            message: "node/ is shared by electron/ and cli/: Node built-ins only.",
          })),
          patterns: [
            { group: ["**/renderer/**", "**/electron/**", "**/cli/**"], message: "node/ must not depend on renderer/, electron/ or cli/." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
);
