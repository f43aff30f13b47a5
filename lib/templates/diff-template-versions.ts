/**
 * What changed between two template versions, for the history view and the approver:
 * a line diff per body part and of the slot schema, plus the name and description.
 */
import { diffLines } from "diff";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { canonicalJson } from "@/lib/canonical-json";

export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

export interface DiffSection {
  /** `details`, `slots`, `body.html` or `body.text`. */
  section: string;
  changed: boolean;
  lines: DiffLine[];
}

function lineDiff(from: string, to: string): DiffLine[] {
  return diffLines(from, to).flatMap((change) => {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    return change.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({ kind, text }) as DiffLine);
  });
}

function section(name: string, from: string, to: string): DiffSection {
  return { section: name, changed: from !== to, lines: lineDiff(from, to) };
}

const details = (d: TemplateDefinition) =>
  `channel: ${d.channel}\nname: ${d.name}\ndescription: ${d.description}\n`;

/** Slots keep their order (it is the order the editor and the prompt show them in). */
const slots = (d: TemplateDefinition) => `${d.slots.map((slot) => canonicalJson(slot)).join("\n")}\n`;

export function diffTemplateVersions(from: TemplateDefinition, to: TemplateDefinition): DiffSection[] {
  const body = (d: TemplateDefinition, part: "html" | "text") =>
    (d.body as Partial<Record<string, string>>)[part];
  const parts = (["html", "text"] as const).filter(
    (part) => body(from, part) !== undefined || body(to, part) !== undefined,
  );
  return [
    section("details", details(from), details(to)),
    section("slots", slots(from), slots(to)),
    ...parts.map((part) => section(`body.${part}`, body(from, part) ?? "", body(to, part) ?? "")),
  ];
}
