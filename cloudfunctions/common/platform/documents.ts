/** Reading and writing single documents: by id, insert-once, stored values back to JS values. */
import type { Database, Doc } from './database';

/** One document by _id, or null when it does not exist. */
export async function findDoc(db: Database, collection: string, id: string): Promise<Doc | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get();
  return res.data[0] ?? null;
}

/**
 * Inserts a document with a deterministic `_id`; false when one with that `_id` exists
 * already. The unique `_id` is the dedup: no read before the write. Whether a failed insert
 * met an existing document is decided by reading it, not by the error's wording (the cloud's
 * message could change; a wording we did not expect must not turn every repeat into a fault).
 */
export async function insertOnce(db: Database, collection: string, doc: Doc & { _id: string }): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: doc });
    return true;
  } catch (e) {
    if (await findDoc(db, collection, doc._id).catch(() => null)) return false;
    throw e;
  }
}

/** Documents per batched insert: well under the request size limit for small documents. */
const BATCH = 200;

/**
 * Inserts many documents with deterministic `_id`s, in batches (one round trip per batch, not
 * per document); answers how many were new. A batch that fails (one of its `_id`s exists
 * already, say on a retry) is inserted again one document at a time, so each is decided on
 * its own, as insertOnce does.
 */
export async function insertManyOnce(db: Database, collection: string, docs: (Doc & { _id: string })[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH);
    try {
      await db.collection(collection).add({ data: batch });
      inserted += batch.length;
    } catch {
      for (const doc of batch) if (await insertOnce(db, collection, doc)) inserted++;
    }
  }
  return inserted;
}

/** A stored date as a Date, whatever shape the database gave back (Date, ISO text, EJSON). */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  if (value && typeof value === 'object' && '$date' in value) {
    const inner = (value as { $date: unknown }).$date;
    if (inner && typeof inner === 'object' && '$numberLong' in inner) return new Date(Number((inner as { $numberLong: string }).$numberLong));
    return asDate(inner);
  }
  return new Date(NaN);
}

/** Drops the keys whose value is undefined: a mapped document carries no empty optional fields. */
export function compact<T extends object>(doc: T): T {
  for (const key of Object.keys(doc) as (keyof T)[]) if (doc[key] === undefined) delete doc[key];
  return doc;
}

/** Stored text, or undefined when the field holds none. */
export function asOptionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An optional stored date: undefined stays undefined. */
export function asOptionalDate(value: unknown): Date | undefined {
  return value === undefined || value === null ? undefined : asDate(value);
}

/**
 * One text field of many documents by `_id` (100 ids per query): titles of projects, names of
 * people. Missing documents, or documents without the field, are left out of the map.
 */
export async function textFieldOf(db: Database, collection: string, ids: string[], field: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(ids.filter(Boolean))];
  const _ = db.command;
  for (let i = 0; i < unique.length; i += 100) {
    const res = await db
      .collection(collection)
      .where({ _id: _.in(unique.slice(i, i + 100)) })
      .field({ _id: true, [field]: true })
      .limit(100)
      .get();
    for (const d of res.data) if (typeof d[field] === 'string' && d[field]) found.set(String(d._id), d[field]);
  }
  return found;
}
