import { z } from "zod";

/**
 * Runs in the browser before the app's own code (Next's client instrumentation hook). Zod
 * compiles object parsers with `new Function` unless told not to, and probes for it with a
 * caught `new Function("")` when the first object schema is built: under the pages' CSP
 * (no 'unsafe-eval', see proxy.ts) the probe fails harmlessly but is reported as a
 * violation. jitless parses without it, and must be set before any schema is created.
 */
z.config({ jitless: true });
