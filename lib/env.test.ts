import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }],
    ["AUTH_SECRET", { AUTH_SECRET: "short" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["TRUST_PROXY", { TRUST_PROXY: "maybe" }],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }],
    ["OTEL_EXPORTER_OTLP_PROTOCOL", { OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }],
    ["OTEL_EXPORTER_OTLP_HEADERS", { OTEL_EXPORTER_OTLP_HEADERS: "just-a-token" }],
  ])("names %s when it is malformed", (name, source) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).variables.map((v) => v.name)).toContain(name);
    expect((error as EnvError).message).toContain(name);
  });

  it("requires the whole OpenID Connect trio once any of it is set", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.test" })).toThrow(/OIDC_CLIENT_ID/);
    const env = parseEnv({
      OIDC_ISSUER: "https://id.example.test",
      OIDC_CLIENT_ID: "brandgate",
      OIDC_CLIENT_SECRET: "s3cret",
    });
    expect(env.OIDC_NAME).toBe("Single sign-on");
  });

  it("takes an smtp(s):// SMTP_URL with a MAIL_FROM, and never echoes the URL's password", () => {
    const env = parseEnv({
      SMTP_URL: "smtps://mailer:pw@smtp.example.test:465",
      MAIL_FROM: "Brandgate <no@x.test>",
    });
    expect(env.SMTP_URL).toBe("smtps://mailer:pw@smtp.example.test:465");
    expect(() => parseEnv({ SMTP_URL: "smtp://smtp.example.test:25" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ SMTP_URL: "http://mailer:hunter2@x.test", MAIL_FROM: "a@b.test" })).toThrow(
      /SMTP_URL: must be an smtp/,
    );
    expect(() => parseEnv({ SMTP_URL: "http://mailer:hunter2@x.test", MAIL_FROM: "a@b.test" })).not.toThrow(
      /hunter2/,
    );
    expect(() => parseEnv({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});
