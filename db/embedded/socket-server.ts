/**
 * A PostgreSQL wire-protocol server in front of one PGlite instance.
 *
 * Why not `PGLiteSocketServer` from @electric-sql/pglite-socket: its multiplexer queues
 * single protocol messages, so with several client connections a Parse/Bind/Execute/Sync
 * sequence from one client can be split by another client's messages. postgres.js pipelines
 * exactly those sequences and fails with `portal "" does not exist` at the first concurrent
 * burst (reproduced with 2,000 concurrent queries over 10 connections). Here the unit of
 * scheduling is a whole batch up to a sync point, and a client keeps the database to itself
 * while it has an open transaction or an unsynced extended-protocol sequence.
 *
 * PGlite cannot take `COPY … FROM STDIN` or `COPY … TO STDOUT` over the wire protocol (its
 * single-user backend exits on the first CopyData), but it reads and writes a blob device. So a
 * simple-Query COPY is carried here: CopyData is buffered until CopyDone and the statement runs
 * against `/dev/blob` as one batch; COPY TO writes the blob back as CopyData. CopyFail answers
 * with the error PGlite raises. (postgres.js and psql send COPY as a simple Query; a COPY
 * through the extended protocol is not carried.)
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Message types after which the client waits for the server: a batch ends there. */
const SYNC_POINTS = new Set(["S", "Q", "H", "X"]);

interface Batch {
  client: Client;
  messages: Uint8Array[];
  /** True when the batch ends an extended-protocol sequence (Sync or simple Query). */
  synced: boolean;
  /** A COPY carried by this server instead of PGlite's protocol loop. */
  copy?: CopyStep;
}

type CopyStep =
  | { kind: "in-start" }
  | { kind: "in"; sql: string; data: Buffer }
  | { kind: "fail"; message: string }
  | { kind: "out"; sql: string };

/** The most CopyData one COPY FROM STDIN may buffer before it is refused. */
export const MAX_COPY_BYTES = 64 * 1024 * 1024;

interface Client {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  pending: Uint8Array[];
  closed: boolean;
  /** While a password is awaited: the startup message to hand to PGlite once it is right. */
  auth: { startup: Uint8Array; user: string; salt: Buffer } | null;
  /** Between a COPY FROM STDIN and its CopyDone or CopyFail: the statement and the data so far. */
  copyIn: { sql: string; chunks: Buffer[]; size: number } | null;
  /** Channels this client has LISTENed on: only it gets their notifications. */
  channels: Set<string>;
}

/** `LISTEN ch` / `UNLISTEN ch` / `UNLISTEN *`, as postgres.js and pg-boss send them (quoted or not). */
const LISTEN_COMMAND = /^\s*(listen|unlisten)\s+(\*|"((?:[^"]|"")+)"|([a-z_][\w$]*))\s*;?\s*$/i;

export interface EmbeddedServerOptions {
  db: PGlite;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Required of every connection (MD5 challenge, as PostgreSQL's `md5` auth method): PGlite
   * itself trusts anyone, and a loopback port is reachable by every local user.
   */
  password: string;
  /**
   * How long a client may hold the database between batches (an open transaction, an unsynced
   * extended-protocol sequence or a COPY in progress) before it is disconnected and its
   * transaction rolled back, as PostgreSQL's `idle_in_transaction_session_timeout`. One backend
   * serves every client here, so one client idle in a transaction stalls all the others.
   */
  idleInTransactionTimeoutMs?: number;
}

/** PostgreSQL's default is off; here a forgotten transaction would stop the whole product. */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export class EmbeddedPostgresServer {
  private readonly db: PGlite;
  private readonly host: string;
  private requestedPort: number;
  private server: net.Server | null = null;
  private queue: Batch[] = [];
  private running = false;
  /** The client that holds the database: open transaction or unsynced sequence. */
  private holder: Client | null = null;
  private clients = new Set<Client>();
  private nextId = 1;
  /** A client sent UNLISTEN: the session listens again on what the others still want. */
  private unlistened = false;
  private readonly password: string;
  private readonly idleTimeoutMs: number;
  /** Armed while the holder has nothing queued: fires the idle-in-transaction timeout. */
  private idleTimer: NodeJS.Timeout | null = null;
  /** The client whose batch is running. */
  private active: Client | null = null;

  constructor(options: EmbeddedServerOptions) {
    if (!options.password) throw new Error("The embedded database needs a password");
    this.password = options.password;
    this.idleTimeoutMs = options.idleInTransactionTimeoutMs ?? IDLE_IN_TRANSACTION_TIMEOUT_MS;
    this.db = options.db;
    this.host = options.host ?? "127.0.0.1";
    this.requestedPort = options.port ?? 0;
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === "object" ? address.port : this.requestedPort;
  }

  async start(): Promise<void> {
    await this.db.waitReady;
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.requestedPort, this.host, () => resolve());
    });
  }

  async stop(): Promise<void> {
    this.disarmIdleTimer();
    for (const client of this.clients) client.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const client: Client = {
      id: this.nextId++,
      socket,
      buffer: Buffer.alloc(0),
      pending: [],
      closed: false,
      auth: null,
      copyIn: null,
      channels: new Set(),
    };
    this.clients.add(client);
    socket.on("data", (chunk) => this.receive(client, chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.drop(client));
  }

  private receive(client: Client, chunk: Buffer): void {
    // Anything from the holder (a query, CopyData) means it is not idle: the clock starts again.
    if (client === this.holder) this.armIdleTimer();
    client.buffer = client.buffer.length ? Buffer.concat([client.buffer, chunk]) : chunk;
    for (;;) {
      const buf = client.buffer;
      if (buf.length >= 8) {
        const len = buf.readInt32BE(0);
        const code = buf.readInt32BE(4);
        if (len === 8 && code === SSL_REQUEST) {
          client.socket.write("N");
          client.buffer = buf.subarray(8);
          continue;
        }
        if (len === 16 && code === CANCEL_REQUEST) {
          // Cancellation is not supported by PGlite; the request is dropped.
          client.buffer = buf.subarray(16);
          continue;
        }
        if (code === PROTOCOL_3) {
          if (buf.length < len) return;
          this.challenge(client, new Uint8Array(buf.subarray(0, len)));
          client.buffer = buf.subarray(len);
          continue;
        }
      }
      if (buf.length < 5) return;
      const len = 1 + buf.readInt32BE(1);
      if (buf.length < len) return;
      const type = String.fromCharCode(buf[0]!);
      const message = new Uint8Array(buf.subarray(0, len));
      client.buffer = buf.subarray(len);
      if (client.auth) {
        if (!this.authenticate(client, type, message)) return;
        continue;
      }
      if (client.copyIn) {
        this.receiveCopyData(client, type, message);
        continue;
      }
      if (type === "Q") {
        const copy = copyStatement(cstring(message, 5));
        if (copy?.direction === "in") {
          // CopyData may follow at once: collect it now; CopyInResponse goes out in turn.
          client.copyIn = { sql: copy.sql, chunks: [], size: 0 };
          this.enqueue({ client, messages: [], synced: false, copy: { kind: "in-start" } });
          continue;
        }
        if (copy?.direction === "out") {
          this.enqueue({ client, messages: [], synced: true, copy: { kind: "out", sql: copy.sql } });
          continue;
        }
      }
      if (type === "Q" || type === "P") this.noteListen(client, type, message);
      client.pending.push(message);
      if (SYNC_POINTS.has(type)) {
        const messages = client.pending;
        client.pending = [];
        this.enqueue({ client, messages, synced: type !== "H" });
      }
    }
  }

  /** CopyData is buffered; CopyDone runs the COPY, CopyFail (or any other message) ends it with an error. */
  private receiveCopyData(client: Client, type: string, message: Uint8Array): void {
    const copy = client.copyIn!;
    if (type === "d") {
      copy.size += message.length - 5;
      if (copy.size <= MAX_COPY_BYTES) copy.chunks.push(Buffer.from(message.subarray(5)));
      return;
    }
    // Flush and Sync are ignored during COPY IN, as PostgreSQL does.
    if (type === "H" || type === "S") return;
    client.copyIn = null;
    const step: CopyStep =
      type === "c" && copy.size <= MAX_COPY_BYTES
        ? { kind: "in", sql: copy.sql, data: Buffer.concat(copy.chunks) }
        : {
            kind: "fail",
            message:
              type === "f"
                ? `COPY from stdin failed: ${cstring(message, 5)}`
                : type === "c"
                  ? `COPY from stdin is limited to ${MAX_COPY_BYTES} bytes on the embedded database`
                  : `unexpected message type 0x${message[0]!.toString(16)} during COPY from stdin`,
          };
    this.enqueue({ client, messages: [], synced: true, copy: step });
  }

  /**
   * LISTEN/NOTIFY across connections. PGlite is one backend session shared by every client, so
   * a LISTEN from one client makes *the session* listen, and PostgreSQL then delivers each
   * notification (NotificationResponse, 'A') in the output of whichever batch committed the
   * NOTIFY — that is, to the notifier's socket, where postgres.js drops it. So the server keeps
   * who listens on what (from the LISTEN/UNLISTEN commands clients send, simple or extended
   * protocol), takes 'A' messages out of every batch's output and hands them to the clients
   * listening on their channel. The session itself never UNLISTENs while another client still
   * listens on the channel (see run()).
   */
  private noteListen(client: Client, type: string, message: Uint8Array): void {
    // 'Q': type, length, query\0. 'P': type, length, statement name\0, query\0, parameter types.
    let start = 5;
    if (type === "P") start = message.indexOf(0, 5) + 1;
    const end = message.indexOf(0, start);
    if (start <= 0 || end < 0 || end - start > 300) return;
    const match = LISTEN_COMMAND.exec(Buffer.from(message.subarray(start, end)).toString("utf8"));
    if (!match) return;
    const channel = match[3]?.replaceAll('""', '"') ?? match[4]?.toLowerCase() ?? "*";
    if (match[1]!.toLowerCase() === "listen") client.channels.add(channel);
    else {
      if (channel === "*") client.channels.clear();
      else client.channels.delete(channel);
      this.unlistened = true;
    }
  }

  /** Delivers one NotificationResponse to every client listening on its channel. */
  private deliver(message: Buffer): void {
    // 'A', length, sender pid (int32), channel\0, payload\0.
    const end = message.indexOf(0, 9);
    const channel = message.subarray(9, end).toString("utf8");
    for (const client of this.clients)
      if (!client.closed && client.channels.has(channel)) client.socket.write(message);
  }

  /** Holds the startup message back and asks for the password (AuthenticationMD5Password). */
  private challenge(client: Client, startup: Uint8Array): void {
    const params = Buffer.from(startup.subarray(8)).toString("utf8").split("\0");
    const user = params[params.indexOf("user") + 1] ?? "";
    const salt = randomBytes(4);
    client.auth = { startup, user, salt };
    const request = Buffer.alloc(13);
    request.write("R", 0);
    request.writeInt32BE(12, 1);
    request.writeInt32BE(5, 5);
    salt.copy(request, 9);
    client.socket.write(request);
  }

  /** Checks the PasswordMessage; right, the startup message goes on to PGlite (which says AuthenticationOk). */
  private authenticate(client: Client, type: string, message: Uint8Array): boolean {
    const { startup, user, salt } = client.auth!;
    const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("hex");
    const expected = Buffer.from("md5" + md5(Buffer.concat([Buffer.from(md5(this.password + user)), salt])));
    const given = type === "p" ? Buffer.from(message.subarray(5, message.length - 1)) : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      client.socket.end(fatal("28P01", `password authentication failed for user "${user}"`));
      client.buffer = Buffer.alloc(0);
      client.closed = true;
      return false;
    }
    client.auth = null;
    this.enqueue({ client, messages: [startup], synced: true });
    return true;
  }

  private enqueue(batch: Batch): void {
    this.queue.push(batch);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.holder ? this.queue.findIndex((b) => b.client === this.holder) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [batch] = this.queue.splice(index, 1);
        this.active = batch!.client;
        try {
          await this.run(batch!);
        } catch {
          // PGlite answers protocol errors itself; a throw here means the batch could not be
          // run at all, so the connection is closed rather than left waiting for an answer.
          batch!.client.socket.destroy();
        } finally {
          this.active = null;
        }
        if (this.holder) this.armIdleTimer();
        else this.disarmIdleTimer();
      }
    } finally {
      this.running = false;
    }
  }

  private async run(batch: Batch): Promise<void> {
    const { client } = batch;
    if (client.closed) return;
    const output = new OutputSplitter(
      (data) => !client.closed && data.length > 0 && client.socket.write(data),
      (notification) => this.deliver(notification),
    );
    const send = (data: Uint8Array) => output.push(data);
    await this.db.runExclusive(async () => {
      if (batch.copy) return this.runCopy(batch.copy, send);
      for (const message of batch.messages) {
        await this.db.execProtocolRawStream(message, { onRawData: send });
      }
    });
    // A client's UNLISTEN must not deafen the session for the clients still listening. (Outside
    // runExclusive: exec takes PGlite's lock itself; pump() runs one batch at a time anyway.)
    if (this.unlistened) {
      this.unlistened = false;
      for (const c of this.clients)
        for (const channel of c.channels) await this.db.exec(`LISTEN "${channel.replaceAll('"', '""')}"`);
    }
    this.holder = !batch.synced || this.db.isInTransaction() ? client : null;
    // The client went while its batch ran (drop() saw no hold yet): nothing may keep its transaction.
    if (client.closed && this.holder === client) {
      await this.rollback();
      this.holder = null;
    }
  }

  /** Inside runExclusive: one step of a COPY carried through PGlite's blob device. */
  private async runCopy(step: CopyStep, send: (data: Uint8Array) => void): Promise<void> {
    if (step.kind === "in-start") return send(message("G", Buffer.from([0, 0, 0])));
    if (step.kind === "fail") {
      // PGlite raises it, so a transaction block is aborted exactly as by PostgreSQL.
      const text = step.message.replaceAll("'", "''");
      const raise = `DO $copy$ BEGIN RAISE EXCEPTION USING ERRCODE = '57014', MESSAGE = '${text}'; END $copy$`;
      return this.db.execProtocolRawStream(query(raise), { onRawData: send });
    }
    if (step.kind === "in") {
      await this.db._handleBlob(new Blob([new Uint8Array(step.data)]));
      try {
        await this.db.execProtocolRawStream(query(step.sql), { onRawData: send });
      } finally {
        await this.db._cleanupBlob();
      }
      return;
    }
    const answer: Uint8Array[] = [];
    await this.db.execProtocolRawStream(query(step.sql), { onRawData: (d) => answer.push(d.slice()) });
    const written = await this.db._getWrittenBlob();
    // An error answers as it is; rows go out as CopyOutResponse, CopyData, CopyDone first.
    if (answer[0]?.[0] !== 0x45 && written) {
      const data = Buffer.from(await written.arrayBuffer());
      send(message("H", Buffer.from([0, 0, 0])));
      for (let at = 0; at < data.length; at += 65_536) send(message("d", data.subarray(at, at + 65_536)));
      send(message("c", Buffer.alloc(0)));
    }
    for (const part of answer) send(part);
  }

  /**
   * Ends the open transaction of a client that is gone. Not inside runExclusive: exec takes
   * PGlite's query lock itself, so calling it under runExclusive waited on itself for ever (a
   * client that vanished mid-transaction stalled every other connection).
   */
  private async rollback(): Promise<void> {
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
  }

  private armIdleTimer(): void {
    this.disarmIdleTimer();
    if (this.idleTimeoutMs <= 0) return;
    this.idleTimer = setTimeout(() => this.idleTimeout(), this.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private disarmIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /**
   * The holder sent nothing for the whole timeout: it gets PostgreSQL's FATAL 25P03, its
   * transaction is rolled back and the others go on. A holder with a batch queued or running is
   * not idle.
   */
  private idleTimeout(): void {
    this.idleTimer = null;
    const client = this.holder;
    if (!client || client.closed) return;
    if (this.active === client || this.queue.some((b) => b.client === client)) return this.armIdleTimer();
    client.socket.end(fatal("25P03", "terminating connection due to idle-in-transaction timeout"));
    // A peer that never closes its side must not keep the socket either.
    setTimeout(() => client.socket.destroy(), 1_000).unref();
    void this.drop(client);
  }

  private async drop(client: Client): Promise<void> {
    if (client.closed && !this.clients.has(client)) return;
    client.closed = true;
    this.clients.delete(client);
    this.queue = this.queue.filter((b) => b.client !== client);
    if (this.holder === client) {
      // A client that vanished mid-transaction must not leave the database locked or dirty.
      await this.rollback();
      this.holder = null;
      this.disarmIdleTimer();
      void this.pump();
    }
  }
}

/** A protocol message: type, length, body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** A simple Query message for `sql`. */
function query(sql: string): Buffer {
  return message("Q", Buffer.from(`${sql}\0`, "utf8"));
}

/** The NUL-terminated string starting at `from`. */
function cstring(bytes: Uint8Array, from: number): string {
  const end = bytes.indexOf(0, from);
  return Buffer.from(bytes.subarray(from, end < 0 ? bytes.length : end)).toString("utf8");
}

const COPY_IN = /^(\s*copy\b[\s\S]*?\bfrom\s+)stdin\b/i;
const COPY_OUT = /^(\s*copy\b[\s\S]*?\bto\s+)stdout\b/i;

/** A `COPY … FROM STDIN` or `… TO STDOUT`, rewritten to PGlite's blob device. */
function copyStatement(sql: string): { direction: "in" | "out"; sql: string } | null {
  if (COPY_IN.test(sql)) return { direction: "in", sql: sql.replace(COPY_IN, "$1'/dev/blob'") };
  if (COPY_OUT.test(sql)) return { direction: "out", sql: sql.replace(COPY_OUT, "$1'/dev/blob'") };
  return null;
}

/**
 * Splits a batch's output at message boundaries (PGlite may hand over several messages in one
 * chunk, or one message in several): NotificationResponse messages go to `notify`, the
 * rest to `write` unchanged and as they come.
 */
class OutputSplitter {
  /** Bytes of the message in progress still to come. */
  private remaining = 0;
  /** The notification in progress, when the message in progress is one. */
  private notification: Buffer[] | null = null;
  /** The start of a message whose header (type + length) has not all come yet. */
  private header: Buffer | null = null;

  constructor(
    private readonly write: (data: Buffer) => unknown,
    private readonly notify: (message: Buffer) => void,
  ) {}

  push(chunk: Uint8Array): void {
    const data = this.header
      ? Buffer.concat([this.header, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.header = null;
    // Where the bytes to pass through start; -1 while inside a notification.
    let passFrom = this.notification ? -1 : 0;
    let i = 0;
    while (i < data.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, data.length - i);
        this.notification?.push(Buffer.from(data.subarray(i, i + take)));
        i += take;
        this.remaining -= take;
        if (this.remaining === 0 && this.notification) {
          this.notify(Buffer.concat(this.notification));
          this.notification = null;
          passFrom = i;
        }
        continue;
      }
      if (data.length - i < 5) {
        this.header = Buffer.from(data.subarray(i));
        break;
      }
      if (data[i] === 0x41 /* 'A' */) {
        if (passFrom >= 0 && i > passFrom) this.write(data.subarray(passFrom, i));
        this.notification = [];
        passFrom = -1;
      }
      this.remaining = 1 + data.readInt32BE(i + 1);
    }
    const end = this.header ? data.length - this.header.length : data.length;
    if (passFrom >= 0 && end > passFrom) this.write(data.subarray(passFrom, end));
  }
}

/** An ErrorResponse with severity FATAL, as PostgreSQL sends before closing a connection. */
function fatal(code: string, text: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`, "utf8");
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}
