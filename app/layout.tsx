import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Brandgate", template: "%s · Brandgate" },
  description: "Content-governed AI generation gateway",
};

/**
 * Every page renders per request: each gets its own CSP nonce from proxy.ts, which Next puts
 * on its scripts. A page prerendered at build time would carry no nonce and its scripts would
 * be blocked.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
