/**
 * A cache of loaded artifact pieces (text chunks, position shards) bounded by
 * their size: the least recently used go first. Holds promises, so requests
 * arriving while a piece loads share one fetch.
 */
export class SizeBoundedCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; size: number; loaded?: V }>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value if it is loaded already (marked as used), else undefined: for code that cannot wait. */
  peek(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.loaded === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.loaded;
  }

  /** The cached value, or the loaded one; a failed load is not kept. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    const value = load();
    const fresh: { value: Promise<V>; size: number; loaded?: V } = { value, size: 0 };
    this.entries.set(key, fresh);
    value.then(
      (loaded) => {
        if (this.entries.get(key) !== fresh) return;
        fresh.loaded = loaded;
        fresh.size = this.sizeOf(loaded);
        this.total += fresh.size;
        this.evict(key);
      },
      () => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
      },
    );
    return value;
  }

  private evict(keep: K): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.budget) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.total -= entry.size;
    }
  }
}
