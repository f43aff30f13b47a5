/**
 * Where to send a user after sign-in. The candidate is resolved with the URL parser against
 * the app's own origin — the same way the browser will resolve it — and anything that lands
 * elsewhere becomes "/". Prefix checks are not enough: browsers read `/\host` and `/<TAB>/host`
 * as `//host`. The answer is the parser's own serialisation of path, query and fragment, so
 * it cannot be re-read as another origin.
 */
export function safeCallbackPath(candidate: string | undefined | null, origin: string): string {
  if (!candidate) return "/";
  const base = new URL(origin);
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path beginning `//` or `/\` would name a host if re-resolved (e.g. by a client router).
  return /^\/[/\\]/.test(path) ? "/" : path;
}
