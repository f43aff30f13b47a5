/**
 * sharp (libvips) is loaded on first use: its native library is large, and processes that
 * never touch an image (the chat lane, the content API) should not carry it.
 */
let sharp: Promise<typeof import("sharp").default> | undefined;

export function loadSharp() {
  return (sharp ??= import("sharp").then((m) => m.default));
}
