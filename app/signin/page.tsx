import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { getEnv } from "@/lib/env";
import { currentSession } from "../_auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OAuthSignin: "Could not reach the single sign-on provider.",
  OAuthCallback: "The single sign-on provider returned an error.",
  Callback: "Single sign-on did not complete. Ask an admin whether your account is enabled.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await currentSession()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const env = getEnv();
  // Only paths on this origin: an open redirect after sign-in would be a phishing aid.
  const target = safeCallbackPath(callbackUrl, env.PUBLIC_URL);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-900">Brandgate</p>
          <p className="mt-2 text-sm text-slate-700">Governed content generation</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <SignInForm
            callbackUrl={target}
            initialError={error ? (ERRORS[error] ?? null) : null}
            oidcName={env.OIDC_ISSUER ? env.OIDC_NAME : null}
          />
        </div>
      </div>
    </main>
  );
}
