import { z } from "zod";
import { passed } from "../result";
import type { ImageCheck } from "../types";

const ID = "logo-transparency";
const params = z.object({ required: z.boolean() });

/**
 * Logos sit on coloured backgrounds, so the kit may require a transparent background. An
 * alpha channel that is opaque everywhere does not count: it looks like a white box.
 */
export const logoTransparencyCheck: ImageCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "image",
  description: "A logo has a transparent background when the kit requires one.",
  weight: 20,
  blocking: true,
  roles: ["logo"],
  params,
  fromKit: (kit) => ({ required: kit.images.logoNeedsTransparency }),
  run({ facts }, { required }) {
    if (!required) return passed(ID, "The kit does not require a transparent logo.");
    // SVG backgrounds are transparent unless drawn; sharp rasterises them with alpha.
    if (facts.isOpaque === false) return passed(ID, "The logo has a transparent background.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation:
        facts.hasAlpha === true
          ? "The logo has an alpha channel but every pixel is opaque: export it with a transparent background."
          : "The logo has no transparency: export it as PNG, WebP or SVG with a transparent background.",
      spans: [],
    };
  },
};
