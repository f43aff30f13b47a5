/**
 * Reads a template's source as Handlebars parses it and refuses, with a line and column,
 * anything the engine's guarantees depend on: every variable is a declared slot or a
 * locked field, output is always escaped, and only the vetted helpers run. Doing this when
 * a version is saved means a broken template never reaches publishing or a render.
 */
import { handlebars } from "@/lib/templates/engine/handlebars-env";
import { BLOCK_HELPERS, HELPER_PARAMS, isHelperName } from "@/lib/templates/engine/helpers";
import { LOCKED_SHAPES, type Shape } from "@/lib/templates/engine/render-context";
import { errorAt, toSourceError, type SourceError } from "@/lib/templates/engine/source-error";
import type { Slot } from "@/lib/templates/definition";

export interface SourceCheck {
  errors: SourceError[];
  /** Root-relative paths the source reads, e.g. `headline`, `brand.logoUrl`, `kit.disclaimers`. */
  used: Set<string>;
}

type Value = Shape | { kind: "number" } | { kind: "any" };

interface Scope {
  shape: Shape;
  /** Root-relative path of this scope's object; null inside `#each`, whose items have none. */
  path: string | null;
  inEach: boolean;
}

export function slotShape(slot: Slot): Shape {
  return slot.type === "list" ? { kind: "list", item: { kind: "text" } } : { kind: "text" };
}

function describe(value: Value, name: string): string {
  if (value.kind === "list")
    return `${name} is a list: use {{join ${name} ", "}} or {{#each ${name}}}…{{/each}}`;
  if (value.kind === "object") return `${name} is a group of fields: name one, e.g. {{${name}.name}}`;
  return `${name} cannot be used here`;
}

class Checker {
  readonly errors: SourceError[] = [];
  readonly used = new Set<string>();

  fail(node: hbs.AST.Node, message: string): undefined {
    this.errors.push(errorAt(node, message));
    return undefined;
  }

  program(program: hbs.AST.Program | undefined, scopes: Scope[]): void {
    for (const statement of program?.body ?? []) this.statement(statement, scopes);
  }

  statement(node: hbs.AST.Statement, scopes: Scope[]): void {
    switch (node.type) {
      case "ContentStatement":
      case "CommentStatement":
        return;
      case "MustacheStatement":
        return this.mustache(node as hbs.AST.MustacheStatement, scopes);
      case "BlockStatement":
        return this.block(node as hbs.AST.BlockStatement, scopes);
      case "PartialStatement":
      case "PartialBlockStatement":
        return void this.fail(
          node,
          "Partials ({{> name}}) are not supported: a template is one self-contained file",
        );
      default:
        return void this.fail(node, `Decorators and ${node.type} are not supported`);
    }
  }

  mustache(node: hbs.AST.MustacheStatement, scopes: Scope[]): void {
    if (!node.escaped) {
      this.fail(
        node,
        "Triple-stash {{{…}}} and {{&…}} insert unescaped markup; use {{…}} so the value is escaped",
      );
      return;
    }
    if (node.path.type !== "PathExpression")
      return void this.fail(node, "Expected a variable or a helper here");
    const path = node.path as hbs.AST.PathExpression;
    const name = path.original;
    if (this.isHelperCall(path)) return void this.helperCall(node, scopes);
    if (BLOCK_HELPERS.has(name) && !path.data) {
      return void this.fail(node, `${name} is a block helper: write {{#${name} …}}…{{/${name}}}`);
    }
    if (node.params.length > 0 || node.hash?.pairs.length) {
      const root = scopes[0]!.shape;
      const isVariable = root.kind === "object" && Object.hasOwn(root.fields, path.parts[0] ?? "");
      return void this.fail(
        node,
        isVariable ? `${name} is a variable, not a helper: write {{${name}}}` : `Unknown helper "${name}"`,
      );
    }
    const value = this.resolve(path, scopes);
    if (value && (value.kind === "list" || value.kind === "object")) this.fail(node, describe(value, name));
  }

  block(node: hbs.AST.BlockStatement, scopes: Scope[]): void {
    const name = node.path.original;
    if (node.type !== "BlockStatement" || !BLOCK_HELPERS.has(name) || node.path.data || node.path.depth > 0) {
      return void this.fail(node, `Unknown block "#${name}": use #if, #unless, #each, #with or #ifEquals`);
    }
    if (node.program?.blockParams?.length) {
      return void this.fail(
        node,
        "Block parameters (as |item|) are not supported; use {{this}} inside #each",
      );
    }
    if (node.hash?.pairs.length) return void this.fail(node, `#${name} takes no named arguments`);
    const expected = name === "ifEquals" ? 2 : 1;
    if (node.params.length !== expected) {
      return void this.fail(node, `#${name} takes ${expected === 1 ? "one value" : "two values"}`);
    }
    const values = node.params.map((param) => this.expression(param, scopes));
    const [first] = values;
    let inner = scopes;
    if (name === "each" || name === "with") {
      const param = node.params[0]!;
      const want = name === "each" ? "list" : "object";
      if (first && first.kind !== want) {
        return void this.fail(
          node,
          `#${name} needs a ${want === "list" ? "list" : "group of fields such as brand"}`,
        );
      }
      if (!first) return;
      const path =
        param.type === "PathExpression" ? this.rootPath(param as hbs.AST.PathExpression, scopes) : null;
      inner = [
        ...scopes,
        first.kind === "list"
          ? { shape: first.item, path: null, inEach: true }
          : { shape: first as Shape, path, inEach: false },
      ];
    }
    this.program(node.program, inner);
    this.program(node.inverse, scopes);
  }

  isHelperCall(path: hbs.AST.PathExpression): boolean {
    return (
      !path.data &&
      path.depth === 0 &&
      path.parts.length === 1 &&
      path.original === path.parts[0] &&
      isHelperName(path.original)
    );
  }

  helperCall(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, scopes: Scope[]): Value | undefined {
    const name = (node.path as hbs.AST.PathExpression).original;
    if (!isHelperName(name) || name === "ifEquals") {
      return this.fail(node, name === "ifEquals" ? "ifEquals is a block helper" : `Unknown helper "${name}"`);
    }
    const wants = HELPER_PARAMS[name];
    if (node.hash?.pairs.length) return this.fail(node, `${name} takes no named arguments`);
    if (node.params.length !== wants.length) {
      return this.fail(node, `${name} takes ${wants.length} value${wants.length === 1 ? "" : "s"}`);
    }
    const limit = name === "truncate" ? node.params[1] : undefined;
    if (limit?.type === "NumberLiteral") {
      const n = (limit as hbs.AST.NumberLiteral).value;
      if (!Number.isInteger(n) || n < 1)
        return this.fail(limit, "truncate needs a whole number of characters, 1 or more");
    }
    node.params.forEach((param, i) => {
      const value = this.expression(param, scopes);
      const want = wants[i];
      if (!value || want === "any" || value.kind === "any" || value.kind === want) return;
      this.fail(
        param,
        `${name} expects ${want === "number" ? "a number" : want === "list" ? "a list" : "text"} here`,
      );
    });
    return { kind: "text" };
  }

  expression(node: hbs.AST.Expression, scopes: Scope[]): Value | undefined {
    switch (node.type) {
      case "PathExpression":
        return this.resolve(node as hbs.AST.PathExpression, scopes);
      case "SubExpression":
        return this.helperCall(node as hbs.AST.SubExpression, scopes);
      case "StringLiteral":
        return { kind: "text" };
      case "NumberLiteral":
        return { kind: "number" };
      default:
        return { kind: "any" };
    }
  }

  rootPath(path: hbs.AST.PathExpression, scopes: Scope[]): string | null {
    const base = path.data ? "" : scopes[scopes.length - 1 - path.depth]?.path;
    if (base === null || base === undefined) return null;
    const parts = path.data ? path.parts.slice(1) : path.parts;
    return [base, ...parts].filter(Boolean).join(".");
  }

  resolve(path: hbs.AST.PathExpression, scopes: Scope[]): Value | undefined {
    let scope: Scope | undefined;
    let parts = path.parts;
    if (path.data) {
      const [head, ...rest] = parts;
      if (head === "index" || head === "first" || head === "last") {
        if (rest.length > 0 || !scopes.some((s) => s.inEach))
          return this.fail(path, `@${head} only exists inside #each`);
        return { kind: head === "index" ? "number" : "any" };
      }
      if (head !== "root") return this.fail(path, `Unknown data variable "@${head}"`);
      scope = scopes[0];
      parts = rest;
    } else {
      scope = scopes[scopes.length - 1 - path.depth];
      if (!scope) return this.fail(path, `"${path.original}" climbs above the top of the template`);
    }
    let shape: Shape = scope!.shape;
    for (const [i, part] of parts.entries()) {
      const fields: Readonly<Record<string, Shape>> | undefined =
        shape.kind === "object" ? shape.fields : undefined;
      if (!fields || !Object.hasOwn(fields, part)) {
        const where = i === 0 && scope!.inEach ? " (inside #each the item is {{this}})" : "";
        return this.fail(
          path,
          i === 0 && scope === scopes[0]
            ? `"${part}" is not a declared slot or a locked field (brand.name, brand.logoUrl, kit.disclaimers)`
            : `"${path.original}" does not exist${where}`,
        );
      }
      shape = fields[part]!;
    }
    const root = this.rootPath(path, scopes);
    if (root) this.used.add(root);
    return shape;
  }
}

export function checkTemplateSource(source: string, slots: readonly Slot[]): SourceCheck {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (err) {
    return { errors: [toSourceError(err)], used: new Set() };
  }
  const root: Shape = {
    kind: "object",
    fields: { ...Object.fromEntries(slots.map((slot) => [slot.name, slotShape(slot)])), ...LOCKED_SHAPES },
  };
  const checker = new Checker();
  checker.program(program, [{ shape: root, path: "", inEach: false }]);
  return { errors: checker.errors, used: checker.used };
}
