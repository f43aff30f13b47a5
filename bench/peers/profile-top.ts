/**
 * The top self-time functions of a `--cpu-prof` profile, and self time by package or source
 * folder: `node --import tsx bench/peers/profile-top.ts <file.cpuprofile> [rows=30]`.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, rowsArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const rows = Number(rowsArg ?? 30);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith("node:")) return url;
  if (!url) return "(native/vm)";
  const rel = url.replace(/^file:\/\/.*?\/wt-[^/]+\//, "");
  return rel.split("/").slice(0, 2).join("/");
};
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || "(anonymous)"} ${url.replace(/^file:\/\/.*?\/(node_modules|wt-[^/]+)\//, "")}:${lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  pkg.set(where(url), (pkg.get(where(url)) ?? 0) + us);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
};
show("Self time by function", fn);
show("Self time by package or folder", pkg);

// Inclusive time of the project's own functions (lib/, server/), and who the top native calls
// come from: self time alone hides a cost spread over many small library calls.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|wt-[^/]+)\//, "")}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map<string, number>();
const callers = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  const self = byId.get(id)!;
  let p = parent.get(id);
  if (["writeBuffer", "writev"].includes(self.callFrame.functionName)) {
    // The first caller that is not node's own plumbing.
    while (p !== undefined && /^node:|^$/.test(byId.get(p)!.callFrame.url)) p = parent.get(p);
    if (p !== undefined) callers.set(label(byId.get(p)!), (callers.get(label(byId.get(p)!)) ?? 0) + us);
  }
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!;
    if (!/\/(lib|server)\//.test(n.callFrame.url) || n.callFrame.url.includes("node_modules")) continue;
    const key = label(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
show("Inclusive time of the project's functions", inclusive);
show("Socket writes (writeBuffer, writev) by first non-node caller", callers);
