import { describe, expect, it } from "vitest";
import { isBlockedAddress } from "./target-guard";

describe("isBlockedAddress: IPv6 prefixes that reach IPv4 space", () => {
  it.each([
    ["64:ff9b:1::a00:1", "local-use NAT64 (RFC 8215) to 10.0.0.1"],
    ["64:ff9b:1:ffff::7f00:1", "local-use NAT64, elsewhere in the /48"],
    ["2002:7f00:1::", "6to4 wrapping 127.0.0.1"],
    ["2002:a9fe:a9fe::1", "6to4 wrapping the metadata address 169.254.169.254"],
    ["2002:808:808::1", "6to4 wrapping a public address: the relay is still not ours to reach"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ])("refuses %s (%s)", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it("still lets public IPv6 through", () => {
    expect(isBlockedAddress("2606:2800:220:1:248:1893:25c8:1946")).toBe(false);
    expect(isBlockedAddress("64:ff9b:2::1")).toBe(false);
  });
});
