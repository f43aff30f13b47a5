import type { Session } from "@/lib/auth/types";
import type { AuditActor } from "./append-audit";

/** The audit actor for a signed-in user. */
export function auditActorOf(session: Session): AuditActor {
  return { kind: "user", id: session.user.id, email: session.user.email };
}
