import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestamps } from "./_columns";

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; uniqueness is on the lower-cased value. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null for users who only sign in through OpenID Connect. */
    passwordHash: text(),
    /** `issuer|subject` of the linked OpenID Connect identity, if any. */
    oidcSubject: text(),
    /** Set by an admin: every session of this user is refused from its next request. */
    disabledAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_oidc_subject_key").on(t.oidcSubject),
  ],
);

export type User = typeof users.$inferSelect;
