import { z } from "zod";

/** What a downstream app names a placement by: `home-hero`, `checkout-banner-2`. */
export const placementKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "A placement key has at least 2 characters")
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, e.g. home-hero");
