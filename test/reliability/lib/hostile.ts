/**
 * fast-check arbitraries for hostile request bodies: wrong types, huge and odd strings,
 * NoSQL operator and EJSON injection, prototype-pollution keys, spoofed identity fields.
 * Values are JSON (they travel over HTTP), built with own properties so that keys such as
 * `__proto__` survive JSON.stringify.
 */
import fc from 'fast-check';
import type { FieldSpec } from './api-surface';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Marker used only in spoofed identity fields: it must never reach the store. */
export const SPOOF = 'spoofed-identity-7f3a';

/** An object whose keys are own, enumerable properties (even `__proto__`). */
export function own(entries: [string, Json][]): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Instants outside 2000-01-01 .. 2100-01-01 (the year 275760 is the last Date can hold). */
export const FAR_INSTANTS = [
  '+275760-09-13T00:00:00.000Z',
  '275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '1970-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2100-01-01T00:00:00Z',
];

/** Control characters, bidi overrides and isolates, zero-width characters, a byte-order mark. */
export const INVISIBLE_TEXTS = [
  '\u0007',
  '\u0000',
  '\u001b[31m',
  '\u202e',
  '\u202d\u202c',
  '\u2066\u2069',
  '\u200e\u200f',
  '\u200b',
  '\u200c\u200d',
  '\u2060',
  '\ufeff',
  '\u061c',
  '\u0085',
];

const ODD_STRINGS = [
  ...FAR_INSTANTS,
  ...INVISIBLE_TEXTS,
  '',
  ' ',
  '\u0000',
  '\u202e\u202d',
  '\ud800',
  '😀'.repeat(300),
  '𠮷野家',
  'é'.normalize('NFD'),
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  "'; db.dropDatabase(); '",
  '$where',
  '$gt',
  'admin-1',
  '__proto__',
  'constructor',
  'NaN',
  '1e999',
  '2026-02-30T25:61:00+08:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  'x'.repeat(20_000),
];

const INJECTIONS: Json[] = [
  { $gt: '' },
  { $ne: null },
  { $ne: 'x' },
  { $regex: '.*' },
  { $where: 'return true' },
  { $exists: true },
  { $in: ['a', 'b'] },
  { $nin: [] },
  { $expr: { $eq: [1, 1] } },
  { $numberLong: '9223372036854775807' },
  { $date: { $numberLong: '0' } },
  { $oid: '000000000000000000000000' },
  { $inc: { votes: 1000 } },
  { $set: { status: 'published' } },
  { _id: { $gt: '' } },
];

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', '$gt', '$set', '$where', 'openid', '_openid', 'role', '_id', 'isAdmin'];

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...ODD_STRINGS),
  fc.integer(),
  fc.constantFrom(-1, 0, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
  // NaN and Infinity become null in JSON, as they would from a real client.
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...INJECTIONS),
);

/** Any hostile JSON value, nested a little. */
export const hostileValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 }).map(own),
  ),
})).value;

/** Identity fields a resident might add to look like someone else. */
export const spoofFields: fc.Arbitrary<[string, Json][]> = fc.subarray([
  ['openid', SPOOF],
  ['_openid', SPOOF],
  ['OPENID', SPOOF],
  ['role', 'admin'],
  ['roles', ['admin']],
  ['isAdmin', true],
  ['userInfo', { openId: SPOOF, appId: 'x' }],
] as [string, Json][]);

/** Real ids of the fuzz world, to reach past the "not found" checks. */
export interface KnownIds {
  [field: string]: string[];
}

function plausible(field: FieldSpec, known: KnownIds): fc.Arbitrary<Json> {
  if (field.literals) return fc.constantFrom(...field.literals);
  const ids = known[field.name];
  if (ids && ids.length) return fc.constantFrom(...ids);
  switch (field.kind) {
    case 'string':
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2026-03-05T10:00:00+08:00', '居民议事会', '13800138000'));
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double());
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(hostileValue, { maxLength: 3 });
    default:
      return hostileValue;
  }
}

/** Known objects that match a field's shape well enough to pass outer validation. */
const SHAPED: Record<string, fc.Arbitrary<Json>> = {
  form: fc.record({ name: fc.oneof(fc.constant('张三'), hostileValue), phone: fc.oneof(fc.constant('13800138000'), hostileValue) }),
  forOther: fc.record({ name: fc.oneof(fc.constant('李四'), hostileValue), phone: fc.oneof(fc.constant('13900139000'), hostileValue) }),
  voting: fc.record({ startsAt: hostileValue, endsAt: hostileValue, perProjectPerDay: hostileValue }),
  location: fc.record({ name: hostileValue, latitude: hostileValue, longitude: hostileValue }),
  results: fc
    .dictionary(fc.constantFrom('signupConfirmed', 'promoted', '__proto__', 'x'), fc.constantFrom('accept', 'reject', 'ban', 'x'))
    .map((d) => own(Object.entries(d))),
};

/** A request body for one action: its fields, each missing, plausible or hostile, plus extras and spoofs. */
export function actionBody(action: string, fields: FieldSpec[], known: KnownIds): fc.Arbitrary<Json> {
  const perField = fields.map((f) =>
    fc
      .oneof(
        { weight: 2, arbitrary: plausible(f, known).map((v) => ({ v })) },
        { weight: 2, arbitrary: hostileValue.map((v) => ({ v })) },
        { weight: 1, arbitrary: (SHAPED[f.name] ?? plausible(f, known)).map((v) => ({ v })) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((picked): [string, Json] | undefined => (picked === undefined ? undefined : [f.name, picked.v])),
  );
  const extras = fc.array(fc.tuple(fc.constantFrom(...POLLUTING_KEYS), hostileValue), { maxLength: 2 });
  const actionValue: fc.Arbitrary<Json> = fc.oneof({ weight: 12, arbitrary: fc.constant(action) }, { weight: 1, arbitrary: hostileValue });
  return fc
    .tuple(actionValue, fc.tuple(...perField), extras, spoofFields)
    .map(([a, fs, ex, sp]) => own([['action', a], ...fs.filter((e): e is [string, Json] => e !== undefined), ...ex, ...sp]));
}

/** Bodies that are not even an object. */
export const nonObjectBody: fc.Arbitrary<Json> = fc.oneof(fc.array(hostileValue, { maxLength: 3 }), leaf);
