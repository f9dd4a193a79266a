/**
 * The `database.*` actions of the CloudBase API, in the request/reply shapes that
 * @cloudbase/database 1.4 sends and reads.
 *
 * Strict (the default), like the cloud: a collection exists only once created
 * (`database.addCollection`, the setup step); reads and writes on any other, in a transaction
 * or not, fail with DATABASE_COLLECTION_NOT_EXIST (wx-server-sdk errCode -502005). Lenient
 * (opt-in, for old data dirs): reads of a missing collection are empty, writes create it.
 */
import { Doc, EjsonError, Value, decodeValue, parse, parseObject, stringify } from './ejson';
import { Engine } from './engine';
import { EmulatorError, collectionNotExist, dbFailed, duplicateKey, invalidAction, invalidParam } from './errors';
import { Transactions, docKey } from './transactions';
import { Id, Mutation } from './store';
import { Modifier, applyModifier, buildUpsert, docId, newId, parseModifier } from './update';

export type Body = Record<string, unknown>;

export interface DbResult {
  data: Record<string, unknown>;
  /** Extra top-level reply fields (startTransaction's transactionId). */
  top?: Record<string, unknown>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const AGGREGATE_DEFAULT_LIMIT = 20;

function ejsonField(body: Body, name: string, now: () => number): Value {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  try {
    return typeof v === 'string' ? parse(v, now) : decodeValue(v, now);
  } catch (e) {
    if (e instanceof EjsonError) throw dbFailed(`[InvalidParameter] ${name}: ${e.message}`);
    throw e;
  }
}

function objectField(body: Body, name: string, now: () => number): Doc {
  const v = ejsonField(body, name, now);
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) {
    throw dbFailed(`[InvalidParameter] ${name} must be an object`);
  }
  return v as Doc;
}

function nameOf(body: Body): string {
  const c = body.collectionName;
  if (typeof c !== 'string' || c === '') throw invalidParam('collectionName is required');
  return c;
}

function txId(body: Body): string | undefined {
  const t = body.transactionId;
  return typeof t === 'string' && t !== '' ? t : undefined;
}

function intField(body: Body, name: string): number | undefined {
  const v = body[name];
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** `order` arrives as `{field: 1|-1}` (current SDK) or `[{field, direction}]` (older). */
function orderField(body: Body, now: () => number): Record<string, 1 | -1> | undefined {
  const v = ejsonField(body, 'order', now);
  if (v === undefined) return undefined;
  const out: Record<string, 1 | -1> = {};
  const add = (field: unknown, dir: unknown): void => {
    if (typeof field !== 'string') throw dbFailed('[InvalidParameter] bad order field');
    out[field] = dir === -1 || dir === 'desc' ? -1 : 1;
  };
  if (Array.isArray(v)) {
    for (const o of v) {
      const rec = o as Record<string, unknown>;
      add(rec.field ?? rec.key, rec.direction);
    }
  } else if (v && typeof v === 'object') {
    for (const [k, d] of Object.entries(v as Doc)) add(k, d);
  }
  return out;
}

/** The `_id` a single-document (or transactional) request is about. */
function singleId(query: Doc, what: string): Id {
  const id = query._id;
  if (typeof id === 'string' || typeof id === 'number') return id;
  throw dbFailed(`[InvalidParameter] ${what} in a transaction only supports single documents by _id`);
}

export class DatabaseActions {
  /**
   * The clock that resolves db.serverDate() for the request being parsed. Set at the start of
   * handle(); every handler parses its EJSON before its first await, so it is never stale.
   */
  private now: () => number = Date.now;

  constructor(
    private readonly engine: Engine,
    private readonly txs: Transactions,
    private readonly strict = true,
  ) {}

  /** The request's collection, which must exist (strict mode). */
  private collectionOf(body: Body): string {
    const c = nameOf(body);
    if (this.strict && !this.store.has(c)) throw collectionNotExist(c);
    return c;
  }

  private get store() {
    return this.engine.store;
  }

  async handle(action: string, body: Body, now: () => number = Date.now): Promise<DbResult> {
    this.now = now;
    switch (action) {
      case 'database.insertDocument':
        return this.insert(body);
      case 'database.getDocument':
      case 'database.getInTransaction':
        return { data: this.get(body) };
      case 'database.calculateDocument':
        return { data: { total: this.store.count(this.collectionOf(body), objectField(body, 'query', this.now)) } };
      case 'database.modifyDocument':
      case 'database.updateDocInTransaction':
        return this.modify(body);
      case 'database.removeDocument':
      case 'database.deleteDocInTransaction':
        return this.remove(body);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(body);
      case 'database.aggregateDocuments':
        return { data: { list: this.aggregate(body).map(stringify) } };
      case 'database.addCollection':
        this.engine.createCollection(nameOf(body));
        return { data: {} };
      case 'database.startTransaction': {
        const transactionId = this.txs.start();
        return { data: { transactionId }, top: { transactionId } };
      }
      case 'database.commitTransaction':
        this.txs.commit(this.requireTx(body));
        return { data: {} };
      case 'database.abortTransaction':
        this.txs.abort(this.requireTx(body));
        return { data: {} };
      default:
        throw invalidAction(action);
    }
  }

  private requireTx(body: Body): string {
    const t = txId(body);
    if (!t) throw invalidParam('transactionId is required');
    return t;
  }

  private get(body: Body): Record<string, unknown> {
    const c = this.collectionOf(body);
    const query = objectField(body, 'query', this.now);
    const projection = objectField(body, 'projection', this.now);
    const tx = txId(body);
    if (tx) {
      const doc = this.txs.get(tx, c, singleId(query, 'get'));
      return { list: doc ? [stringify(doc)] : [], limit: 1, offset: 0 };
    }
    const requested = intField(body, 'limit');
    const limit = requested && requested > 0 ? Math.min(requested, MAX_LIMIT) : DEFAULT_LIMIT;
    const offset = Math.max(0, intField(body, 'offset') ?? 0);
    const docs = this.store.find(c, query, { order: orderField(body, this.now), offset, limit, projection });
    return { list: docs.map(stringify), limit, offset };
  }

  /** Waits while any of these documents is locked by an open transaction. */
  private async lockedWait(c: string, ids: Iterable<Id>): Promise<boolean> {
    for (const id of ids) {
      const key = docKey(c, id);
      if (this.txs.isLocked(key)) {
        await this.txs.waitUnlocked(key);
        return true;
      }
    }
    return false;
  }

  private async insert(body: Body): Promise<DbResult> {
    const c = this.collectionOf(body);
    const raw = Array.isArray(body.data) ? body.data : [body.data];
    const docs = raw.map((d) => {
      const doc = typeof d === 'string' ? parseOrFail(d, this.now) : (decodeValue(d, this.now) as Doc);
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw dbFailed('[InvalidParameter] document must be an object');
      if (doc._id === undefined || doc._id === null || doc._id === '') doc._id = newId();
      return doc;
    });
    const ids = docs.map(docId);
    const tx = txId(body);
    if (tx) {
      docs.forEach((d, i) => this.txs.insert(tx, c, d, ids[i]));
      return { data: { insertedIds: ids } };
    }
    while (await this.lockedWait(c, ids));
    const seen = new Set<string>();
    for (const id of ids) {
      const key = docKey(c, id);
      if (seen.has(key) || this.store.get(c, id)) throw duplicateKey(c, id);
      seen.add(key);
    }
    this.engine.write(docs.map((doc, i) => ({ c, id: ids[i], doc })));
    return { data: { insertedIds: ids } };
  }

  private modifier(body: Body): Modifier {
    const data = objectField(body, 'data', this.now);
    return parseModifier(data, body.merge !== false);
  }

  private async modify(body: Body): Promise<DbResult> {
    const c = this.collectionOf(body);
    const query = objectField(body, 'query', this.now);
    const mod = this.modifier(body);
    const upsert = body.upsert === true;
    const multi = body.queryType !== 'DOC' && body.multi === true;
    const tx = txId(body);
    if (tx) return { data: this.modifyInTx(tx, c, query, mod, upsert) };
    for (;;) {
      const matched = multi ? [...this.store.matching(c, query)] : firstOf(this.store.matching(c, query));
      if (await this.lockedWait(c, matched.map(docId))) continue;
      if (matched.length === 0) {
        if (!upsert) return { data: { updated: 0, matched: 0, upsert_id: null } };
        const created = buildUpsert(query, mod);
        const id = docId(created);
        if (await this.lockedWait(c, [id])) continue;
        if (this.store.get(c, id)) throw duplicateKey(c, id);
        this.engine.write([{ c, id, doc: created }]);
        return { data: { updated: 0, matched: 0, upsert_id: id } };
      }
      const muts: Mutation[] = [];
      for (const d of matched) {
        const next = applyModifier(d, mod);
        if (next !== d) muts.push({ c, id: docId(d), doc: next });
      }
      this.engine.write(muts);
      return { data: { updated: muts.length, matched: matched.length, upsert_id: null } };
    }
  }

  private modifyInTx(tx: string, c: string, query: Doc, mod: Modifier, upsert: boolean): Record<string, unknown> {
    const id = singleId(query, 'update');
    const prev = this.txs.get(tx, c, id);
    if (!prev) {
      if (!upsert) return { updated: 0, upsert_id: null };
      const created = buildUpsert({ _id: id }, mod);
      this.txs.put(tx, c, id, created);
      return { updated: 0, upsert_id: id };
    }
    const next = applyModifier(prev, mod);
    this.txs.put(tx, c, id, next);
    return { updated: next === prev ? 0 : 1, upsert_id: null };
  }

  private async remove(body: Body): Promise<DbResult> {
    const c = this.collectionOf(body);
    const query = objectField(body, 'query', this.now);
    const multi = body.queryType !== 'DOC' && body.multi !== false;
    const tx = txId(body);
    if (tx) {
      const id = singleId(query, 'remove');
      const prev = this.txs.get(tx, c, id);
      if (!prev) return { data: { deleted: 0 } };
      this.txs.put(tx, c, id, null);
      return { data: { deleted: 1 } };
    }
    for (;;) {
      const matched = multi ? [...this.store.matching(c, query)] : firstOf(this.store.matching(c, query));
      const ids = matched.map(docId);
      if (await this.lockedWait(c, ids)) continue;
      this.engine.write(ids.map((id) => ({ c, id, doc: null })));
      return { data: { deleted: ids.length } };
    }
  }

  private async modifyAndReturn(body: Body): Promise<DbResult> {
    const c = this.collectionOf(body);
    const query = objectField(body, 'query', this.now);
    const mod = this.modifier(body);
    const tx = txId(body);
    if (tx) {
      const id = singleId(query, 'updateAndReturn');
      const r = this.modifyInTx(tx, c, query, mod, false);
      const doc = this.txs.get(tx, c, id);
      return { data: { updated: r.updated, doc: doc ? stringify(doc) : null } };
    }
    for (;;) {
      const [found] = firstOf(this.store.matching(c, query));
      if (!found) return { data: { updated: 0, doc: null } };
      if (await this.lockedWait(c, [docId(found)])) continue;
      const next = applyModifier(found, mod);
      if (next !== found) this.engine.write([{ c, id: docId(found), doc: next }]);
      return { data: { updated: next === found ? 0 : 1, doc: stringify(next) } };
    }
  }

  private aggregate(body: Body): Doc[] {
    const c = this.collectionOf(body);
    const stages = body.stages;
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
    const pipeline: Doc[] = stages.map((s) => {
      const st = s as Record<string, unknown>;
      if (typeof st.stageKey !== 'string') throw dbFailed('[InvalidParameter] bad aggregation stage');
      return { [st.stageKey]: ejsonField(st, 'stageValue', this.now) ?? {} } as Doc;
    });
    // The cloud returns 20 results unless the pipeline has its own $limit.
    if (!pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
    return this.store.aggregate(c, pipeline);
  }
}

function firstOf(it: Iterable<Doc>): Doc[] {
  for (const d of it) return [d];
  return [];
}

function parseOrFail(text: string, now: () => number): Doc {
  try {
    return parseObject(text, now);
  } catch (e) {
    if (e instanceof EjsonError) throw dbFailed(`[InvalidParameter] ${e.message}`);
    throw e;
  }
}

export { EmulatorError };
