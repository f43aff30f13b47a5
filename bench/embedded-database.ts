/**
 * The embedded database (PGlite behind the project's socket server) in a process of its own,
 * as the launcher hosts it, for benches that compare it with PostgreSQL: its CPU is measured
 * apart from the load generator's. Sends `{ url }` to the parent when it serves; stops on "stop".
 */
import { startEmbeddedDatabase } from "@/db/embedded/start-embedded";

const database = await startEmbeddedDatabase();
process.send!({ url: database.url });
process.on("message", (m) => {
  if (m !== "stop") return;
  void database.stop().then(() => process.exit(0));
});
