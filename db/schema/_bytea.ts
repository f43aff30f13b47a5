import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (`bytea`): postgres.js returns a Buffer, drizzle has no built-in column for it. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});
