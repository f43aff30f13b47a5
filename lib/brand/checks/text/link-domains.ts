import { z } from "zod";
import { listOf, passed, quote, spanOf } from "../result";
import type { TextCheck } from "../types";
import { findAddresses, isHostWithin } from "./find-addresses";

const ID = "link-domains";
const params = z.object({ allowedLinkDomains: z.array(z.string()) });

/**
 * Links may only point at the kit's domains or their subdomains. Hosts are read by the
 * WHATWG URL parser, as a reader's browser would: "allowed.com.evil.com" and
 * "https://allowed.com@evil.com" both resolve to evil.com. Script and data URLs always fail.
 * Email addresses are the PII check's business, not this one's.
 */
export const linkDomainsCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Links point only at the brand's allowed domains.",
  weight: 25,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: (kit) => ({ allowedLinkDomains: kit.allowedLinkDomains }),
  run({ text }, { allowedLinkDomains }) {
    const bad = findAddresses(text).flatMap((a) => {
      if (a.kind === "email") return [];
      if (a.kind === "script") return [{ ...a, why: "Script and data links are never allowed." }];
      if (a.host === undefined) return [{ ...a, why: "Malformed link." }];
      if (allowedLinkDomains.some((d) => isHostWithin(a.host!, d))) return [];
      return [{ ...a, why: `Links to ${a.host}, which is not an allowed domain.` }];
    });
    if (bad.length === 0) return passed(ID, "All links point at allowed domains.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Links outside the allowed domains: ${listOf(bad.map((b) => quote(b.raw)))}. Allowed: ${
        allowedLinkDomains.join(", ") || "none"
      }.`,
      spans: bad.map((b) => spanOf(text, b.start, b.end, b.why)),
    };
  },
};
