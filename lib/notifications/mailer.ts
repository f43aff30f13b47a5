import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/lib/env";

let cached: { url: string; transport: Transporter } | undefined;

/**
 * The process's one SMTP transport (pooled connections), or null when SMTP_URL is unset and
 * notifications stay in the app. The URL carries credentials: it is handed to nodemailer and
 * never logged.
 */
export function mailer(): { transport: Transporter; from: string } | null {
  const env = getEnv();
  if (!env.SMTP_URL || !env.MAIL_FROM) return null;
  if (cached?.url !== env.SMTP_URL) {
    cached?.transport.close();
    cached = { url: env.SMTP_URL, transport: nodemailer.createTransport(env.SMTP_URL) };
  }
  return { transport: cached.transport, from: env.MAIL_FROM };
}

/** Closes the transport's connections (a worker stopping, a test ending). */
export function closeMailer(): void {
  cached?.transport.close();
  cached = undefined;
}
