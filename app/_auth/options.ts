import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv, requireAuthSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { SESSION_COOKIE, sessionCookieSecure } from "@/lib/auth/session-token";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { signInWithPassword } from "@/lib/accounts/sign-in";
import { signInWithOidc } from "@/lib/accounts/sign-in-oidc";
import { signOut } from "@/lib/accounts/sign-out";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";

/**
 * next-auth runs the sign-in flows and sets the cookie; everything it decides is delegated
 * to lib/auth. The token carries only a session id, resolved against the database per request.
 */
export function authOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        try {
          const { sessionId, userId } = await signInWithPassword({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            address: headers[CLIENT_ADDRESS_HEADER] ?? "unknown",
            userAgent: headers["user-agent"]?.slice(0, 500),
          });
          return { id: userId, sid: sessionId };
        } catch (err) {
          // next-auth passes the message to the sign-in form as `error`.
          if (err instanceof AppError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: Record<string, unknown>) {
        return {
          id: String(profile.sub),
          email: String(profile.email ?? ""),
          name: String(profile.name ?? ""),
        };
      },
    });
  }
  return {
    secret: requireAuthSecret(),
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    useSecureCookies: sessionCookieSecure(),
    cookies: {
      sessionToken: {
        name: SESSION_COOKIE,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: sessionCookieSecure() },
      },
    },
    providers,
    callbacks: {
      // next-auth's default accepts any url starting with "/"; resolve it as the browser will.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "credentials" && user && "sid" in user) {
          token.sid = (user as { sid: string }).sid;
        }
        if (account?.provider === "oidc" && profile) {
          const p = profile as Record<string, unknown>;
          const { sessionId, userId } = await signInWithOidc({
            issuer: env.OIDC_ISSUER!,
            subject: String(p.sub),
            email: String(p.email ?? ""),
            emailVerified: p.email_verified === true,
            name: String(p.name ?? p.email ?? "User"),
          });
          token.sid = sessionId;
          token.sub = userId;
        }
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOut(token.sid);
      },
    },
  };
}
