import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { parseOrThrow } from "@/lib/errors";
import { verifyAuditChain, type VerifyAuditResult } from "./verify-audit-chain";

export const checkAuditChainInput = z.object({ brandId: z.uuid() });

/**
 * Verifies the whole chain for an admin (`audit:read` on their brand). The answer names
 * only a position and a reason, never another brand's entries.
 */
export async function checkAuditChain(
  principal: Principal | null,
  input: z.input<typeof checkAuditChainInput>,
): Promise<VerifyAuditResult> {
  const { brandId } = parseOrThrow(checkAuditChainInput, input);
  authorize(principal, "audit:read", brandId);
  return verifyAuditChain();
}
