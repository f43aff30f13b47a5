import { z } from "zod";
import { passed } from "../result";
import type { ImageCheck } from "../types";

const ID = "image-file-size";
const params = z.object({ maxBytes: z.number().int().positive() });

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export const imageFileSizeCheck: ImageCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "image",
  description: "The file is no larger than the brand's maximum file size.",
  weight: 20,
  blocking: true,
  roles: ["logo", "product", "photo"],
  params,
  fromKit: (kit) => ({ maxBytes: kit.images.maxBytes }),
  run({ facts }, { maxBytes }) {
    const measurements = { bytes: facts.bytes };
    if (facts.bytes <= maxBytes)
      return { ...passed(ID, `${size(facts.bytes)}, within ${size(maxBytes)}.`), measurements };
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `${size(facts.bytes)}; the maximum is ${size(maxBytes)}.`,
      spans: [],
      measurements,
    };
  },
};
