import { parseOrThrow } from "@/lib/errors";
import type { ConnectionReport } from "../providers/test-connection";
import { checkConnection, fieldOf } from "./check-connection";
import type { ModelCaller } from "./model-caller";
import { testConnectionInput, type TestConnectionInput } from "./register-version-input";

export type ModelConnectionReport = ConnectionReport & { field: string | null };

/** "Test connection" in the register form: nothing is stored, the report says what failed and where. */
export async function testModelConnectionFor(
  _caller: ModelCaller,
  raw: TestConnectionInput,
): Promise<ModelConnectionReport> {
  const input = parseOrThrow(testConnectionInput, raw);
  const report = await checkConnection(input);
  return { ...report, field: report.ok ? null : fieldOf(report, input) };
}
