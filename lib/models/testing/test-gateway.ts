import { memoryRecorder } from "../attempts/recorder";
import { createGateway } from "../create-gateway";
import type { GenerationTarget } from "../generation-target";
import { openAICompatibleProvider } from "../providers/openai-compatible";
import { createBreakerRegistry } from "../resilience/breakers";
import { resiliencePolicySchema, type ResiliencePolicyInput } from "../resilience/policy";

/** A version pointed at `baseUrl` with `policy`, as the registry would build it. */
export function testTarget(
  versionId: string,
  baseUrl: string,
  policy: ResiliencePolicyInput,
  modelName = "faulty",
) {
  const parsed = resiliencePolicySchema.parse(policy);
  const target: GenerationTarget = {
    versionId,
    labels: { brand: "test", model: modelName, version: versionId },
    policy: parsed,
    provider: openAICompatibleProvider({
      baseUrl,
      apiKey: null,
      modelName,
      parameters: { structuredOutput: "json_object" },
      sdkTimeoutMs: parsed.deadlineMs + 1000,
    }),
  };
  return target;
}

/** A gateway over fixed targets, recording attempts in memory. */
export function testGateway(targets: GenerationTarget[]) {
  const recorder = memoryRecorder();
  const byId = new Map(targets.map((t) => [t.versionId, t]));
  const gateway = createGateway({
    recorder,
    breakers: createBreakerRegistry(),
    resolveTarget: async (_brandId, versionId) => byId.get(versionId)!,
  });
  return { gateway, recorder };
}
