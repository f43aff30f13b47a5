import { z } from "zod";
import { createCopyAsset } from "@/lib/brand/assets/create-copy-asset";
import { uploadImageAsset } from "@/lib/brand/assets/upload-image-asset";
import { getEnv } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { withSession } from "../../_auth/with-session";

const fields = z.object({
  brandId: z.string().uuid(),
  name: z.string().optional(),
  text: z.string().optional(),
  channel: z.string().optional(),
  role: z.string().optional(),
});

/**
 * POST /api/assets (multipart/form-data): `file` (an image) or `text` (a copy snippet),
 * with `brandId` and `name`; an image takes `role` (logo, product or photo; default photo),
 * which decides its checks — the file name never does. The multipart envelope may add a
 * little to the file's size.
 */
export const POST = withSession(async ({ req, session }) => {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("unsupported_media_type", "Send the asset as multipart/form-data");
  }
  const body = await readLimitedBody(req, getEnv().ASSET_MAX_UPLOAD_BYTES + 64 * 1024);
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": type } })
    .formData()
    .catch(() => {
      throw new AppError("bad_request", "The form data could not be read");
    });
  const { brandId, name, text, channel, role } = parseOrThrow(fields, {
    brandId: form.get("brandId") ?? undefined,
    name: form.get("name") ?? undefined,
    text: form.get("text") ?? undefined,
    channel: form.get("channel") ?? undefined,
    role: form.get("role") || undefined,
  });
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    const result = await uploadImageAsset(session, {
      brandId,
      name: name?.trim() || file.name || "image",
      bytes: Buffer.from(await file.arrayBuffer()),
      role: role as never,
    });
    return Response.json(result, { status: result.deduplicated ? 200 : 201 });
  }
  if (text !== undefined) {
    const result = await createCopyAsset(session, {
      brandId,
      name: name?.trim() || "Copy snippet",
      text,
      channel: channel as never,
    });
    return Response.json(result, { status: result.deduplicated ? 200 : 201 });
  }
  throw new AppError("validation_failed", "Attach an image or write a copy snippet", [
    { path: "file", message: "Required" },
  ]);
});
