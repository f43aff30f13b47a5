/**
 * Compiles a kit's term lists once per kit object, not once per request: the kit version is
 * immutable, so its arrays are stable keys.
 */
import { type CompiledTerm, compileTerms } from "./match-terms";

const cache = new WeakMap<readonly unknown[], CompiledTerm[]>();

export function compiledTerms<T>(list: readonly T[], termOf: (item: T) => string): CompiledTerm[] {
  let compiled = cache.get(list);
  if (!compiled) {
    compiled = compileTerms(list.map(termOf));
    cache.set(list, compiled);
  }
  return compiled;
}
