/**
 * The floor for event ingestion: raw `COPY … FROM STDIN` of the same rows into the same
 * `events` table, through the same driver (postgres.js). Each call is one COPY statement in
 * its own transaction, so it resolves once its rows are committed — the same promise the
 * API's acknowledgement makes, with nothing else in the way.
 */
import net from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres, { type Sql } from "postgres";

/**
 * A pool for COPY with TCP_NODELAY on its sockets (as libpq sets it). postgres.js leaves
 * Nagle on, and a COPY writes its data and CopyDone as separate small segments: the second
 * then waits for the server's delayed ACK, ~40 ms per COPY on Linux loopback — measured
 * here, 44 ms per 1-row COPY without it, 1–2 ms with it. TCP on host:port only.
 */
export function copyPool(url: string, max: number): Sql {
  const { hostname, port } = new URL(url);
  // `socket` is documented in postgres.js's README ("Custom socket") but not in its types.
  const options = {
    max,
    onnotice: () => {},
    socket: () =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect({ host: hostname, port: Number(port || 5432), noDelay: true });
        s.once("connect", () => resolve(s)).once("error", reject);
      }),
  };
  return postgres(url, options);
}

export interface EventRowSpec {
  brandId: string;
  contentId: string;
  /** Prefix of the client event ids; `${tag}-${n}` must be unique per brand. */
  tag: string;
  occurredAt: string;
}

/** `count` rows in COPY's text format, ids `${tag}-${first}` onwards; one in ten a click. */
export function eventCopyText(spec: EventRowSpec, first: number, count: number): string {
  let out = "";
  for (let i = first; i < first + count; i++) {
    const kind = i % 10 === 0 ? "click" : "exposure";
    out += `${spec.brandId}\t${kind}\tu-${i % 5000}\t${spec.contentId}\t${spec.tag}-${i}\t${spec.occurredAt}\n`;
  }
  return out;
}

/**
 * One COPY of `text` (from eventCopyText) into events. `.writable()` runs over the simple
 * query protocol, where PostgreSQL commits before it reports the command complete, and the
 * stream finishes on that report: resolved means committed. The connection is reserved for
 * the COPY because postgres.js would otherwise pipeline another query onto it mid-copy.
 */
export async function copyEvents(sql: Sql, text: string): Promise<void> {
  const connection = await sql.reserve();
  try {
    const writable =
      await connection`copy events (brand_id, kind, unit_key, content_id, external_id, occurred_at) from stdin`.writable();
    await pipeline(Readable.from([text]), writable);
  } finally {
    connection.release();
  }
}
