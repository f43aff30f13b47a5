/**
 * Finds links and email addresses in text. Every pattern has bounded repetition over
 * classes that cannot overlap where it matters, so a scan is linear in the text (a long run
 * of URL-ish characters costs at most a constant per position, never a rescan).
 */

export interface FoundAddress {
  kind: "url" | "www" | "domain" | "email" | "script";
  start: number;
  end: number;
  raw: string;
  /** Lower-case ASCII (punycode) host as a browser would resolve it; undefined if unparsable. */
  host?: string;
}

const URL_WITH_SCHEME = /[a-z][a-z0-9+.-]{0,20}:\/\/[^\s<>"'`]{1,2048}/gi;
const SCRIPT_SCHEME = /\b(?:javascript|vbscript|data):/gi;
const WWW = /(?<![\w.-])www\.[^\s<>"'`]{1,2048}/gi;
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?![a-z_-])/gi;
/** Bare domains such as "trailco.com"; validated against a short TLD list below. */
const BARE_DOMAIN = /(?<![\w@.\-/])[a-z0-9][a-z0-9.-]{0,252}\.[a-z]{2,24}(?![\w-]|\.\w)/gi;
/** Top-level domains common enough in copy that a bare "name.tld" is read as a link. */
const BARE_TLDS = new Set(
  "com net org io co uk us de fr es it nl eu ca au nz ie app dev shop store online site info biz xyz me tv ly gg ai link club top".split(
    " ",
  ),
);
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"*_]+$/;

/** Email addresses anywhere, including inside links (personal data there is still personal). */
export function findEmails(text: string): RegExpExecArray[] {
  return [...text.matchAll(EMAIL)];
}

export function findAddresses(text: string): FoundAddress[] {
  const found: FoundAddress[] = [];
  // Earlier passes win where matches overlap: "https://ok.com@evil.com" is a link, not an
  // email, and an email's domain is not also a bare domain.
  const taken = new Uint8Array(text.length);
  const add = (address: FoundAddress) => {
    for (let k = address.start; k < address.end; k++) if (taken[k]) return;
    taken.fill(1, address.start, address.end);
    found.push(address);
  };

  for (const m of text.matchAll(URL_WITH_SCHEME)) {
    const raw = m[0].replace(TRAILING_PUNCTUATION, "");
    add({ kind: "url", start: m.index, end: m.index + raw.length, raw, host: hostOf(raw) });
  }
  for (const m of text.matchAll(SCRIPT_SCHEME)) {
    add({ kind: "script", start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  for (const m of findEmails(text)) {
    add({
      kind: "email",
      start: m.index,
      end: m.index + m[0].length,
      raw: m[0],
      host: hostOf(`http://${m[0].split("@")[1]}`),
    });
  }
  for (const m of text.matchAll(WWW)) {
    const raw = m[0].replace(TRAILING_PUNCTUATION, "");
    add({ kind: "www", start: m.index, end: m.index + raw.length, raw, host: hostOf(`http://${raw}`) });
  }
  for (const m of text.matchAll(BARE_DOMAIN)) {
    const raw = m[0];
    const labels = raw.toLowerCase().split(".");
    if (!BARE_TLDS.has(labels[labels.length - 1]!) || labels.some((l) => l === "")) continue;
    add({ kind: "domain", start: m.index, end: m.index + raw.length, raw, host: hostOf(`http://${raw}`) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The host the WHATWG URL parser (what browsers use) sees, so "https://ok.com@evil.com" and
 * "https://evil.com\@ok.com" resolve to evil.com exactly as a reader's browser would.
 */
function hostOf(raw: string): string | undefined {
  try {
    const host = new URL(raw).hostname.toLowerCase();
    return host.endsWith(".") ? host.slice(0, -1) : host;
  } catch {
    return undefined;
  }
}

/** True when `host` is `domain` or one of its subdomains ("shop.acme.com" for "acme.com"). */
export function isHostWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Ranges of links and addresses, where wording rules (casing, terminology) must not rewrite. */
export function addressRanges(text: string): [number, number][] {
  return findAddresses(text).map((a) => [a.start, a.end]);
}
