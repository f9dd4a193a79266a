/**
 * A fast path for the queries functions send most (`{ _id: 'x', count: { $lt: 3 } }`,
 * `{ _id: 'y', open: true }`): top-level fields compared with scalars. Building a mingo Query
 * for each such request cost more than the rest of the request. The fast test answers only
 * where the answer is plain (the document's value is a string, number, boolean or missing);
 * for anything else it answers `undefined` and the caller asks mingo, so results never differ.
 */
import type { Doc, Value } from './ejson';

type Scalar = string | number | boolean;
/** true/false, or undefined when mingo must decide (arrays, dates, objects, null…). */
export type SimpleTest = (doc: Doc) => boolean | undefined;
type FieldTest = (v: Value | undefined) => boolean | undefined;

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The document's value when the fast path can judge it: a scalar, or missing. */
function plain(v: Value | undefined): Scalar | null | undefined {
  if (v === undefined) return null;
  return isScalar(v) ? v : undefined;
}

function equals(want: Scalar): FieldTest {
  return (v) => {
    const have = plain(v);
    return have === undefined ? undefined : have === want;
  };
}

/** Numeric comparisons only: other types follow Mongo's type-bracket rules, left to mingo. */
function compares(op: string, want: number): FieldTest | undefined {
  const cmp: Record<string, (a: number) => boolean> = {
    $lt: (a) => a < want,
    $lte: (a) => a <= want,
    $gt: (a) => a > want,
    $gte: (a) => a >= want,
  };
  const test = cmp[op];
  if (!test) return undefined;
  return (v) => {
    if (v === undefined) return false;
    return typeof v === 'number' && !Number.isNaN(v) ? test(v) : undefined;
  };
}

function operatorTest(op: string, arg: unknown): FieldTest | undefined {
  if (op === '$eq') return isScalar(arg) ? equals(arg) : undefined;
  if (op === '$ne' && isScalar(arg)) {
    const eq = equals(arg);
    return (v) => {
      const r = eq(v);
      return r === undefined ? undefined : !r;
    };
  }
  if (op === '$in' && Array.isArray(arg) && arg.length > 0 && arg.every(isScalar)) {
    const set = new Set<Scalar>(arg);
    return (v) => {
      const have = plain(v);
      return have === undefined ? undefined : have !== null && set.has(have);
    };
  }
  return typeof arg === 'number' && !Number.isNaN(arg) ? compares(op, arg) : undefined;
}

function fieldTest(cond: unknown): FieldTest | undefined {
  if (isScalar(cond)) return equals(cond);
  if (!isPlainObject(cond)) return undefined;
  const ops = Object.entries(cond);
  if (ops.length === 0 || ops.some(([op]) => !op.startsWith('$'))) return undefined;
  const tests: FieldTest[] = [];
  for (const [op, arg] of ops) {
    const t = operatorTest(op, arg);
    if (!t) return undefined;
    tests.push(t);
  }
  return (v) => {
    let all = true;
    for (const t of tests) {
      const r = t(v);
      if (r === undefined) return undefined;
      all &&= r;
    }
    return all;
  };
}

/** A fast test for `query`, or undefined when the query is not of the simple kind. */
export function compileSimple(query: Doc): SimpleTest | undefined {
  const fields: [string, FieldTest][] = [];
  for (const [field, cond] of Object.entries(query)) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    const t = fieldTest(cond);
    if (!t) return undefined;
    fields.push([field, t]);
  }
  if (fields.length === 0) return undefined;
  return (doc) => {
    let all = true;
    for (const [field, t] of fields) {
      const r = t(Object.prototype.hasOwnProperty.call(doc, field) ? doc[field] : undefined);
      if (r === undefined) return undefined;
      all &&= r;
    }
    return all;
  };
}
