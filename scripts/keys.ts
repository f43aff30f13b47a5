/**
 * `npm run keys -- create --brand <slug> --scopes generate,content:read [--channel social]
 *   [--chat] [--name <name>] [--rate-limit <n>] [--quota <n>]`
 * Makes an API key for a brand and prints it once (only its hash is stored). Exits 0 on
 * success, 1 on bad arguments or a refused key, 2 when the database could not be reached.
 */
import { parseArgs } from "node:util";
import { API_KEY_SCOPES } from "@/db/schema";
import { createOperatorKey } from "@/lib/api-keys/create-operator-key";
import { channelSchema } from "@/lib/brand/kit";
import { closeDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openDatabase } from "./database";

const USAGE = `usage: npm run keys -- create --brand <slug> --scopes <${API_KEY_SCOPES.join(",")}> [--channel <${channelSchema.options.join("|")}>] [--chat] [--name <name>] [--rate-limit <per minute>] [--quota <per month>]`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      brand: { type: "string" },
      scopes: { type: "string" },
      channel: { type: "string" },
      chat: { type: "boolean", default: false },
      name: { type: "string", default: "operator key" },
      "rate-limit": { type: "string" },
      quota: { type: "string" },
    },
  });
  if (positionals[0] !== "create" || !values.brand || !values.scopes) {
    console.error(USAGE);
    return 1;
  }
  const channel = values.channel === undefined ? null : channelSchema.safeParse(values.channel);
  if (channel && !channel.success) {
    console.error(`--channel must be one of ${channelSchema.options.join(", ")}`);
    return 1;
  }
  const { embedded } = await openDatabase();
  try {
    const created = await createOperatorKey({
      brandSlug: values.brand,
      name: values.name,
      scopes: values.scopes.split(",").map((s) => s.trim()) as (typeof API_KEY_SCOPES)[number][],
      chatEnabled: values.chat,
      defaultChannel: channel?.data ?? null,
      ...(values["rate-limit"] && { rateLimitPerMinute: Number(values["rate-limit"]) }),
      ...(values.quota && { monthlyGenerationQuota: Number(values.quota) }),
    });
    console.log(
      `created key ${created.key.prefix}… for brand ${values.brand} (${created.key.scopes.join(", ")})`,
    );
    console.log("The key is shown once; store it now:");
    console.log(created.plaintext);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = Array.isArray(err.details)
      ? (err.details as { path: string; message: string }[])
          .map((d) => `\n  ${d.path}: ${d.message}`)
          .join("")
      : "";
    console.error(`${err.message}${details}`);
    return 1;
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
