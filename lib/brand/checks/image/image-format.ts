import { z } from "zod";
import { imageFormatSchema } from "../../kit";
import { passed } from "../result";
import type { ImageCheck } from "../types";

const ID = "image-format";
const params = z.object({ allowedFormats: z.array(imageFormatSchema) });

/** The format the bytes really are, against the kit's allowed formats. */
export const imageFormatCheck: ImageCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "image",
  description: "The file is an image in one of the brand's allowed formats (judged from its bytes).",
  weight: 25,
  blocking: true,
  roles: ["logo", "product", "photo"],
  params,
  fromKit: (kit) => ({ allowedFormats: kit.images.allowedFormats }),
  run({ facts }, { allowedFormats }) {
    const measurements = { format: facts.format ?? "unknown", bytes: facts.bytes };
    const allowed = allowedFormats.join(", ");
    if (facts.format === undefined) {
      return {
        checkId: ID,
        verdict: "fail",
        explanation: `Not a recognisable image. Allowed: ${allowed}.`,
        spans: [],
        measurements,
      };
    }
    if (!(allowedFormats as readonly string[]).includes(facts.format)) {
      return {
        checkId: ID,
        verdict: "fail",
        explanation: `The file is ${facts.format.toUpperCase()} (by its content); allowed: ${allowed}.`,
        spans: [],
        measurements,
      };
    }
    return { ...passed(ID, `${facts.format.toUpperCase()} is an allowed format.`), measurements };
  },
};
