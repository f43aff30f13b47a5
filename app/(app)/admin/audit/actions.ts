"use server";

import { checkAuditChain, checkAuditChainInput } from "@/lib/audit/check-audit-chain";
import { withSessionAction } from "../../../_auth/with-session";

/** lib/audit authorizes `audit:read` on the brand in the input. */
export const verifyChain = withSessionAction(checkAuditChainInput, checkAuditChain);
