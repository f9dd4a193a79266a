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
