/**
 * The in-memory document store: collections of immutable documents keyed by `_id`, optional
 * single-field equality indexes, and query execution with mingo.
 *
 * Documents are never mutated in place (updates build a new object), so a snapshot of the
 * store is a cheap copy of the id→document maps and readers never see half-applied writes.
 */
import { Aggregator, Query, find } from 'mingo';
type AnyObject = Record<string, unknown>;
import { Doc, ObjectId, Value } from './ejson';
import { dbFailed } from './errors';
import { compileSimple } from './simple-match';

export type Id = string | number;

/** One write: the new state of one document (`doc: null` = deleted). */
export interface Mutation {
  c: string;
  id: Id;
  doc: Doc | null;
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

type IndexKey = string | number | boolean;

/** Single-field equality index: value → ids. Arrays are indexed by element (multikey). */
class FieldIndex {
  private readonly map = new Map<IndexKey, Set<Id>>();
  private readonly dotted: boolean;

  constructor(readonly field: string) {
    this.dotted = field.includes('.');
  }

  private keys(doc: Doc): IndexKey[] {
    if (!this.dotted) {
      const v = doc[this.field];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [v];
    }
    const out: IndexKey[] = [];
    collectKeys(doc, this.field.split('.'), 0, out);
    return out;
  }

  add(id: Id, doc: Doc): void {
    for (const k of this.keys(doc)) {
      let s = this.map.get(k);
      if (!s) this.map.set(k, (s = new Set()));
      s.add(id);
    }
  }

  remove(id: Id, doc: Doc): void {
    for (const k of this.keys(doc)) {
      const s = this.map.get(k);
      if (!s) continue;
      s.delete(id);
      if (s.size === 0) this.map.delete(k);
    }
  }

  lookup(key: IndexKey): Set<Id> {
    return this.map.get(key) ?? new Set();
  }
}

/** Adaptive indexing (lenient mode only): collections this large, after this many full scans by one field. */
const AUTO_INDEX_MIN_DOCS = 20_000;
const AUTO_INDEX_AFTER_SCANS = 3;

/** A query that no index covers, on a collection larger than this, is reported (see Store.onUnindexedScan). */
export const UNINDEXED_SCAN_LIMIT = 1000;

export class Collection {
  readonly docs = new Map<Id, Doc>();
  readonly indexes = new Map<string, FieldIndex>();
  /** Full scans per field queried by equality (see Store.learnIndex). */
  readonly misses = new Map<string, number>();

  constructor(readonly name: string) {}

  put(id: Id, doc: Doc | null): Doc | undefined {
    const prev = this.docs.get(id);
    if (prev) for (const ix of this.indexes.values()) ix.remove(id, prev);
    if (doc) {
      this.docs.set(id, doc);
      for (const ix of this.indexes.values()) ix.add(id, doc);
    } else {
      this.docs.delete(id);
    }
    return prev;
  }

  ensureIndex(field: string): void {
    if (field === '_id' || this.indexes.has(field)) return;
    const ix = new FieldIndex(field);
    for (const [id, doc] of this.docs) ix.add(id, doc);
    this.indexes.set(field, ix);
  }
}

/**
 * Every scalar a path reaches, walking through arrays as MongoDB matching does
 * (`{'a.b': 1}` matches `{a: [{b: 1}]}`, `{tags: 'x'}` matches `{tags: ['x']}`).
 */
function collectKeys(v: Value, parts: string[], i: number, out: IndexKey[]): void {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    if (i === parts.length) out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) collectKeys(x, parts, i, out);
    return;
  }
  if (i === parts.length || v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp || v instanceof ObjectId) return;
  collectKeys(v[parts[i]], parts, i + 1, out);
}

/** Reads a dotted path (no array traversal; arrays are returned as they are). */
export function getPath(doc: Doc, path: string): Value {
  let cur: Value = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || cur instanceof Date || cur instanceof RegExp || cur instanceof ObjectId) {
      return undefined;
    }
    cur = Array.isArray(cur) ? (/^\d+$/.test(part) ? cur[Number(part)] : undefined) : cur[part];
  }
  return cur;
}

function isIdValue(v: Value): v is Id {
  return typeof v === 'string' || typeof v === 'number';
}

function isPlainObject(v: Value): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v instanceof ObjectId);
}

/** The equality value a query condition pins a field to, if it is a simple one. */
function equalityOf(cond: Value): IndexKey | undefined {
  if (typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean') return cond;
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 1 && keys[0] === '$eq') {
      const v = cond.$eq;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    }
  }
  return undefined;
}

export function compileQuery(query: Doc): Query {
  try {
    return new Query(query as AnyObject);
  } catch (e) {
    throw dbFailed(`[InvalidParameter] invalid query: ${(e as Error).message}`);
  }
}

function mingoFailure(e: unknown): never {
  throw dbFailed(`[FailedOperation] ${(e as Error).message}`);
}

export class Store {
  private readonly collections = new Map<string, Collection>();
  /** Documents examined by queries (benchmarks check that indexed lookups don't scan). */
  scanned = 0;
  /**
   * The cloud builds no index by itself: lenient mode only (an old data dir, a bench) learns
   * indexes from repeated scans.
   */
  autoIndex = false;
  /** Called when a query no declared index covers is about to scan a large collection. */
  onUnindexedScan?: (collection: string, query: Doc, size: number) => void;

  /** Runs `read` (synchronous) without the unindexed-scan check: test and tool reads, not the app's. */
  unchecked<T>(read: () => T): T {
    const hook = this.onUnindexedScan;
    this.onUnindexedScan = undefined;
    try {
      return read();
    } finally {
      this.onUnindexedScan = hook;
    }
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  /** Collections are created on first write (and by `create`). */
  collection(name: string): Collection {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new Collection(name)));
    return c;
  }

  drop(name: string): void {
    this.collections.delete(name);
  }

  get(name: string, id: Id): Doc | undefined {
    return this.collections.get(name)?.docs.get(id);
  }

  /** Applies a batch of writes (already validated). Returns the previous documents. */
  apply(mutations: readonly Mutation[]): (Doc | undefined)[] {
    return mutations.map((m) => this.collection(m.c).put(m.id, m.doc));
  }

  /**
   * Documents that may match `query`, using `_id` or an index when the query pins one by
   * equality (directly or inside `$and`), else every document. Callers still filter.
   */
  candidates(name: string, query: Doc): Iterable<Doc> {
    const c = this.collections.get(name);
    if (!c) return [];
    let ids = this.plan(c, query);
    if (!ids && this.autoIndex && this.learnIndex(c, query)) ids = this.plan(c, query);
    if (!ids && c.docs.size > UNINDEXED_SCAN_LIMIT && Object.keys(query).length > 0 && !isCovered(c, query)) {
      this.onUnindexedScan?.(name, query, c.docs.size);
    }
    if (!ids) return c.docs.values();
    return lookupAll(c, ids);
  }

  /**
   * Adaptive indexing: on a large collection, a field that keeps being queried by equality
   * without an index gets one (in memory; declared indexes are the persistent kind).
   * Returns true when an index was just built.
   */
  private learnIndex(c: Collection, query: Doc): boolean {
    if (c.docs.size < AUTO_INDEX_MIN_DOCS) return false;
    for (const [field, cond] of Object.entries(query)) {
      if (field.startsWith('$') || field === '_id' || field.includes('.') || equalityOf(cond) === undefined) continue;
      const n = (c.misses.get(field) ?? 0) + 1;
      c.misses.set(field, n);
      if (n >= AUTO_INDEX_AFTER_SCANS) {
        c.ensureIndex(field);
        return true;
      }
    }
    return false;
  }

  private plan(c: Collection, query: Doc): Iterable<Id> | undefined {
    const idCond = query._id;
    if (idCond !== undefined) {
      if (isIdValue(idCond)) return [idCond];
      if (isPlainObject(idCond)) {
        const keys = Object.keys(idCond);
        if (keys.length === 1 && keys[0] === '$eq' && isIdValue(idCond.$eq)) return [idCond.$eq];
        if (keys.length === 1 && keys[0] === '$in' && Array.isArray(idCond.$in) && idCond.$in.every(isIdValue)) {
          return idCond.$in as Id[];
        }
      }
    }
    for (const [field, ix] of c.indexes) {
      const eq = equalityOf(getPathCondition(query, field));
      if (eq !== undefined) return ix.lookup(eq);
    }
    if (Array.isArray(query.$and)) {
      for (const sub of query.$and) {
        if (isPlainObject(sub)) {
          const ids = this.plan(c, sub);
          if (ids) return ids;
        }
      }
    }
    return undefined;
  }

  *matching(name: string, query: Doc): Generator<Doc> {
    const isAll = Object.keys(query).length === 0;
    const simple = isAll ? undefined : compileSimple(query);
    // Compiled up front unless the fast path may answer alone (an invalid query fails early).
    let q = isAll || simple ? undefined : compileQuery(query);
    for (const d of this.candidates(name, query)) {
      this.scanned++;
      if (isAll) {
        yield d;
        continue;
      }
      const verdict = simple?.(d);
      if (verdict ?? (q ??= compileQuery(query)).test(d as AnyObject)) yield d;
    }
  }

  count(name: string, query: Doc): number {
    const c = this.collections.get(name);
    if (!c) return 0;
    const keys = Object.keys(query);
    if (keys.length === 0) return c.docs.size;
    if (keys.length === 1 && keys[0] !== '_id' && !keys[0].startsWith('$')) {
      const ix = c.indexes.get(keys[0]);
      const eq = equalityOf(query[keys[0]]);
      // The index holds exactly the ids whose field equals (or, for arrays, contains) the value.
      if (ix && eq !== undefined) return ix.lookup(eq).size;
    }
    let n = 0;
    for (const _ of this.matching(name, query)) n++;
    return n;
  }

  find(name: string, query: Doc, opts: FindOptions = {}): Doc[] {
    const offset = Math.max(0, opts.offset ?? 0);
    const limit = opts.limit ?? Infinity;
    const hasOrder = opts.order !== undefined && Object.keys(opts.order).length > 0;
    let page: Doc[] = [];
    if (!hasOrder) {
      // No sort: stop scanning as soon as the page is full.
      let seen = 0;
      for (const d of this.matching(name, query)) {
        if (seen++ < offset) continue;
        if (page.length >= limit) break;
        page.push(d);
      }
    } else {
      const all = [...this.matching(name, query)];
      try {
        let cur = find(all, {})
          .sort(opts.order as AnyObject)
          .skip(offset);
        if (Number.isFinite(limit)) cur = cur.limit(limit);
        page = cur.all() as Doc[];
      } catch (e) {
        mingoFailure(e);
      }
    }
    return opts.projection && Object.keys(opts.projection).length > 0 ? project(page, opts.projection) : page;
  }

  aggregate(name: string, pipeline: Doc[]): Doc[] {
    const first = pipeline[0];
    const match = first && isPlainObject(first.$match) ? first.$match : undefined;
    const source = match ? [...this.matching(name, match)] : [...this.candidates(name, {})];
    const rest = match ? pipeline.slice(1) : pipeline;
    try {
      const agg = new Aggregator(rest as AnyObject[], {
        collectionResolver: (coll: string) => [...this.candidates(coll, {})] as AnyObject[],
      });
      return agg.run(source as AnyObject[]) as Doc[];
    } catch (e) {
      return mingoFailure(e);
    }
  }

  ensureIndex(name: string, field: string): void {
    this.collection(name).ensureIndex(field);
  }

  indexedFields(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [name, c] of this.collections) if (c.indexes.size) out[name] = [...c.indexes.keys()];
    return out;
  }

  /** A consistent point-in-time copy of every collection (documents are shared, immutable). */
  freeze(): Array<[string, Array<Doc>]> {
    return [...this.collections].map(([name, c]) => [name, [...c.docs.values()]]);
  }
}

/**
 * Whether an index could serve the query as the cloud's database would: it pins `_id`, or a
 * field some index starts with (by equality, `$in` or a range), directly or inside `$and`, or
 * every branch of an `$or` is covered.
 */
function isCovered(c: Collection, query: Doc): boolean {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond) && cond.some((sub) => isPlainObject(sub) && isCovered(c, sub))) return true;
    if (field === '$or' && Array.isArray(cond) && cond.length > 0 && cond.every((sub) => isPlainObject(sub) && isCovered(c, sub))) return true;
    if (field.startsWith('$')) continue;
    if ((field === '_id' || c.indexes.has(field)) && isIndexableCondition(cond)) return true;
  }
  return false;
}

/** Equality, `$in` or a range: conditions an index on the field serves. `$exists: false`, `$ne` are not. */
function isIndexableCondition(cond: Value): boolean {
  if (!isPlainObject(cond)) return true;
  const ops = Object.keys(cond);
  return ops.length > 0 && ops.every((op) => ['$eq', '$in', '$gt', '$gte', '$lt', '$lte'].includes(op));
}

/** Lazily, so a page of 100 from a million-entry index stops after 100. */
function* lookupAll(c: Collection, ids: Iterable<Id>): Generator<Doc> {
  for (const id of ids) {
    const d = c.docs.get(id);
    if (d) yield d;
  }
}

/** The condition a query puts on `field` at top level (dotted names match as written). */
function getPathCondition(query: Doc, field: string): Value {
  return query[field];
}

export function project(docs: Doc[], projection: Doc): Doc[] {
  try {
    return find(docs as AnyObject[], {}, projection as AnyObject).all() as Doc[];
  } catch (e) {
    return mingoFailure(e);
  }
}
