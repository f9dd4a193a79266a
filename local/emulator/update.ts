/**
 * Update semantics of `database.modifyDocument`: `merge: true` applies Mongo update
 * operators (plain fields are `$set`), `merge: false` replaces the document (doc().set()).
 * Operators run through mingo on a copy; stored documents are never mutated.
 */
import crypto from 'crypto';
import { update as mingoUpdate } from 'mingo';
type AnyObject = Record<string, unknown>;
import { Doc, Value, clone } from './ejson';
import { dbFailed } from './errors';
import { Id, getPath } from './store';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

let idCounter = crypto.randomBytes(3).readUIntBE(0, 3);
const processRandom = crypto.randomBytes(5).toString('hex');

/** A 32-hex id like the cloud's: time prefix (so ids sort roughly by creation) + randomness. */
export function newId(): string {
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  idCounter = (idCounter + 1) % 0xffffff;
  // Time + per-process random + counter is already unique; the tail only adds unpredictability.
  const tail = Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  return time + processRandom + idCounter.toString(16).padStart(6, '0') + tail;
}

function isPlain(v: Value): v is Doc {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

export interface Modifier {
  replace?: Doc;
  ops?: Record<string, Doc>;
}

/** Validates and normalises an update document. */
export function parseModifier(data: Doc, merge: boolean): Modifier {
  const keys = Object.keys(data);
  if (!merge) {
    if (keys.some((k) => k.startsWith('$'))) throw dbFailed('[InvalidParameter] replacement document must not contain update operators');
    const replace = { ...data };
    delete replace._id;
    return { replace };
  }
  const ops: Record<string, Doc> = {};
  for (const k of keys) {
    const v = data[k];
    if (k.startsWith('$')) {
      if (!OPERATORS.has(k)) throw dbFailed(`[InvalidParameter] unknown update operator ${k}`);
      if (!isPlain(v)) throw dbFailed(`[InvalidParameter] ${k} expects an object`);
      ops[k] = { ...(ops[k] ?? {}), ...v };
    } else {
      ops.$set = { ...(ops.$set ?? {}), [k]: v };
    }
  }
  for (const [op, fields] of Object.entries(ops)) {
    for (const f of Object.keys(fields)) {
      if (f === '_id' || f.startsWith('_id.')) throw dbFailed(`[InvalidParameter] ${op} cannot modify _id`);
      if (op === '$rename' && (fields[f] === '_id' || typeof fields[f] !== 'string')) {
        throw dbFailed(`[InvalidParameter] $rename target of ${f} must be a field name other than _id`);
      }
    }
  }
  return { ops };
}

/** Mongo refuses arithmetic on non-numbers; mingo silently skips it, so check first. */
function checkArithmetic(doc: Doc, ops: Record<string, Doc>): void {
  for (const op of ['$inc', '$mul'] as const) {
    const fields = ops[op];
    if (!fields) continue;
    for (const [f, by] of Object.entries(fields)) {
      if (typeof by !== 'number') throw dbFailed(`[InvalidParameter] ${op} of ${f} needs a number`);
      const cur = getPath(doc, f);
      if (cur !== undefined && cur !== null && typeof cur !== 'number') {
        throw dbFailed(
          `[FailedOperation] Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${f}' of non-numeric type ${typeof cur}`,
        );
      }
    }
  }
}

const isScalar = (v: Value): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The counters functions bump most (`$inc` of top-level numbers, `$set` of top-level scalars)
 * without building a mingo update context per request, which cost more than the rest of the
 * write. Anything else answers undefined and goes to mingo; a property test holds the two equal.
 */
export function simpleUpdate(doc: Doc, ops: Record<string, Doc>): Doc | undefined {
  const { $inc: inc = {}, $set: set = {}, ...others } = ops;
  if (Object.keys(others).length > 0) return undefined;
  const next: Doc = { ...doc };
  let changed = false;
  for (const [f, by] of Object.entries(inc)) {
    const cur = doc[f];
    if (f.includes('.') || Object.hasOwn(set, f) || typeof by !== 'number' || !Number.isFinite(by)) return undefined;
    if (cur !== undefined && (typeof cur !== 'number' || !Number.isFinite(cur))) return undefined;
    next[f] = (cur ?? 0) + by;
    changed ||= next[f] !== cur;
  }
  for (const [f, v] of Object.entries(set)) {
    if (f.includes('.') || !isScalar(v)) return undefined;
    const cur = doc[f];
    if (cur !== undefined && !isScalar(cur)) return undefined;
    // Equal values leave the stored one (0 stays 0 under a $set of -0), as mingo does.
    if (Object.hasOwn(doc, f) && cur === v) continue;
    next[f] = v;
    changed = true;
  }
  return changed ? next : doc;
}

/** Returns the updated copy of `doc` (same object if nothing changed). */
export function applyModifier(doc: Doc, mod: Modifier): Doc {
  if (mod.replace) return { _id: doc._id, ...clone(mod.replace) };
  const ops = mod.ops ?? {};
  checkArithmetic(doc, ops);
  const fast = simpleUpdate(doc, ops);
  if (fast) return fast;
  const copy = clone(doc);
  let changed: string[];
  try {
    changed = mingoUpdate(copy as AnyObject, clone(ops) as AnyObject);
  } catch (e) {
    throw dbFailed(`[FailedOperation] ${(e as Error).message}`);
  }
  return changed.length ? copy : doc;
}

/**
 * The document an upsert starts from: the query's top-level equality conditions (as MongoDB
 * does), plus `_id` (from the query or a new one).
 */
export function upsertBase(query: Doc): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    if (isPlain(v)) {
      const ks = Object.keys(v);
      if (ks.length === 1 && ks[0] === '$eq') base[k] = clone(v.$eq);
      else if (!ks.some((x) => x.startsWith('$'))) base[k] = clone(v);
    } else {
      base[k] = clone(v);
    }
  }
  if (base._id === undefined || base._id === null) base._id = newId();
  return base;
}

export function buildUpsert(query: Doc, mod: Modifier): Doc {
  const base = upsertBase(query);
  if (mod.replace) return { _id: base._id, ...clone(mod.replace) };
  const created = applyModifier(base, mod);
  return created === base ? clone(base) : created;
}

export function docId(doc: Doc): Id {
  const id = doc._id;
  if (typeof id === 'string' || typeof id === 'number') return id;
  throw dbFailed('[InvalidParameter] _id must be a string or a number');
}
