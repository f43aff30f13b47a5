/**
 * The SSRF guard: a webhook (or a model base URL an admin typed in, see lib/http/public-fetch)
 * may only reach public addresses over http(s). Checked when the URL is saved and again on
 * every call, inside the socket's own DNS lookup, so the address that is checked is the
 * address that is connected to (no DNS-rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, incl. cloud metadata 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 96], // unspecified, loopback ::1 and IPv4-compatible addresses
  ["64:ff9b::", 96], // NAT64: may translate to a private IPv4 address
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215): translates into the operator's own network
  ["2001::", 32], // Teredo: a tunnel to an IPv4 host the checks above never see
  ["2002::", 16], // 6to4: embeds any IPv4 address, private ones included
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local, incl. AWS metadata fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, bits, "ipv6");
}

/** True for loopback, private, link-local, metadata and other non-public addresses (IPv4-mapped included). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules as well.
    return blocked.check(address.replace(/%.*$/, ""), "ipv6");
  }
  return true;
}

/** Whether webhook targets may be private (WEBHOOK_ALLOW_PRIVATE_TARGETS, for tests and labs). */
export function webhookTargetsMayBePrivate(): boolean {
  return getEnv().WEBHOOK_ALLOW_PRIVATE_TARGETS;
}
const allowPrivate = webhookTargetsMayBePrivate;

export interface TargetOptions {
  /** The field named in the validation error. */
  field?: string;
  /** What the URL is, for the message ("webhook URL", "model base URL"). */
  what?: string;
  /** Whether loopback and private addresses are allowed (an operator's setting); webhooks' by default. */
  allowPrivate?: () => boolean;
}

/** Only http(s), no credentials in the URL. Throws `validation_failed` naming `field`. */
export function parseTargetUrl(raw: string, field = "url", what = "webhook URL"): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw targetError(field, what, "must be an absolute http(s) URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw targetError(field, what, "must use http or https");
  if (url.username || url.password) throw targetError(field, what, "must not contain credentials");
  return url;
}

/** Resolves the host now and refuses it if any address it resolves to is not public. */
export async function assertPublicTarget(
  raw: string,
  fieldOrOptions: string | TargetOptions = {},
): Promise<URL> {
  const options = typeof fieldOrOptions === "string" ? { field: fieldOrOptions } : fieldOrOptions;
  const field = options.field ?? "url";
  const what = options.what ?? "webhook URL";
  const url = parseTargetUrl(raw, field, what);
  if ((options.allowPrivate ?? allowPrivate)()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (
        await new Promise<LookupAddress[]>((resolve, reject) =>
          dnsLookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list))),
        )
      ).map((a) => a.address);
    } catch {
      throw targetError(field, what, `host ${host} does not resolve`);
    }
  }
  const bad = addresses.find(isBlockedAddress);
  if (bad !== undefined) throw targetError(field, what, `resolves to a private or reserved address (${bad})`);
  return url;
}

/**
 * A `lookup` for http.request that refuses non-public answers unless `allowPrivateNow()`.
 * Node skips `lookup` for IP literals, so callers check literal hosts with
 * `assertPublicTarget` first.
 */
export function publicOnlyLookup(allowPrivateNow: () => boolean): LookupFunction {
  return (hostname, options, callback) => guarded(allowPrivateNow, hostname, options, callback);
}

function guarded(
  allowPrivateNow: () => boolean,
  ...[hostname, options, callback]: Parameters<LookupFunction>
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, list) => {
    if (err) return callback(err, "", 0);
    const addresses = list as LookupAddress[];
    if (!allowPrivateNow()) {
      const bad = addresses.find((a) => isBlockedAddress(a.address));
      if (bad) {
        const refused = new Error(
          `refused: ${hostname} resolves to a private or reserved address (${bad.address})`,
        );
        return callback(Object.assign(refused, { code: "EWEBHOOKTARGET" }), "", 0);
      }
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    callback(null, first.address, first.family);
  });
}

function targetError(field: string, what: string, message: string): AppError {
  return new AppError("validation_failed", `The ${what} ${message}`, [{ path: field, message }]);
}
