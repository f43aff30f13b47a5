/**
 * The deployment files stay deployable without a cluster or a Docker daemon: every Kubernetes
 * manifest is checked against the Kubernetes API schemas (kubernetes-models), cross-checked
 * against the app (bundled entry points built from sources that exist, env names lib/env.ts knows, probes on
 * /api/health, selectors that select), and the Dockerfile is parsed and held to its essentials.
 */
import fs from "node:fs";
import path from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { envSchema } from "@/lib/env";
import { ENTRIES } from "@/scripts/build-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const k8sDir = path.join(import.meta.dirname, "k8s");

const MODELS = {
  "apps/v1 Deployment": Deployment,
  "batch/v1 Job": Job,
  "v1 ConfigMap": ConfigMap,
  "v1 Secret": Secret,
  "v1 Service": Service,
} as const;

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<string, unknown>;

function loadManifests(): { file: string; doc: Manifest }[] {
  return fs
    .readdirSync(k8sDir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(k8sDir, file), "utf8")).map((d) => {
        expect(d.errors, file).toEqual([]);
        return { file, doc: d.toJS() as Manifest };
      }),
    );
}

/** Throws with the schema's complaint when the object is not a valid instance of its kind. */
function validate(doc: Manifest): void {
  const Model = MODELS[`${doc.apiVersion} ${doc.kind}` as keyof typeof MODELS];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc as never).validate();
}

const manifests = loadManifests();
const byKind = (kind: string) => manifests.map((m) => m.doc).filter((d) => d.kind === kind);
const deployments = byKind("Deployment") as unknown as Deployment[];
const web = deployments.find((d) => d.metadata?.name === "brandgate-web")!;
const workers = deployments.find((d) => d.metadata?.name === "brandgate-workers")!;
const job = byKind("Job")[0] as unknown as Job;
const podSpecs = [...deployments.map((d) => d.spec!.template.spec!), job.spec!.template.spec!];

describe("Kubernetes manifests", () => {
  it("are valid objects of their kinds", () => {
    expect(manifests.map((m) => `${m.doc.kind}/${m.doc.metadata.name}`).sort()).toEqual([
      "ConfigMap/brandgate-config",
      "Deployment/brandgate-web",
      "Deployment/brandgate-workers",
      "Job/brandgate-migrate-0-1-0",
      "Secret/brandgate-migration-secrets",
      "Secret/brandgate-secrets",
      "Service/brandgate-web",
    ]);
    for (const { file, doc } of manifests) expect(() => validate(doc), file).not.toThrow();
  });

  it("the schema check rejects a malformed manifest", () => {
    const broken = structuredClone(web) as unknown as Manifest & {
      spec: { template: { spec: { containers: { ports: unknown[] }[] } } };
    };
    broken.spec.template.spec.containers[0]!.ports = [{ containerPort: "three thousand" }];
    expect(() => validate(broken)).toThrow(/containerPort must be integer/);
    const service = structuredClone(byKind("Service")[0]!) as Manifest & {
      spec: { ports: { port: unknown }[] };
    };
    service.spec.ports[0]!.port = "eighty";
    expect(() => validate(service)).toThrow(/port must be integer/);
  });

  it("run the product's bundled entry points, one per process kind", () => {
    const entries = new Set<string>();
    for (const spec of podSpecs)
      for (const c of spec.containers) {
        const [node, bundle, ...rest] = c.command ?? [];
        expect([node, rest]).toEqual(["node", []]);
        // dist-server/<name>.mjs, which scripts/build-server.mjs builds from an existing source.
        const name = /^dist-server\/([a-z-]+)\.mjs$/.exec(bundle!)?.[1];
        expect(name && ENTRIES[name], bundle).toBeTruthy();
        expect(fs.existsSync(path.join(root, ENTRIES[name!]!)), ENTRIES[name!]).toBe(true);
        entries.add(ENTRIES[name!]!);
      }
    expect([...entries].sort()).toEqual([
      "scripts/migrate.ts",
      "server/index.ts",
      "server/model-server.ts",
      "workers/index.ts",
    ]);
  });

  it("select their own pods, and the Service reaches the web port", () => {
    for (const d of deployments)
      expect(d.spec!.template.metadata!.labels).toMatchObject(d.spec!.selector.matchLabels!);
    const service = byKind("Service")[0] as unknown as Service;
    expect(web.spec!.template.metadata!.labels).toMatchObject(service.spec!.selector!);
    expect(workers.spec!.template.metadata!.labels).not.toMatchObject(service.spec!.selector!);
    const portNames = web.spec!.template.spec!.containers.flatMap((c) => c.ports ?? []).map((p) => p.name);
    expect(portNames).toContain(service.spec!.ports![0]!.targetPort);
  });

  it("gate web traffic on /api/health", () => {
    const container = web.spec!.template.spec!.containers.find((c) => c.name === "web")!;
    for (const probe of [container.readinessProbe, container.startupProbe])
      expect(probe?.httpGet).toMatchObject({ path: "/api/health", port: "http" });
    expect(container.ports).toEqual([{ name: "http", containerPort: 3000 }]);
  });

  it("configure only variables lib/env.ts knows, with values it accepts", () => {
    const config = (byKind("ConfigMap")[0] as unknown as { data: Record<string, string> }).data;
    const secret = (byKind("Secret")[0] as unknown as { stringData: Record<string, string> }).stringData;
    const known = Object.keys(envSchema.shape);
    for (const name of [...Object.keys(config), ...Object.keys(secret)]) expect(known, name).toContain(name);
    const parsed = envSchema.safeParse({ ...config, ...secret });
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(Number(config.PORT)).toBe(3000);
    // Every process reads the same ConfigMap and (but the model server) the same Secret.
    for (const spec of podSpecs)
      for (const c of spec.containers) {
        const refs = (c.envFrom ?? []).map((e) => e.configMapRef?.name ?? e.secretRef?.name);
        expect(refs).toContain("brandgate-config");
        if (c.name !== "model-server") expect(refs).toContain("brandgate-secrets");
      }
    // SIGTERM drains jobs for WORKER_SHUTDOWN_TIMEOUT_MS: the pod must be given longer.
    expect(workers.spec!.template.spec!.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(
      Number(config.WORKER_SHUTDOWN_TIMEOUT_MS),
    );
  });

  it("run as a non-root user", () => {
    for (const spec of podSpecs) expect(spec.securityContext).toMatchObject({ runAsNonRoot: true });
  });
});

describe("Dockerfile", () => {
  const text = fs.readFileSync(path.join(import.meta.dirname, "Dockerfile"), "utf8");
  const dockerfile = DockerfileParser.parse(text);
  const froms = dockerfile.getFROMs();
  const stages = froms.map((f) => f.getBuildStage());
  const lastStageStart = froms.at(-1)!.getRange().start.line;
  const inRuntime = (i: Instruction) => i.getRange().start.line >= lastStageStart;
  const instructions = dockerfile.getInstructions();
  const args = (i: Instruction) => i.getArgumentsContent() ?? "";

  it("is multi-stage on node:24-slim (Node 24 LTS), with stages that exist", () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    // Each stage starts from node:24-slim or from a stage defined above it.
    froms.forEach((from, i) => expect(["node:24-slim", ...stages.slice(0, i)]).toContain(from.getImage()));
    expect(froms.at(-1)!.getImage()).toBe("node:24-slim");
    expect(new Set(stages).size).toBe(stages.length);
    for (const i of instructions.filter((i) => i.getKeyword() === "COPY"))
      for (const flag of (
        i as unknown as { getFlags: () => { getName: () => string; getValue: () => string | null }[] }
      ).getFlags())
        if (flag.getName() === "from") expect(stages).toContain(flag.getValue());
  });

  it("installs from the lock and builds, and migrates nothing at build time", () => {
    const runs = instructions.filter((i) => i.getKeyword() === "RUN").map(args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(runs.some((r) => /migrate/.test(r))).toBe(false);
    const copied = instructions.filter((i) => i.getKeyword() === "COPY" && !args(i).includes("--from"));
    for (const copy of copied) {
      const sources = copy
        .getArguments()
        .map((a) => a.getValue())
        .slice(0, -1);
      for (const source of sources) expect(fs.existsSync(path.join(root, source)), source).toBe(true);
    }
  });

  it("runs the web server as a non-root user, with a health check on /api/health", () => {
    const runtime = instructions.filter(inRuntime);
    const user = runtime.filter((i) => i.getKeyword() === "USER").at(-1);
    expect(user && args(user)).toBeTruthy();
    expect(["root", "0"]).not.toContain(args(user!).split(":")[0]);
    const health = dockerfile.getHEALTHCHECKs().at(-1)!;
    expect(inRuntime(health)).toBe(true);
    expect(args(health)).toContain("/api/health");
    const cmd = dockerfile
      .getCMDs()
      .filter((c) => c.getKeyword() === "CMD")
      .at(-1)!;
    // The bundled web server (no TypeScript loader at run time), built by `npm run build`.
    expect(cmd.getJSONStrings().map((s) => s.getJSONValue())).toEqual(["node", "dist-server/web.mjs"]);
    expect(ENTRIES.web).toBe("server/index.ts");
    const runs = instructions.filter((i) => i.getKeyword() === "RUN").map(args);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.build).toContain(
      "scripts/build-server.mjs",
    );
    expect(runtime.filter((i) => i.getKeyword() === "EXPOSE").map(args)).toEqual(["3000"]);
  });

  it("is built from a context without local dependencies, data or secrets", () => {
    const ignored = fs.readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    for (const entry of ["node_modules", ".next", ".data", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});
