// The registry these machines use does not carry other platforms' prebuilt binaries
// (e.g. @next/swc-darwin-arm64), so npm leaves them out of package-lock.json and then
// `npm ci` refuses the lock as "out of sync". This records each missing optional platform
// package with its os/cpu, exactly as npm would on a full registry, so `npm ci` skips it.
// Run after `npm install` changes the lock: `node scripts/lock-platform-stubs.mjs`.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = ["darwin", "win32", "freebsd", "android", "linux", "openbsd", "sunos", "aix", "netbsd"];
const CPU = ["arm64", "x64", "arm", "ia32", "wasm32", "riscv64", "ppc64", "s390x", "loong64", "mips64el"];
let added = 0;
for (const [at, pkg] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[hoisted]) continue;
    const parts = name.split(/[/-]/);
    const os = OS.filter((o) => parts.includes(o));
    const cpu = CPU.filter((c) => parts.includes(c));
    if (os.length === 0 && cpu.length === 0) continue;
    lock.packages[hoisted] = {
      version: String(range).replace(/^[\^~=]/, ""),
      optional: true,
      ...(os.length ? { os } : {}),
      ...(cpu.length ? { cpu } : {}),
    };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} platform stubs to package-lock.json`);
