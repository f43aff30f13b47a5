/** Approximate token count (words and punctuation marks); close enough for usage figures. */
export function countTokens(text: string): number {
  return text.match(/[A-Za-z0-9]+|[^\sA-Za-z0-9]/g)?.length ?? 0;
}
