import { z } from "zod";
import { passed } from "../result";
import type { ImageCheck } from "../types";

const ID = "image-dimensions";
const params = z.object({ minWidth: z.number().int().positive(), minHeight: z.number().int().positive() });

export const imageDimensionsCheck: ImageCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "image",
  description: "The image is at least the brand's minimum width and height.",
  weight: 15,
  blocking: true,
  roles: ["logo", "product", "photo"],
  params,
  fromKit: (kit) => ({ minWidth: kit.images.minWidth, minHeight: kit.images.minHeight }),
  run({ facts }, { minWidth, minHeight }) {
    const { width, height } = facts;
    if (width === undefined || height === undefined) {
      return {
        checkId: ID,
        verdict: "fail",
        explanation: `Could not read the image's size (${facts.decodeError ?? "unknown error"}).`,
        spans: [],
      };
    }
    const measurements = { width, height };
    if (width >= minWidth && height >= minHeight) {
      return {
        ...passed(ID, `${width}×${height} px meets the ${minWidth}×${minHeight} minimum.`),
        measurements,
      };
    }
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `${width}×${height} px is smaller than the ${minWidth}×${minHeight} minimum.`,
      spans: [],
      measurements,
    };
  },
};
