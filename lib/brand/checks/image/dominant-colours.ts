/**
 * Dominant colours of a small RGBA thumbnail: k-means (k ≤ 5) in CIELAB over visible pixels,
 * seeded deterministically from the most populated cells of a coarse RGB histogram, so the
 * same image always gives the same answer.
 */
import { type Lab, type Rgb, hexToRgb, rgbToHex, rgbToLab } from "./ciede2000";

export interface Cluster {
  hex: string;
  lab: Lab;
  /** Fraction of visible pixels, 0–1. */
  share: number;
}

const K = 5;
const ITERATIONS = 10;
/** Pixels less opaque than this are background, not colour. */
const MIN_ALPHA = 128;
/** Seeds closer than this (CIE76) would split one colour into two clusters. */
const MIN_SEED_DISTANCE = 12;

const distance2 = (x: Lab, y: Lab) => (x.l - y.l) ** 2 + (x.a - y.a) ** 2 + (x.b - y.b) ** 2;

export function dominantColours(data: Uint8Array): Cluster[] {
  const pixels: { rgb: Rgb; lab: Lab }[] = [];
  const cells = new Map<number, { count: number; lab: Lab }>();
  for (let i = 0; i + 3 < data.length; i += 4) {
    if (data[i + 3]! < MIN_ALPHA) continue;
    const rgb: Rgb = [data[i]!, data[i + 1]!, data[i + 2]!];
    const lab = rgbToLab(rgb);
    pixels.push({ rgb, lab });
    const cell = ((rgb[0] >> 4) << 8) | ((rgb[1] >> 4) << 4) | (rgb[2] >> 4);
    const entry = cells.get(cell);
    if (entry) entry.count++;
    else cells.set(cell, { count: 1, lab });
  }
  if (pixels.length === 0) return [];

  const centres: Lab[] = [];
  const byCount = [...cells.entries()].sort((a, b) => b[1].count - a[1].count || a[0] - b[0]);
  for (const [, { lab }] of byCount) {
    if (centres.length === K) break;
    if (centres.every((c) => distance2(c, lab) >= MIN_SEED_DISTANCE ** 2)) centres.push(lab);
  }

  const assignment = new Uint8Array(pixels.length);
  for (let round = 0; round < ITERATIONS; round++) {
    const sums = centres.map(() => ({ l: 0, a: 0, b: 0, n: 0 }));
    pixels.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < centres.length; c++) {
        if (distance2(p.lab, centres[c]!) < distance2(p.lab, centres[best]!)) best = c;
      }
      assignment[i] = best;
      const s = sums[best]!;
      s.l += p.lab.l;
      s.a += p.lab.a;
      s.b += p.lab.b;
      s.n++;
    });
    sums.forEach((s, c) => {
      if (s.n > 0) centres[c] = { l: s.l / s.n, a: s.a / s.n, b: s.b / s.n };
    });
  }

  // Report each cluster by its mean sRGB: a colour that really occurs, ready to display.
  const rgbSums = centres.map(() => ({ r: 0, g: 0, b: 0, n: 0 }));
  pixels.forEach((p, i) => {
    const s = rgbSums[assignment[i]!]!;
    s.r += p.rgb[0];
    s.g += p.rgb[1];
    s.b += p.rgb[2];
    s.n++;
  });
  return rgbSums
    .filter((s) => s.n > 0)
    .map((s) => {
      const rgb: Rgb = [s.r / s.n, s.g / s.n, s.b / s.n];
      const hex = rgbToHex(rgb);
      return { hex, lab: rgbToLab(hexToRgb(hex)), share: s.n / pixels.length };
    })
    .sort((a, b) => b.share - a.share);
}
