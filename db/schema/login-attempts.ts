import { bigserial, boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed and successful password sign-ins, counted per account and per address over a
 * sliding window. Kept in Postgres so the limit holds across web instances.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** Lower-cased email as typed, whether or not such a user exists. */
    account: text().notNull(),
    address: text().notNull(),
    succeeded: boolean().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_account_idx").on(t.account, t.attemptedAt),
    index("login_attempts_address_idx").on(t.address, t.attemptedAt),
  ],
);
