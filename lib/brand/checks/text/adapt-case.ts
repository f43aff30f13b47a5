/**
 * Carries the capitalisation of replaced text over to its replacement, so fixing "Cheap"
 * gives "Affordable" at the start of a sentence and "CHEAP" gives "AFFORDABLE" in a headline.
 */
export function adaptCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return replacement.toUpperCase();
  }
  const first = letters[0];
  if (first !== undefined && first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}
