/**
 * A TCP proxy on loopback in front of PostgreSQL that can black-hole: while it does, it
 * accepts connections and reads what both sides send but forwards nothing, so clients see
 * silence, not an error, as with a network that drops packets. When it heals, the held bytes
 * go through in order (TCP would have retransmitted them) and new connections reach the server.
 */
import net from "node:net";

export async function startBlackholeProxy(target: { host: string; port: number }) {
  let holding = false;
  const flushers = new Set<() => void>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    const toServer: Buffer[] = [];
    const toClient: Buffer[] = [];
    let upstream: net.Socket | null = null;
    const connect = () => {
      upstream = net.connect(target.port, target.host);
      sockets.add(upstream);
      upstream.on("data", (d: Buffer) => (holding ? toClient.push(d) : client.write(d)));
      upstream.on("close", () => client.destroy());
      upstream.on("error", () => client.destroy());
      for (const d of toServer.splice(0)) upstream.write(d);
    };
    const flush = () => {
      if (!upstream) connect();
      for (const d of toServer.splice(0)) upstream!.write(d);
      for (const d of toClient.splice(0)) client.write(d);
    };
    flushers.add(flush);
    client.on("data", (d: Buffer) => (holding || !upstream ? toServer.push(d) : upstream.write(d)));
    client.on("close", () => {
      flushers.delete(flush);
      upstream?.destroy();
    });
    client.on("error", () => upstream?.destroy());
    if (!holding) connect();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    /** From now on nothing goes through, in either direction, on old or new connections. */
    blackhole() {
      holding = true;
    },
    heal() {
      holding = false;
      for (const flush of flushers) flush();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
