/** Types for scripts/build-server.mjs (plain JavaScript: it runs before anything is built). */
export declare const ROOT: string;
export declare const OUT_DIR: string;
export declare const ENTRIES: Record<string, string>;
export declare function bundleIsStale(root?: string): boolean;
export declare function buildServer(root?: string, outDir?: string): Promise<{ inputs: number }>;
