// Mutation testing of the governance checks, the review workflow and the audit chain:
// `npm run test:mutation` (minutes to hours; not in CI). Narrow it while working, e.g.
// `npx stryker run --mutate 'lib/audit/**/*.ts' --concurrency 1`. Scores: bench/README.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts", related: true },
  mutate: [
    "lib/brand/checks/**/*.ts",
    "lib/review/**/*.ts",
    "lib/audit/**/*.ts",
    "!**/*.test.ts",
    "!lib/brand/checks/corpus/**",
  ],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  ignorePatterns: [".data", ".next", "e2e", "reports", "playwright-report", "test-results"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
