import fc from 'fast-check';
import { Query } from 'mingo';
import type { Doc } from './ejson';
import { compileSimple } from './simple-match';

const FIELDS = ['_id', 'count', 'open', 'day'] as const;
const scalar = fc.oneof(fc.constantFrom('a', 'b', ''), fc.integer({ min: -2, max: 3 }), fc.constantFrom(0.5, -0), fc.boolean());
/** Document values, including the kinds the fast path leaves to mingo. */
const value = fc.oneof(
  scalar,
  fc.constant(null),
  fc.constant(Number.NaN),
  fc.array(scalar, { maxLength: 3 }),
  fc.constant(new Date('2026-01-01T00:00:00Z')),
  fc.record({ x: scalar }),
);
const doc = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 });
const operator = fc.oneof(
  scalar,
  scalar.map((v) => ({ $eq: v })),
  scalar.map((v) => ({ $ne: v })),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((v) => ({ $in: v })),
  fc.tuple(fc.constantFrom('$lt', '$lte', '$gt', '$gte'), fc.integer({ min: -2, max: 3 })).map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.integer({ min: -2, max: 1 }), fc.integer({ min: 1, max: 4 })).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
  // Not simple: must be refused by the fast path.
  fc.constant({ $exists: true }),
  fc.constant({ $lt: 'b' }),
  fc.constant(null),
);
const query = fc.dictionary(fc.constantFrom(...FIELDS), operator, { minKeys: 1, maxKeys: 3 });

test('the fast path agrees with mingo wherever it answers', () => {
  let answered = 0;
  fc.assert(
    fc.property(query, fc.array(doc, { maxLength: 6 }), (q, docs) => {
      const simple = compileSimple(q as Doc);
      const mingo = new Query(q);
      for (const d of docs) {
        const verdict = simple?.(d as Doc);
        if (verdict === undefined) continue;
        answered++;
        expect({ q, d, verdict }).toEqual({ q, d, verdict: mingo.test(d) });
      }
    }),
    { numRuns: 3000 },
  );
  expect(answered).toBeGreaterThan(1000);
});

test('queries the vote path sends take the fast path', () => {
  const quota = compileSimple({ _id: 'c:o:2026-01-01', count: { $lt: 3 } });
  expect(quota?.({ _id: 'c:o:2026-01-01', count: 2 })).toBe(true);
  expect(quota?.({ _id: 'c:o:2026-01-01', count: 3 })).toBe(false);
  const shard = compileSimple({ _id: 'p:1', open: true });
  expect(shard?.({ _id: 'p:1', open: true, n: 4 })).toBe(true);
  expect(shard?.({ _id: 'p:1', n: 4 })).toBe(false);
});

test('operators, dotted paths and top-level $ keys are left to mingo', () => {
  expect(compileSimple({ $or: [{ a: 1 }] })).toBeUndefined();
  expect(compileSimple({ 'a.b': 1 })).toBeUndefined();
  expect(compileSimple({ a: { $regex: 'x' } })).toBeUndefined();
  expect(compileSimple({ a: { b: 1 } })).toBeUndefined();
  expect(compileSimple({})).toBeUndefined();
});
