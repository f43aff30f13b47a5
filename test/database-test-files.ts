/**
 * Which test files touch a database: those that reach the database client, the embedded
 * database, the test factories or the run's database URL through their imports (followed
 * transitively through the project's own modules), or that start processes of the product.
 *
 * CI runs every test on the embedded database, then only these again on PostgreSQL: a test
 * that never opens a connection gains nothing from a second database. The walk
 * over-approximates (a file that imports a module that could query counts as touching), which
 * only costs a redundant run; it never skips a file that does reach the database.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g;
/** Modules that open or hand out connections, or reach a running product. */
const DATABASE_MODULES = [/^lib\/db\.ts$/, /^db\/client\.ts$/, /^db\/embedded\//, /^test\/factories\.ts$/];
/** Source text that reaches the run's database or starts the product's processes. */
const DATABASE_TEXT = /inject\(\s*["']databaseUrl["']|\bDATABASE_URL\b|test\/spawn|spawnProcess/;

function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (candidate.endsWith(".ts") || candidate.endsWith(".tsx")) {
      if (existsSync(candidate)) return candidate;
    }
  }
  const js = base.replace(/\.js$/, ".ts");
  return js !== base && existsSync(js) ? js : null;
}

/** Test files (relative to root) that touch a database, from a list of candidates. */
export function databaseTestFiles(root: string, files: string[]): string[] {
  // The project's import graph from the test files, then every module that reaches a
  // database module or text, found backwards from those (cycles need no special care).
  const importers = new Map<string, Set<string>>();
  const touching = new Set<string>();
  const seen = new Set<string>();
  const pending = files.map((file) => path.join(root, file));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const relative = path.relative(root, file).split(path.sep).join("/");
    const text = readFileSync(file, "utf8");
    if (DATABASE_MODULES.some((pattern) => pattern.test(relative)) || DATABASE_TEXT.test(text))
      touching.add(file);
    for (const match of text.matchAll(IMPORT)) {
      const target = resolve(root, file, match[1] ?? "");
      if (!target) continue;
      if (!importers.has(target)) importers.set(target, new Set());
      importers.get(target)!.add(file);
      pending.push(target);
    }
  }
  const queue = [...touching];
  while (queue.length > 0) {
    for (const importer of importers.get(queue.pop()!) ?? []) {
      if (!touching.has(importer)) {
        touching.add(importer);
        queue.push(importer);
      }
    }
  }
  return files.filter((file) => touching.has(path.join(root, file)));
}
