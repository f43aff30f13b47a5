import type { IncomingMessage } from "node:http";

const routes = new WeakMap<IncomingMessage, string>();

/** The route template Fastify matched (`/api/v1/generations/:id`), for the access log. */
export function setRequestRoute(req: IncomingMessage, route: string): void {
  routes.set(req, route);
}

/** The matched template, or undefined for the UI (Next.js) and unmatched paths. */
export function requestRoute(req: IncomingMessage): string | undefined {
  return routes.get(req);
}
