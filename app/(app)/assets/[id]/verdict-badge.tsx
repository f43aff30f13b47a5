import { Badge } from "../../../_components/ui";

export function VerdictBadge({ verdict }: { verdict: "pass" | "warn" | "fail" }) {
  return <Badge tone={verdict === "fail" ? "red" : verdict === "warn" ? "blue" : "green"}>{verdict}</Badge>;
}
