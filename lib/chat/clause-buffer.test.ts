import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClauseBuffer, endsOnBoundary } from "./clause-buffer";

/** Splits `text` at the given cut points, as a model's deltas would arrive. */
function chunked(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const c of [...at, text.length]) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  return out;
}

function run(chunks: string[]) {
  const buffer = new ClauseBuffer();
  const released: { segment: string; seenUpTo: number }[] = [];
  let seen = 0;
  for (const c of chunks) {
    seen += c.length;
    for (const segment of buffer.push(c)) released.push({ segment, seenUpTo: seen });
  }
  return { released, rest: buffer.flush() };
}

const PIECES = [
  "Hello",
  " ",
  ".",
  "!",
  "?",
  ",",
  ";",
  ":",
  "…",
  "\n",
  '"',
  ")",
  "3.5",
  "e.g.",
  "killer",
  " deal",
  "x",
];
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join("")),
);

describe("ClauseBuffer", () => {
  it("releases whole sentences and clauses, and holds the rest", () => {
    const b = new ClauseBuffer();
    expect(b.push("Our new rain jac")).toEqual([]);
    expect(b.push("ket keeps you dry. It packs")).toEqual(["Our new rain jacket keeps you dry. "]);
    expect(b.push(" small, and")).toEqual(["It packs small, "]);
    expect(b.push(" weighs 3.5 oz")).toEqual([]);
    expect(b.flush()).toBe("and weighs 3.5 oz");
  });

  it("waits for the whitespace after the punctuation, so a split term is checked whole", () => {
    const b = new ClauseBuffer();
    expect(b.push("A kil")).toEqual([]);
    expect(b.push("ler deal.")).toEqual([]);
    expect(b.push("\n")).toEqual(["A killer deal.\n"]);
  });

  it("property: released segments and the remainder concatenate to the input, whatever the chunking", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (input, cuts) => {
        const { released, rest } = run(chunked(input, cuts));
        expect(released.map((r) => r.segment).join("") + rest).toBe(input);
      }),
    );
  });

  it("property: no segment is released before its boundary has arrived", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (input, cuts) => {
        const { released } = run(chunked(input, cuts));
        let offset = 0;
        for (const { segment, seenUpTo } of released) {
          offset += segment.length;
          expect(endsOnBoundary(segment)).toBe(true);
          expect(offset).toBeLessThanOrEqual(seenUpTo);
        }
      }),
    );
  });

  it("property: segments do not depend on how the text was chunked", () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (input, cuts) => {
        const whole = run([input]);
        const pieces = run(chunked(input, cuts));
        expect(pieces.released.map((r) => r.segment)).toEqual(whole.released.map((r) => r.segment));
        expect(pieces.rest).toBe(whole.rest);
      }),
    );
  });
});
