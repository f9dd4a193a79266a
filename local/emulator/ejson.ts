/**
 * Extended JSON (canonical mode) as spoken by @cloudbase/database: requests carry documents,
 * queries and updates as EJSON strings; replies carry documents as EJSON strings.
 *
 * In memory, values are plain JS: numbers, strings, booleans, null, arrays, plain objects,
 * Date, RegExp and ObjectId (below). `$tcb_server_date` (db.serverDate()) is resolved to a
 * Date at decode time, so the server's clock is what gets stored.
 */

/** A MongoDB ObjectId kept as its hex string, so that it round-trips as `{"$oid": …}`. */
export class ObjectId {
  constructor(readonly hex: string) {}
  toString(): string {
    return this.hex;
  }
}

export type Value = null | undefined | boolean | number | string | Date | RegExp | ObjectId | Value[] | { [key: string]: Value };

export type Doc = { [key: string]: Value };

export class EjsonError extends Error {}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function parseDouble(s: unknown): number {
  if (typeof s !== 'string') throw new EjsonError('$numberDouble must be a string');
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  if (s === 'NaN') return NaN;
  const n = Number(s);
  if (Number.isNaN(n)) throw new EjsonError(`bad $numberDouble ${s}`);
  return n;
}

function parseIntString(s: unknown, what: string): number {
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new EjsonError(`bad ${what} ${String(s)}`);
  return Number(s);
}

function decodeDate(v: unknown): Date {
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string') {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new EjsonError(`bad $date ${v}`);
    return d;
  }
  if (isPlainObject(v) && '$numberLong' in v) return new Date(parseIntString(v.$numberLong, '$numberLong'));
  throw new EjsonError('bad $date');
}

/** Turns one parsed-JSON EJSON value into an in-memory value. `now` resolves server dates. */
export function decodeValue(v: unknown, now: () => number = Date.now): Value {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, now));
  if (!isPlainObject(v)) throw new EjsonError(`unsupported value of type ${typeof v}`);
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const k = keys[0];
    const inner = v[k];
    switch (k) {
      case '$numberInt':
        return parseIntString(inner, k);
      case '$numberLong':
        return parseIntString(inner, k);
      case '$numberDouble':
        return parseDouble(inner);
      case '$numberDecimal':
        return parseDouble(inner);
      case '$date':
        return decodeDate(inner);
      case '$oid':
        if (typeof inner !== 'string') throw new EjsonError('bad $oid');
        return new ObjectId(inner);
      case '$regularExpression': {
        if (!isPlainObject(inner) || typeof inner.pattern !== 'string') throw new EjsonError('bad $regularExpression');
        const options = typeof inner.options === 'string' ? inner.options : '';
        try {
          return new RegExp(inner.pattern, options.replace(/[^gimsuy]/g, ''));
        } catch (e) {
          throw new EjsonError(`bad regular expression: ${(e as Error).message}`);
        }
      }
      case '$tcb_server_date': {
        const spec = decodeValue(inner, now);
        const offset =
          spec && typeof spec === 'object' && !Array.isArray(spec) && typeof (spec as Doc).offset === 'number' ? ((spec as Doc).offset as number) : 0;
        return new Date(now() + offset);
      }
      case '$undefined':
        return undefined;
      default:
        break;
    }
  }
  const out: { [key: string]: Value } = {};
  for (const k of keys) {
    const d = decodeValue(v[k], now);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/**
 * Like decodeValue, but reuses the parsed objects and arrays instead of copying them: for
 * loading millions of stored documents, where a second copy of each costs time and memory.
 * Only for trusted input parsed from JSON (no server dates are expected there).
 */
export function decodeInPlace(v: unknown): Value {
  if (v === null || typeof v !== 'object') return v as Value;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') v[i] = decodeInPlace(x);
    }
    return v as Value[];
  }
  const o = v as Record<string, unknown>;
  let first: string | undefined;
  let count = 0;
  for (const k in o) {
    if (count++ === 0) first = k;
    else break;
  }
  if (count === 1 && first !== undefined && first.charCodeAt(0) === 36 /* $ */) return decodeValue(o);
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') o[k] = decodeInPlace(x);
  }
  return o as Doc;
}

/** Parses an EJSON string. Throws EjsonError on malformed input. */
export function parse(text: string, now?: () => number): Value {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new EjsonError(`invalid EJSON: ${(e as Error).message}`);
  }
  return decodeValue(raw, now);
}

/** Parses an EJSON string that must hold an object. */
export function parseObject(text: string, now?: () => number): Doc {
  const v = parse(text, now);
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp || v instanceof ObjectId) {
    throw new EjsonError('expected an EJSON object');
  }
  return v;
}

function encodeNumber(n: number): unknown {
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    if (n >= INT32_MIN && n <= INT32_MAX) return { $numberInt: String(n) };
    if (Number.isSafeInteger(n)) return { $numberLong: String(n) };
  }
  if (Number.isNaN(n)) return { $numberDouble: 'NaN' };
  if (n === Infinity) return { $numberDouble: 'Infinity' };
  if (n === -Infinity) return { $numberDouble: '-Infinity' };
  if (Object.is(n, -0)) return { $numberDouble: '-0.0' };
  return { $numberDouble: String(n) };
}

/**
 * In-memory value → JSON-ready EJSON structure: canonical (the wire format), or, for the
 * journal and snapshot, compact (finite numbers as plain JSON numbers, dates as
 * `{"$date": ms}`), which decodes with fewer allocations. Both decode with decodeValue.
 */
export function encodeValue(v: unknown, compact = false): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return compact && Number.isFinite(v) && !Object.is(v, -0) ? v : encodeNumber(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return compact ? { $date: v.getTime() } : { $date: { $numberLong: String(v.getTime()) } };
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags.split('').sort().join('') } };
  if (v instanceof ObjectId) return { $oid: v.hex };
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, compact));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x !== undefined) out[k] = encodeValue(x, compact);
    }
    return out;
  }
  return null;
}

/** Compact encoding for the journal and snapshot (see encodeValue). */
export const encodeStored = (v: unknown): unknown => encodeValue(v, true);

/** Serialises an in-memory value as a canonical EJSON string. */
export function stringify(v: unknown): string {
  return JSON.stringify(encodeValue(v));
}

/** Deep copy that keeps Date/RegExp/ObjectId (documents are immutable once stored). */
export function clone<T extends Value>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp || v instanceof ObjectId) return v;
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  const out: { [key: string]: Value } = {};
  for (const [k, x] of Object.entries(v)) out[k] = clone(x);
  return out as T;
}
