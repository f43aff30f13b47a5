/** A look's difference with the arms' unit counts it was computed from (absent on old rows). */
export interface LookWithUnits {
  units?: { candidate: number; stable: number };
}

/**
 * The looks worth drawing as "candidate − stable": from the first look at which both arms had
 * units on. Before that the difference compares an empty arm's 0 with the other's value, so a
 * candidate that has not served yet would show as −100 points.
 */
export function comparableLooks<T extends LookWithUnits>(looks: T[]): T[] {
  const first = looks.findIndex((l) => (l.units?.candidate ?? 0) > 0 && (l.units?.stable ?? 0) > 0);
  return first === -1 ? [] : looks.slice(first);
}
