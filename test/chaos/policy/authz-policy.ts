/**
 * Issue 10, item 9: who may call what, written down once. test/chaos/authz-matrix.test.ts
 * enumerates the OpenAPI document, app/**\/route.ts and app/**\/actions.ts, and fails when
 * anything exists without an entry here (or an entry names something gone), then calls
 * every API operation with every key scope and every route handler as every role.
 * Changing who may do something means changing this file in the same commit.
 */
import type { ApiKeyScope, Role } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";

/** Every OpenAPI operation ("METHOD /path"): the key scope it needs, or null when public. */
export const API_OPERATIONS: Record<string, { scope: ApiKeyScope | null; chat?: true }> = {
  "GET /api/v1/openapi.json": { scope: null },
  "POST /api/v1/checks": { scope: "checks" },
  "GET /api/v1/models": { scope: "generate" },
  "POST /api/v1/models": { scope: "models:write" },
  "POST /api/v1/models/{model}/versions": { scope: "models:write" },
  "POST /api/v1/models/{model}/versions/onnx": { scope: "models:write" },
  "GET /api/v1/models/{model}/versions/{version}": { scope: "models:write" },
  "POST /api/v1/models/{model}/rollback": { scope: "models:write" },
  "POST /api/v1/models/{model}/labels": { scope: "models:write" },
  "POST /api/v1/models/{model}/versions/{version}/retire": { scope: "models:write" },
  "POST /api/v1/models/{model}/train": { scope: "models:write" },
  "GET /api/v1/models/{model}/training/{job}": { scope: "models:write" },
  "POST /api/v1/chat/completions": { scope: "generate", chat: true },
  "GET /api/v1/content": { scope: "content:read" },
  "GET /api/v1/content/{id}": { scope: "content:read" },
  "GET /api/v1/placements/{placement}/content": { scope: "content:read" },
  "POST /api/v1/events": { scope: "events:write" },
  "POST /api/v1/generations": { scope: "generate" },
  "GET /api/v1/generations/{id}": { scope: "generate" },
  "GET /api/v1/generations/{id}/events": { scope: "generate" },
  "GET /api/v1/webhooks": { scope: "webhooks" },
  "POST /api/v1/webhooks": { scope: "webhooks" },
  "GET /api/v1/keys": { scope: "keys:write" },
  "POST /api/v1/keys": { scope: "keys:write" },
  "DELETE /api/v1/keys/{id}": { scope: "keys:write" },
  "GET /api/v1/templates": { scope: "generate" },
  "PATCH /api/v1/webhooks/{id}": { scope: "webhooks" },
  "DELETE /api/v1/webhooks/{id}": { scope: "webhooks" },
  "POST /api/v1/webhooks/{id}/rotate-secret": { scope: "webhooks" },
  "GET /api/v1/webhooks/{id}/deliveries": { scope: "webhooks" },
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": { scope: "webhooks" },
  "GET /api/v1/usage": { scope: "usage:read" },
  "GET /api/v1/budgets": { scope: "usage:read" },
  "PUT /api/v1/budgets": { scope: "budgets:write" },
  "DELETE /api/v1/budgets/{id}": { scope: "budgets:write" },
};

/** Every Next.js route handler ("METHOD app/…/route.ts"): the roles it serves, "public", or the sign-in flow. */
export const APP_ROUTES: Record<string, readonly Role[] | "public"> = {
  "GET app/api/admin/members/route.ts": ["admin"],
  "PATCH app/api/admin/members/[userId]/route.ts": ["admin"],
  "POST app/api/assets/route.ts": ["marketer", "admin"],
  "GET app/api/assets/[id]/image/route.ts": ["marketer", "reviewer", "admin"],
  "GET app/api/assets/[id]/thumbnail/route.ts": ["marketer", "reviewer", "admin"],
  "GET app/(app)/admin/audit/export/route.ts": ["admin"],
  // next-auth's own sign-in, callback and sign-out endpoints.
  "GET app/api/auth/[...nextauth]/route.ts": "public",
  "POST app/api/auth/[...nextauth]/route.ts": "public",
};

/**
 * Every server action ("app/…/actions.ts#name"): the permission lib checks (roles in
 * lib/auth/permissions.ts), "member" for any member of the brand named in the input, or
 * "signed-in" for any signed-in person acting on their own rows only.
 */
export const SERVER_ACTIONS: Record<string, Permission | "member" | "signed-in"> = {
  "app/(app)/actions.ts#switchBrand": "member",
  "app/(app)/notifications/actions.ts#markReadAction": "signed-in",
  "app/(app)/admin/actions.ts#changeMemberRole": "members:manage",
  "app/(app)/admin/actions.ts#changeUserDisabled": "members:manage",
  "app/(app)/admin/actions.ts#saveChatSettings": "chat:manage",
  "app/(app)/admin/audit/actions.ts#verifyChain": "audit:read",
  "app/(app)/admin/workflows/actions.ts#saveWorkflowAction": "workflows:manage",
  "app/(app)/admin/api-keys/actions.ts#createKeyAction": "api-keys:manage",
  "app/(app)/admin/api-keys/actions.ts#revokeKeyAction": "api-keys:manage",
  "app/(app)/admin/api-keys/actions.ts#rotateKeyAction": "api-keys:manage",
  "app/(app)/admin/webhooks/actions.ts#createSubscription": "webhooks:manage",
  "app/(app)/admin/webhooks/actions.ts#setSubscriptionActive": "webhooks:manage",
  "app/(app)/admin/webhooks/actions.ts#deleteSubscription": "webhooks:manage",
  "app/(app)/admin/webhooks/actions.ts#rotateSecret": "webhooks:manage",
  "app/(app)/admin/webhooks/actions.ts#redeliver": "webhooks:manage",
  "app/(app)/brand/actions.ts#saveKit": "brand-kit:edit",
  "app/(app)/brand/actions.ts#publishKit": "brand-kit:publish",
  "app/(app)/assets/actions.ts#applyFix": "assets:manage",
  "app/(app)/library/placements/actions.ts#attachContent": "studio:use",
  "app/(app)/library/placements/actions.ts#detachContent": "studio:use",
  "app/(app)/review/actions.ts#claimAction": "review:act",
  "app/(app)/review/actions.ts#releaseAction": "review:act",
  "app/(app)/review/actions.ts#decideAction": "review:act",
  "app/(app)/review/actions.ts#bulkApproveAction": "review:act",
  "app/(app)/review/actions.ts#commentAction": "library:view",
  "app/(app)/review/actions.ts#retireAction": "content:retire",
  "app/(app)/review/chat/actions.ts#reviewChatCallAction": "review:act",
  "app/(app)/review/compare/actions.ts#recordPreferenceAction": "review:act",
  "app/(app)/templates/actions.ts#preview": "templates:view",
  "app/(app)/templates/actions.ts#saveTemplateVersion": "templates:edit",
  "app/(app)/templates/actions.ts#approveVersion": "templates:approve",
  "app/(app)/models/actions.ts#addBrandEvaluationBrief": "models:manage",
  "app/(app)/models/actions.ts#createModelAction": "models:write",
  "app/(app)/models/actions.ts#testConnectionAction": "models:write",
  "app/(app)/models/actions.ts#registerVersionAction": "models:write",
  "app/(app)/models/actions.ts#uploadOnnxAction": "models:write",
  "app/(app)/models/actions.ts#versionProgressAction": "models:write",
  "app/(app)/models/actions.ts#moveLabelAction": "models:write",
  "app/(app)/models/actions.ts#retireVersionAction": "models:write",
  "app/(app)/models/actions.ts#rollbackAction": "models:write",
  "app/(app)/models/actions.ts#trainNowAction": "models:write",
  "app/(app)/models/actions.ts#trainingStatusAction": "models:write",
  "app/(app)/rollouts/actions.ts#startRolloutAction": "rollouts:manage",
  "app/(app)/rollouts/actions.ts#abortRolloutAction": "rollouts:manage",
  "app/(app)/rollouts/actions.ts#promoteRolloutAction": "rollouts:manage",
  "app/(app)/rollouts/actions.ts#pauseRolloutAction": "rollouts:manage",
  "app/(app)/rollouts/actions.ts#resumeRolloutAction": "rollouts:manage",
  "app/(app)/rollouts/actions.ts#analyseRolloutAction": "rollouts:manage",
  "app/(app)/admin/jobs/actions.ts#retryJobs": "jobs:manage",
  "app/(app)/models/drift/actions.ts#acknowledgeDriftAlertAction": "models:manage",
  "app/(app)/studio/actions.ts#startGeneration": "studio:use",
  "app/(app)/studio/actions.ts#pollGeneration": "library:view",
  "app/(app)/studio/actions.ts#saveSlot": "studio:use",
  "app/(app)/studio/actions.ts#saveSlots": "studio:use",
  "app/(app)/studio/actions.ts#submitContent": "studio:use",
  "app/(app)/studio/actions.ts#startBatch": "studio:use",
  "app/(app)/studio/actions.ts#pollBatch": "library:view",
  "app/(app)/studio/actions.ts#resume": "studio:use",
  "app/(app)/usage/actions.ts#saveBudget": "budgets:manage",
  "app/(app)/usage/actions.ts#removeBudget": "budgets:manage",
};
