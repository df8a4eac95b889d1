/**
 * A small in-process least-recently-used cache. Only for values under immutable keys (a frozen
 * snapshot's id, a published edition's version) or keys that carry their own freshness stamp:
 * each server instance holds its own copy, so nothing here may ever need invalidating.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("LruCache: capacity must be a positive integer");
  }

  get size() {
    return this.#entries.size;
  }

  has(key: K) {
    return this.#entries.has(key);
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V) {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
    return this;
  }

  clear() {
    this.#entries.clear();
  }
}
