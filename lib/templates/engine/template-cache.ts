/**
 * Compiled templates by content hash. A version's content never changes, so an entry is
 * never stale; the bound only stops a long-running process that has seen many versions
 * (every editor preview is one) from growing without limit. Least recently used goes first.
 */
const MAX_ENTRIES = 500;

export class TemplateCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max = MAX_ENTRIES) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
