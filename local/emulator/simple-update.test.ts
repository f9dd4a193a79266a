import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import { clone, type Doc } from './ejson';
import { simpleUpdate } from './update';

const FIELDS = ['count', 'n', 'open', 'status'] as const;
const scalar = fc.oneof(fc.constantFrom('a', ''), fc.integer({ min: -2, max: 3 }), fc.constantFrom(0.5, -0), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.record({ x: scalar }), fc.constant(new Date('2026-01-01T00:00:00Z')));
const doc = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }).map((d) => ({ _id: 'x', ...d }));
const inc = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(0.25)), { minKeys: 1, maxKeys: 2 });
const set = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 2 });
const ops = fc.oneof(
  inc.map(($inc) => ({ $inc })),
  set.map(($set) => ({ $set })),
  fc.record({ $inc: inc, $set: set }),
  // Left to mingo: other operators, dotted paths.
  fc.record({ $inc: inc, $unset: fc.constant({ status: '' }) }),
  fc.constant({ $inc: { 'a.b': 1 } }),
);

/** What mingo makes of it: the new document and whether anything changed. */
function viaMingo(d: Doc, o: Record<string, Doc>): { doc: Doc; changed: boolean } {
  const copy = clone(d);
  const changed = mingoUpdate(copy as Record<string, unknown>, clone(o) as Record<string, unknown>);
  return { doc: copy, changed: changed.length > 0 };
}

test('the fast update agrees with mingo wherever it answers', () => {
  let answered = 0;
  fc.assert(
    fc.property(doc, ops, (d, o) => {
      const before = clone(d as Doc);
      const fast = simpleUpdate(d as Doc, o as Record<string, Doc>);
      expect(d).toEqual(before); // never mutates the stored document
      if (!fast) return;
      answered++;
      const m = viaMingo(d as Doc, o as Record<string, Doc>);
      // applyModifier keeps the stored document when mingo reports no change.
      expect({ o, d, doc: fast, changed: fast !== d }).toEqual({ o, d, doc: m.changed ? m.doc : d, changed: m.changed });
    }),
    { numRuns: 3000 },
  );
  expect(answered).toBeGreaterThan(200);
});

test('a vote counter bump takes the fast path', () => {
  const d = { _id: 's1', n: 4, open: true };
  expect(simpleUpdate(d, { $inc: { n: 1 } })).toEqual({ _id: 's1', n: 5, open: true });
  expect(simpleUpdate(d, { $push: { a: 1 } })).toBeUndefined();
});

test('a $set of -0 over a stored 0 keeps the 0, as mingo does (found by the property above)', () => {
  const d = { _id: 'x', count: 0 } as Doc;
  const fast = simpleUpdate(d, { $inc: { open: 0 }, $set: { count: -0 } } as unknown as Record<string, Doc>);
  expect(Object.is(fast?.count, 0)).toBe(true);
});
