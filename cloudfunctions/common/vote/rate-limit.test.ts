import { SlidingWindowLimiter } from './rate-limit';

describe('SlidingWindowLimiter', () => {
  it('allows max attempts per window per person, then refuses until the window slides', () => {
    const l = new SlidingWindowLimiter();
    const results = [0, 1, 2, 3].map((s) => l.allow('a', s * 1000, 3, 10_000));
    expect(results).toEqual([true, true, true, false]);
    expect(l.allow('b', 3000, 3, 10_000)).toBe(true);
    expect(l.allow('a', 10_001, 3, 10_000)).toBe(true);
  });
  it('forgets the oldest people beyond its size', () => {
    const l = new SlidingWindowLimiter(2);
    l.allow('a', 0, 1, 10_000);
    l.allow('b', 0, 1, 10_000);
    l.allow('c', 0, 1, 10_000);
    expect(l.allow('a', 1, 1, 10_000)).toBe(true);
    expect(l.allow('c', 1, 1, 10_000)).toBe(false);
  });
});
