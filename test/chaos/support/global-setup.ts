/**
 * Chaos runs need a PostgreSQL server (several processes share one database): DATABASE_URL when
 * set, the local server otherwise. The shared setup creates a fresh database for the run.
 */
import type { TestProject } from "vitest/node";
import setup from "../../global-setup";

export default async function chaosSetup(project: TestProject) {
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  return setup(project);
}
