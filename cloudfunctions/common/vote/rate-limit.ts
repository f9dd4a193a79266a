/**
 * Per-person attempt limiter (anti-刷票), a sliding window kept in the function instance's
 * memory: it costs no database round trip on the hot path. Each instance limits on its own,
 * so across N instances a person gets at most N× the allowance; the flags job sees the rest.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly maxKeys = 100_000) {}

  /** Records an attempt at `nowMs` and says whether it is within `max` per `windowMs`. */
  allow(key: string, nowMs: number, max: number, windowMs: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - windowMs && t <= nowMs + windowMs);
    if (recent.length >= max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.hits.delete(key);
    this.hits.set(key, recent);
    this.evictOldest();
    return true;
  }

  private evictOldest(): void {
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest === undefined) return;
      this.hits.delete(oldest);
    }
  }
}
