/**
 * Group commit for rows written on a hot path: concurrent callers' rows go to the database
 * in one multi-row statement, and each caller's promise settles only after that statement
 * committed — so an acknowledged row is durable, as with one INSERT per call.
 *
 * Batching is natural, not timed: with nothing in flight a row is written at once (no
 * added latency for a lone caller); rows arriving while a write is in flight wait for it
 * and go together in the next one. One failing row must not fail the others: a failed
 * batch is retried row by row, so each caller gets its own outcome.
 */
export interface GroupCommit<T, R> {
  write(row: T): Promise<R>;
  /** Resolves when everything queued so far has been written (shutdown, tests). */
  flush(): Promise<void>;
}

export function groupCommit<T, R>(
  /** Writes the rows in one statement; returns one result per row, in order. */
  writeMany: (rows: T[]) => Promise<R[]>,
  options: { maxRows?: number; maxInFlight?: number } = {},
): GroupCommit<T, R> {
  const maxRows = options.maxRows ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  const queue: { row: T; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  const flushing = new Set<Promise<void>>();

  async function run(batch: typeof queue): Promise<void> {
    try {
      const results = await writeMany(batch.map((p) => p.row));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const p of batch) {
        try {
          p.resolve((await writeMany([p.row]))[0]!);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }

  function kick(): void {
    while (queue.length > 0 && flushing.size < maxInFlight) {
      const flight: Promise<void> = run(queue.splice(0, maxRows)).finally(() => {
        flushing.delete(flight);
        kick();
      });
      flushing.add(flight);
    }
  }

  return {
    write(row) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        kick();
      });
    },
    async flush() {
      while (queue.length > 0 || flushing.size > 0) {
        kick();
        await Promise.allSettled([...flushing]);
      }
    },
  };
}
