import { z } from "zod";
import { paletteColourSchema } from "../../kit";
import { passed } from "../result";
import type { DominantColour, ImageCheck } from "../types";
import { deltaE2000, hexToRgb, rgbToLab } from "./ciede2000";
import { dominantColours } from "./dominant-colours";

const ID = "image-palette";
const params = z.object({ colours: z.array(paletteColourSchema), tolerance: z.number().positive() });

/** Off-palette share of visible pixels above which the image warns, and above which it fails. */
const WARN_SHARE = 0.2;
const FAIL_SHARE = 0.5;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Dominant colours measured against the palette with CIEDE2000, graded by the off-palette
 * share of visible pixels for every role: up to 20% passes (photographs always hold some
 * colours no palette lists), up to 50% warns, more fails — and the check blocks, so a
 * wholly off-palette image is blocked whether it is a logo, a product image or a photo.
 */
export const imagePaletteCheck: ImageCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "image",
  description: "The image's dominant colours are close (CIEDE2000) to the brand palette.",
  weight: 15,
  blocking: true,
  roles: ["logo", "product", "photo"],
  params,
  fromKit: (kit) => ({ colours: kit.palette.colours, tolerance: kit.palette.tolerance }),
  run({ facts }, { colours, tolerance }) {
    if (facts.thumbnail === undefined) {
      return {
        checkId: ID,
        verdict: "fail",
        explanation: "Could not decode the image to measure its colours.",
        spans: [],
      };
    }
    const palette = colours.map((c) => ({ ...c, lab: rgbToLab(hexToRgb(c.hex)) }));
    const dominant: DominantColour[] = dominantColours(facts.thumbnail.data).map((d) => {
      const ranked = palette
        .map((p) => ({ p, deltaE: deltaE2000(d.lab, p.lab) }))
        .sort((a, b) => a.deltaE - b.deltaE);
      const { p, deltaE } = ranked[0]!;
      return {
        hex: d.hex,
        share: d.share,
        nearest: { name: p.name, hex: p.hex },
        deltaE: Math.round(deltaE * 100) / 100,
        onPalette: deltaE <= tolerance,
      };
    });
    const measurements = { dominantColours: dominant };
    if (dominant.length === 0)
      return { ...passed(ID, "The image has no visible pixels to measure."), measurements };
    const off = dominant.filter((d) => !d.onPalette);
    const offShare = off.reduce((n, d) => n + d.share, 0);
    const summary = off
      .slice(0, 3)
      .map((d) => `${d.hex} (${percent(d.share)}, ΔE ${d.deltaE.toFixed(1)} from ${d.nearest.name})`)
      .join(", ");
    if (offShare <= WARN_SHARE) {
      return {
        ...passed(ID, `${percent(1 - offShare)} of the image is within ΔE ${tolerance} of the palette.`),
        measurements,
      };
    }
    return {
      checkId: ID,
      verdict: offShare > FAIL_SHARE ? "fail" : "warn",
      explanation: `${percent(offShare)} of the image is off-palette (ΔE > ${tolerance}; limit ${percent(FAIL_SHARE)}): ${summary}.`,
      spans: [],
      measurements,
    };
  },
};
