import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

/** Import direction (DESIGN.md): app → lib → db; server → lib → db; workers → lib → db. */
const forbid = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      ".next",
      ".data",
      "db/migrations",
      "bench/results",
      "test-results",
      "playwright-report",
      "next-env.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through getEnv() in lib/env.ts.",
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: forbid(
      [
        "@/app/*",
        "@/server/*",
        "@/workers/*",
        "@/e2e/*",
        "next",
        "next/*",
        "react",
        "react-dom",
        "../../app/*",
        "../../server/*",
        "../../workers/*",
      ],
      "lib is framework-free: it never imports app, server, workers, next or react.",
    ),
  },
  {
    files: ["db/**"],
    rules: forbid(
      ["@/lib/*", "@/app/*", "@/server/*", "@/workers/*", "@/e2e/*"],
      "db is the bottom layer: it imports nothing of the app.",
    ),
  },
  {
    files: ["app/**"],
    rules: forbid(
      ["@/server/*", "@/workers/*", "@/e2e/*", "@/db/client", "@/db/migrate"],
      "app calls lib; it never reaches workers, the server or the database client directly.",
    ),
  },
  {
    files: ["server/**", "workers/**"],
    rules: forbid(
      ["@/app/*", "@/e2e/*", "@/db/client"],
      "server and workers call lib, never app or the database client.",
    ),
  },
  {
    // Environment is read in one place; the launcher, tests and tools set it for processes they start.
    files: [
      "lib/env.ts",
      "scripts/**",
      "test/**",
      "e2e/**",
      "**/*.test.ts",
      "playwright.config.ts",
      "bench/**",
      // The CLI runs on a pipeline's machine, not in Brandgate: its environment is its input.
      "bin/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
