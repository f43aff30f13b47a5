import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

/** A fake store whose writes take a turn of the event loop, recording each statement's rows. */
function store(fail: (row: number) => boolean = () => false) {
  const statements: number[][] = [];
  const stored: number[] = [];
  const gc = groupCommit<number, string>(async (rows) => {
    statements.push(rows);
    await new Promise((r) => setTimeout(r, 5));
    if (rows.some(fail)) throw new Error(`bad row in ${rows.join(",")}`);
    stored.push(...rows);
    return rows.map((r) => `ok ${r}`);
  });
  return { gc, statements, stored };
}

describe("groupCommit", () => {
  it("writes a lone row at once, alone", async () => {
    const { gc, statements } = store();
    expect(await gc.write(1)).toBe("ok 1");
    expect(statements).toEqual([[1]]);
  });

  it("puts rows that arrive during a write into shared statements, each caller getting its own result", async () => {
    const { gc, statements, stored } = store();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => gc.write(i)));
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => `ok ${i}`));
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Two writes start at once (the first two rows); everything else waits and goes together.
    expect(statements.length).toBeLessThanOrEqual(4);
    expect(statements.flat()).toHaveLength(100);
  });

  it("fails only the caller whose row fails: the batch is retried row by row", async () => {
    const { gc, stored } = store((r) => r === 7);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => gc.write(i)));
    outcomes.forEach((o, i) => expect(o.status, `row ${i}`).toBe(i === 7 ? "rejected" : "fulfilled"));
    expect(stored.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 7),
    );
  });

  it("flush waits for every queued row", async () => {
    const { gc, stored } = store();
    for (let i = 0; i < 10; i++) void gc.write(i);
    await gc.flush();
    expect(stored).toHaveLength(10);
  });
});
