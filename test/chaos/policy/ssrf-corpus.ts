/**
 * URLs an attacker would try against a server-side fetch, each aimed at `port` on this
 * machine (where the SSRF test's canary listens) or at a metadata or private address.
 * Spellings the WHATWG URL parser turns into loopback (decimal, octal, hex, short forms) are
 * kept: the guard must see through them. Names that need public DNS to resolve (nip.io and
 * friends) are refused either way: as private once resolved, or as not resolving offline.
 */
export function ssrfCorpus(port: number): string[] {
  const p = port;
  return [
    // Loopback, plainly and in disguise.
    `http://127.0.0.1:${p}/`,
    `https://127.0.0.1:${p}/`,
    `http://127.1:${p}/`,
    `http://127.0.1:${p}/`,
    `http://127.255.255.254:${p}/`,
    `http://2130706433:${p}/`,
    `http://0x7f000001:${p}/`,
    `http://0x7f.0.0.1:${p}/`,
    `http://0177.0.0.1:${p}/`,
    `http://0177.0000.0000.0001:${p}/`,
    `http://017700000001:${p}/`,
    `http://[::1]:${p}/`,
    `http://[0:0:0:0:0:0:0:1]:${p}/`,
    `http://[::ffff:127.0.0.1]:${p}/`,
    `http://[::ffff:7f00:1]:${p}/`,
    `http://[::127.0.0.1]:${p}/`,
    `http://localhost:${p}/`,
    `http://LOCALHOST:${p}/`,
    `http://localhost.:${p}/`,
    `http://vm:${p}/`,
    `http://127.0.0.1.nip.io:${p}/`,
    `http://localtest.me:${p}/`,
    `http://spoofed.burpcollaborator.net.127.0.0.1.sslip.io:${p}/`,
    // "This" network and unspecified addresses (Linux connects them to loopback).
    `http://0.0.0.0:${p}/`,
    `http://0:${p}/`,
    `http://[::]:${p}/`,
    // Private ranges.
    `http://10.0.0.1:${p}/`,
    `http://10.255.255.255:${p}/`,
    `http://172.16.0.1:${p}/`,
    `http://172.31.255.254:${p}/`,
    `http://192.168.0.1:${p}/`,
    `http://192.168.1.254:${p}/`,
    `http://100.64.0.1:${p}/`,
    `http://[fc00::1]:${p}/`,
    `http://[fd12:3456:789a::1]:${p}/`,
    `http://[::ffff:10.0.0.1]:${p}/`,
    `http://[64:ff9b::7f00:1]:${p}/`,
    // Link-local and cloud metadata.
    `http://169.254.169.254/latest/meta-data/`,
    `http://169.254.169.254:${p}/latest/meta-data/iam/security-credentials/`,
    `http://[::ffff:169.254.169.254]/latest/meta-data/`,
    `http://[fd00:ec2::254]/latest/meta-data/`,
    `http://[fe80::1]:${p}/`,
    `http://169.254.170.2/v2/credentials`,
    `http://2852039166/latest/meta-data/`,
    `http://metadata.google.internal/computeMetadata/v1/`,
    `http://metadata/computeMetadata/v1/`,
    `http://100.100.100.200/latest/meta-data/`,
    // Reserved, multicast, broadcast.
    `http://192.0.2.1:${p}/`,
    `http://198.18.0.1:${p}/`,
    `http://224.0.0.1:${p}/`,
    `http://255.255.255.255:${p}/`,
    // Parser confusion: credentials, fragments, backslashes.
    `http://public.example@127.0.0.1:${p}/`,
    `http://127.0.0.1:${p}#@public.example/`,
    `http://127.0.0.1:${p}\\@public.example/`,
    // Other schemes.
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${p}/_GET%20/`,
    `ftp://127.0.0.1:${p}/`,
    `dict://127.0.0.1:${p}/info`,
    `ws://127.0.0.1:${p}/`,
    `data:text/plain,hello`,
    `javascript:alert(1)`,
  ];
}
