import { sql, type SQL } from "drizzle-orm";
import { JOBS } from "./contracts";

/**
 * The generation a dead-letter row (`pgboss.job` aliased `j`) ran for, as a uuid, or null for
 * another queue's job or a payload whose id is malformed (a poison job must not break the query).
 */
export const deadJobGenerationId: SQL = sql`case
  when j.source_name = ${JOBS.runGeneration.name}
    and j.data->>'generationId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  then (j.data->>'generationId')::uuid end`;

/**
 * Why a dead job may not be sent back, or null when it may. A generation that has ended
 * (succeeded, blocked, failed) is final, as the API promises (its event stream has closed on a
 * terminal event): its job is not run again. The author asks for a new generation instead.
 */
export function deadJobRefusal(generationStatus: string | null): string | null {
  if (generationStatus === null || generationStatus === "queued" || generationStatus === "running")
    return null;
  return `Its generation has already ended as ${generationStatus}, and an ended generation is final: ask for a new generation instead`;
}
