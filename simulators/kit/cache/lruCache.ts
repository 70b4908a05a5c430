/**
 * A least-recently-used cache on a Map (whose iteration order is insertion order): reading an
 * entry moves it to the young end, adding one past the capacity drops the oldest. It is how the
 * simulators keep a bounded working set in memory with the full history elsewhere (SQLite).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** @param capacity most entries kept (at least 1). */
  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`an LRU cache needs a whole capacity of at least 1, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The entry without changing its age. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Adds or replaces the entry as the most recently used; drops the oldest past the capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
