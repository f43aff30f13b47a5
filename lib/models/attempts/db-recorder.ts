import type { Database } from "@/db/client";
import { generationAttempts } from "@/db/schema";
import { logger } from "@/lib/log";
import type { AttemptRecord, AttemptRecorder } from "./recorder";

/**
 * Writes attempts to generation_attempts off the request path: records queue up and are
 * inserted in batches, one insert in flight at a time. A failed insert is logged and
 * dropped; metrics losing a few rows beats generations failing because of them.
 */
export function dbRecorder(database: Database, maxBatch = 200): AttemptRecorder {
  let queue: AttemptRecord[] = [];
  let writing: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await database.insert(generationAttempts).values(batch);
      } catch (err) {
        logger().error({ err, rows: batch.length }, "could not record generation attempts");
      }
    }
  }

  function kick(): Promise<void> {
    writing ??= drain().finally(() => (writing = null));
    return writing;
  }

  return {
    record(attempt) {
      queue.push(attempt);
      void kick();
    },
    async flush() {
      while (writing || queue.length > 0) await kick();
    },
  };
}
