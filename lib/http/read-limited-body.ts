import { AppError } from "@/lib/errors";

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over the limit is
 * refused before anything is read; a body that grows past it is cut off at the limit.
 */
export async function readLimitedBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  const tooLarge = () =>
    new AppError("payload_too_large", `The upload is larger than the limit of ${limit} bytes`, {
      path: "file",
      limit,
    });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
