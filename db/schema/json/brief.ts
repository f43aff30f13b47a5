import { z } from "zod";

/** What the marketer asks for: an overall brief and optional per-slot instructions. */
export const briefSchema = z.object({
  summary: z.string().trim().min(1, "Describe what you want").max(2000),
  slots: z.record(z.string().max(40), z.string().trim().max(1000)).default({}),
});

export type Brief = z.infer<typeof briefSchema>;
