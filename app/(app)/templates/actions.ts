"use server";

import { revalidatePath } from "next/cache";
import {
  approveTemplateVersion,
  approveTemplateVersionInput,
} from "@/lib/templates/versions/approve-template-version";
import {
  createTemplateVersion,
  createTemplateVersionInput,
} from "@/lib/templates/versions/create-template-version";
import { previewTemplate, previewTemplateInput } from "@/lib/templates/versions/preview-template";
import { withSessionAction } from "../../_auth/with-session";

export const preview = withSessionAction(previewTemplateInput, (session, input) =>
  previewTemplate(session, input),
);

export const saveTemplateVersion = withSessionAction(createTemplateVersionInput, async (session, input) => {
  const { template, version } = await createTemplateVersion(session, input);
  revalidatePath("/templates");
  return { templateId: template.id, versionId: version.id, version: version.version };
});

export const approveVersion = withSessionAction(approveTemplateVersionInput, async (session, input) => {
  const result = await approveTemplateVersion(session, input);
  revalidatePath("/templates");
  return result;
});
