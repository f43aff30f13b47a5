/**
 * A per-process cache of one kind of brand configuration (published kit, chat settings,
 * a model's route), valid for a brand state version (db/schema/brand-state-versions.ts).
 *
 * The caller passes the version it read with the request's key; an entry loaded at that
 * version or later serves it, an older one is loaded again. A load issued after reading
 * version V sees at least V's state, so tagging its result with V is safe (at worst a
 * later request loads once more). Without a version (a signed-in session, a job) nothing
 * is cached: the value is loaded as before.
 */
export interface VersionedCache<V> {
  get(brandId: string, key: string, version: number | undefined, load: () => Promise<V>): Promise<V>;
}

export function versionedCache<V>(maxEntries = 2_000): VersionedCache<V> {
  const entries = new Map<string, { version: number; value: Promise<V> }>();
  return {
    get(brandId, key, version, load) {
      if (version === undefined) return load();
      const id = `${brandId}\u0000${key}`;
      const hit = entries.get(id);
      if (hit && hit.version >= version) return hit.value;
      const value = load();
      // A failed load (database down, not found) must not stick.
      value.catch(() => {
        if (entries.get(id)?.value === value) entries.delete(id);
      });
      entries.delete(id);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(id, { version, value });
      return value;
    },
  };
}
