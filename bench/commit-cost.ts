/**
 * `node --import tsx bench/commit-cost.ts [n]`: what a durable commit costs one call record, for
 * the decision on `synchronous_commit=off` for the call-record transaction (bench/README.md).
 * On a scratch database (BENCH_PG_URL), one connection, one ~1 KB chat_calls-sized row at a
 * time, as a lone call at c=1 writes it:
 *
 * - `on`: one INSERT, committed with the WAL flushed (today's record);
 * - `off, set local`: BEGIN; SET LOCAL synchronous_commit = off; INSERT; COMMIT — the same
 *   statement as the transaction-only setting would send it (three more round trips);
 * - `off, session`: the INSERT on a connection whose session has it off (the floor of the idea).
 *
 * The modes alternate in blocks of 25 so the machine's load drifts over all of them alike;
 * wall-clock latency per record, p50 and p90, is printed with the load average.
 */
import os from "node:os";
import postgres from "postgres";
import { createScratchDatabase } from "./scratch-database";

const N = Number(process.argv[2] ?? 400);
const BLOCK = 25;
const scratch = await createScratchDatabase("commit");
const on = postgres(scratch.url, { max: 1, onnotice: () => {} });
const off = postgres(scratch.url, {
  max: 1,
  onnotice: () => {},
  connection: { synchronous_commit: "off" },
});
const row = JSON.stringify({ input: "x".repeat(400), output: "y".repeat(400), check_results: {} });
try {
  console.log(`commit-cost: ${N} records a mode; load average at start: ${os.loadavg().join(" ")}`);
  await on`create table call_records (id bigserial primary key, at timestamptz default now(), body jsonb)`;
  const modes: Record<string, () => Promise<unknown>> = {
    on: () => on`insert into call_records (body) values (${row}::jsonb)`,
    "off, set local": () =>
      on.begin(async (tx) => {
        await tx`set local synchronous_commit = off`;
        await tx`insert into call_records (body) values (${row}::jsonb)`;
      }),
    "off, session": () => off`insert into call_records (body) values (${row}::jsonb)`,
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
  for (const write of Object.values(modes)) for (let i = 0; i < 20; i++) await write(); // warm-up
  for (let done = 0; done < N; done += BLOCK)
    for (const [mode, write] of Object.entries(modes))
      for (let i = 0; i < BLOCK; i++) {
        const t = performance.now();
        await write();
        times[mode]!.push(performance.now() - t);
      }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
  console.log("\n| mode | p50 ms | p90 ms |\n| --- | ---: | ---: |");
  for (const [mode, xs] of Object.entries(times))
    console.log(`| ${mode} | ${pct(xs, 0.5).toFixed(3)} | ${pct(xs, 0.9).toFixed(3)} |`);
  console.log(`\nload average at end: ${os.loadavg().join(" ")}`);
} finally {
  await on.end();
  await off.end();
  await scratch.drop();
}
