import { afterEach, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { openSecret, sealSecret } from "./secret-box";

afterEach(() => resetEnvCache());

it("round-trips, with a fresh IV each time", () => {
  const a = sealSecret("sk-test");
  expect(openSecret(a)).toBe("sk-test");
  expect(sealSecret("sk-test").equals(a)).toBe(false);
});

it("refuses altered bytes and another AUTH_SECRET without echoing anything", () => {
  const sealed = sealSecret("sk-test");
  const altered = Buffer.from(sealed);
  altered[altered.length - 1]! ^= 1;
  expect(() => openSecret(altered)).toThrow(/cannot be decrypted/);
  const before = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET = "another-secret-that-is-at-least-32-characters";
  resetEnvCache();
  try {
    expect(() => openSecret(sealed)).toThrow(/cannot be decrypted/);
  } finally {
    process.env.AUTH_SECRET = before;
  }
});
