/**
 * One fresh database per `npm test` run: an in-memory embedded PGlite by default, or a new
 * database created on the PostgreSQL server named by DATABASE_URL (dropped afterwards), so
 * runs never see each other's data.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../db/embedded/start-embedded";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** True on the embedded PGlite (one session shared by every connection, one superuser). */
    embeddedDatabase: boolean;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.DATABASE_URL;
  let url: string;
  let teardown: () => Promise<void>;
  if (given) {
    const name = `brandgate_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(given, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(given);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown = async () => {
      const a = postgres(given, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const embedded = await startEmbeddedDatabase();
    url = embedded.url;
    teardown = () => embedded.stop();
  }
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL ??= "silent";
  const { prepareDatabase } = await import("../lib/setup/prepare-database");
  const { closeDb } = await import("../lib/db");
  await prepareDatabase(url, { seed: false });
  await closeDb();
  project.provide("databaseUrl", url);
  project.provide("embeddedDatabase", !given);
  return teardown;
}
