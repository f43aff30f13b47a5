/** Small HTTP helpers for the cluster test: plain fetch, as any client would call. */

export interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

export async function call(
  baseUrl: string,
  method: "GET" | "POST" | "PUT",
  path: string,
  apiKey: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Runs `count` calls, `concurrency` at a time; returns how many answered each status. */
export async function burst(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<Answer>,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const { status } = await one(next++);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return statuses;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Rate limits count in fixed minute windows of the database clock (this machine's): wait for
 * a new minute when fewer than `seconds` are left in this one, so a burst stays in one window.
 */
export async function roomInThisMinute(seconds: number): Promise<void> {
  const now = new Date();
  const left = 60 - now.getUTCSeconds() - now.getUTCMilliseconds() / 1000;
  if (left < seconds) await sleep(left * 1000 + 500);
}
