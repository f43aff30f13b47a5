/**
 * The seeded random number generators. Exploration, training and the built-in model must be
 * replayable from a seed (tests, audits of why a variant was shown, the same copy for the same
 * prompt), which `Math.random` is not.
 *
 * Two algorithms live here, not one, because callers pin their outputs: `createRng` (sfc32)
 * feeds personalisation training, synthetic events and Thompson sampling; `seededRandom`
 * (mulberry32) feeds the built-in model, whose copy per seed must not change. Serving either
 * caller from the other's algorithm would change every output it has recorded.
 *
 * `createRng` is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes
 * PractRand to terabytes, and runs on 32-bit integer ops, which JavaScript does cheaply.
 */
import { createHash } from "node:crypto";

export interface Rng {
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Standard normal, by the Marsaglia polar method. */
  normal(): number;
}

export function createRng(seed: string | number): Rng {
  // Expanding the seed through SHA-256 gives well-mixed state even for seeds 0, 1, 2…
  const digest = createHash("sha256").update(String(seed)).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  let spare: number | undefined;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  const next = () => nextUint32() / 4294967296;
  return {
    next,
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * factor;
      return u * factor;
    },
  };
}

/** Uniform in [0, 1); the built-in model's generator. */
export type Random = () => number;

/** mulberry32 over a 32-bit seed: the built-in model is deterministic given a seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
