import type { AttemptOutcome } from "@/db/schema";

export interface AttemptRecord {
  versionId: string;
  requestId: string;
  /** 1-based, per version within one generation call. */
  attempt: number;
  servedAs: "primary" | "fallback";
  startedAt: Date;
  latencyMs: number;
  tokensIn: number | null;
  tokensOut: number | null;
  outcome: AttemptOutcome;
  errorClass: string | null;
  httpStatus: number | null;
  upstreamRequestId: string | null;
  /** Who paid: the brand, and the key where a key called (absent in older test rows). */
  brandId?: string;
  apiKeyId?: string | null;
  /** Micro-dollars at the version's prices (lib/models/cost.ts); 0 when unpriced or no tokens. */
  costMicroUsd?: number;
}

/**
 * Where attempts go. `record` must not slow or fail a generation: implementations queue and
 * write in the background; `flush` waits for what is queued (shutdown, tests).
 */
export interface AttemptRecorder {
  record(attempt: AttemptRecord): void;
  flush(): Promise<void>;
}

export function memoryRecorder(): AttemptRecorder & { attempts: AttemptRecord[] } {
  const attempts: AttemptRecord[] = [];
  return { attempts, record: (a) => void attempts.push(a), flush: async () => {} };
}
