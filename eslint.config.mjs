import path from "node:path";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

/** Import direction (DESIGN.md): app → lib → db; server → lib → db; workers → lib → db. */
const forbid = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

/**
 * lib's layers, bottom to top (DESIGN.md: a folder never imports one above it). A folder of lib, or a
 * file directly in lib (`lib/env.ts` is "env"), may import its own folder and any folder in a lower
 * layer; never a folder in its own layer or above. Tests and `testing/` fixtures are held to it too.
 * A new folder must be placed here before it can import or be imported.
 */
export const LIB_LAYERS = [
  ["env", "errors", "canonical-json", "brand-state", "group-commit", "metrics", "api", "input-limits"],
  // Spans, trace context and the OpenTelemetry SDK's start: below db and log, which use it.
  ["tracing"],
  ["db", "log", "security", "stats"],
  ["auth", "http"],
  ["audit", "jobs", "idempotency"],
  ["accounts", "api-keys", "brand", "events", "health", "monitoring", "notifications"],
  ["models", "templates", "webhooks"],
  ["budgets"],
  ["chat", "personalisation", "review"],
  ["generation", "rollout", "demo"],
  ["content", "drift", "evaluation", "setup"],
  ["placements"],
];

/**
 * Imports allowed against the order, [from, to]. None today: one Principal in lib/auth (issue 16
 * item 4) ended the auth↔audit and auth↔jobs cycles; sign-in and account management, which write
 * audit entries and queue jobs, live above both in lib/accounts.
 */
export const LIB_LAYER_EXCEPTIONS = [];

const ROOT = import.meta.dirname;
const layerOf = new Map(LIB_LAYERS.flatMap((names, i) => names.map((name) => [name, i])));
const allowed = new Set(LIB_LAYER_EXCEPTIONS.map(([from, to]) => `${from}>${to}`));

/** "lib/models/registry/x.ts" → "models"; "lib/env.test.ts" → "env"; outside lib → undefined. */
function libUnit(repoPath) {
  const [top, name] = repoPath.split(path.sep).join("/").split("/");
  return top === "lib" && name ? name.split(".")[0] : undefined;
}

const libLayers = {
  meta: {
    type: "problem",
    docs: { description: "A folder of lib never imports a folder in its own layer or above (LIB_LAYERS)." },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const from = libUnit(file);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      let target;
      if (specifier.startsWith("@/")) target = specifier.slice(2);
      else if (specifier.startsWith(".")) target = path.join(path.dirname(file), specifier);
      else return;
      const to = libUnit(path.normalize(target));
      if (!to || to === from || allowed.has(`${from}>${to}`)) return;
      for (const name of [from, to]) {
        if (!layerOf.has(name)) {
          context.report({
            node,
            message: `lib/${name} is not in LIB_LAYERS (eslint.config.mjs): give it a layer.`,
          });
          return;
        }
      }
      if (layerOf.get(to) >= layerOf.get(from)) {
        const where = layerOf.get(to) === layerOf.get(from) ? "in the same layer as" : "above";
        context.report({
          node,
          message: `lib/${from} may not import lib/${to}: it is ${where} lib/${from} in LIB_LAYERS (eslint.config.mjs). Move the shared piece down a layer.`,
        });
      }
    };
    const source = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: (node) => node.source && source(node),
      ExportAllDeclaration: source,
      ImportExpression: source,
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require")
          check(node, node.arguments[0]?.value);
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      ".next",
      "dist-server",
      ".stryker-tmp*",
      "reports",
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
    files: ["lib/**"],
    plugins: { brandgate: { rules: { "lib-layers": libLayers } } },
    rules: { "brandgate/lib-layers": "error" },
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
      "vitest*.config.ts",
      "bench/**",
      // The CLI runs on a pipeline's machine, not in Brandgate: its environment is its input.
      "bin/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
