/**
 * Small bounded caches kept in a function instance's memory between calls. They save database
 * round trips on the vote's hot path; none of them decides a refusal on its own.
 * Freshness is measured on the process's monotonic clock (how old the copy is), not on the
 * domain clock (which tests move with X-Now).
 */
export function monotonicMs(): number {
  return performance.now();
}

export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly maxSize: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.maxSize) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * A bounded cache whose entries expire `ttlMs` after they were set (monotonic clock): for facts
 * that rarely change (a person's roles, roster membership) where acting on a copy a few
 * seconds old is acceptable and documented where it is used.
 */
export class ExpiringMap<K, V> {
  private readonly entries: BoundedMap<K, { at: number; value: V }>;
  constructor(
    maxSize: number,
    private readonly ttlMs: number,
  ) {
    this.entries = new BoundedMap(maxSize);
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (monotonicMs() - hit.at < this.ttlMs) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    this.entries.set(key, { at: monotonicMs(), value });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
