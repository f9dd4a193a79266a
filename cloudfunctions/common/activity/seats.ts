/** Seats and the waitlist as pure rules: where a sign-up goes, who a free seat lets in. */
import type { Counters } from './model';

/**
 * Where a new (or newly approved) sign-up goes: a seat while seats remain and nobody is
 * waiting — a free seat with people waiting belongs to the head of the waitlist.
 */
export function placeFor(c: Counters): 'confirmed' | 'waitlisted' {
  return c.confirmed < c.capacity && c.waitlisted === 0 ? 'confirmed' : 'waitlisted';
}

/** How many waiting people a free seat count lets in now. */
export function promotionsDue(c: Counters): number {
  return Math.max(0, Math.min(c.capacity - c.confirmed, c.waitlisted));
}

export function seatsLeft(c: Counters): number {
  return Math.max(0, c.capacity - c.confirmed);
}

/** 1-based waitlist places by arrival order: seq → position. */
export function waitlistPositions(seqs: number[]): Map<number, number> {
  const sorted = [...seqs].sort((a, b) => a - b);
  return new Map(sorted.map((seq, i) => [seq, i + 1]));
}
