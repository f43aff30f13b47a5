/**
 * Group commit for rows written on a hot path: concurrent callers' items go to the database
 * in one statement, and each caller's promise settles only after that statement committed —
 * so an acknowledged item is durable, as with one INSERT per call.
 *
 * No waiting window: a flush starts at the end of the event loop's turn in which an item
 * arrived (so the callers of one turn share it) as long as one of the `maxInFlight` slots is
 * free; what queues while both are busy goes in the next flush, having waited a whole flush
 * already. A fixed window put its length under every acknowledgement when a caller found no
 * company. One failing item must not fail the others: a failed batch is retried item by
 * item, so each caller gets its own outcome.
 */
export interface GroupCommit<T, R> {
  write(item: T): Promise<R>;
  /** Resolves when everything queued so far has been written (shutdown, tests). */
  flush(): Promise<void>;
}

export interface GroupCommitOptions<T> {
  /** How much of a statement an item takes (rows, for a caller's batch of rows); 1 by default. */
  weight?: (item: T) => number;
  /** Weight per statement; a larger backlog goes in several. */
  maxWeight?: number;
  maxInFlight?: number;
  /** Told when a shared statement failed and its items are retried one by one. */
  onBatchFailed?: (err: unknown, items: number) => void;
}

export function groupCommit<T, R>(
  /** Writes the items in one statement; returns one result per item, in order. */
  writeMany: (items: T[]) => Promise<R[]>,
  options: GroupCommitOptions<T> = {},
): GroupCommit<T, R> {
  const weight = options.weight ?? (() => 1);
  const maxWeight = options.maxWeight ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  const queue: { item: T; weight: number; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  let queuedWeight = 0;
  let scheduled = false;
  const flushing = new Set<Promise<void>>();

  async function run(batch: typeof queue): Promise<void> {
    try {
      const results = await writeMany(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      options.onBatchFailed?.(err, batch.length);
      for (const p of batch) {
        try {
          p.resolve((await writeMany([p.item]))[0]!);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }

  function takeBatch(): typeof queue {
    let taken = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || taken + queue[n]!.weight <= maxWeight))
      taken += queue[n++]!.weight;
    queuedWeight -= taken;
    return queue.splice(0, n);
  }

  function kick(): void {
    while (queue.length > 0 && flushing.size < maxInFlight) {
      const flight: Promise<void> = run(takeBatch()).finally(() => {
        flushing.delete(flight);
        kick();
      });
      flushing.add(flight);
    }
  }

  return {
    write(item) {
      return new Promise<R>((resolve, reject) => {
        const w = weight(item);
        queue.push({ item, weight: w, resolve, reject });
        queuedWeight += w;
        if (queuedWeight >= maxWeight) kick();
        else if (!scheduled && flushing.size < maxInFlight) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            kick();
          });
        }
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
