import type { Database, DbOperator, Doc } from './database';

/** Functions read at most 1000 documents per get(). */
const PAGE = 1000;

/**
 * Every document matching `where`, page by page in `_id` order. Keyset paging (`_id > last`)
 * costs the same per page however deep it goes and has no ceiling: skip-based paging slows
 * down with the offset and the cloud caps it.
 */
export async function fetchAll(db: Database, collection: string, where: Doc | DbOperator, fields?: Record<string, boolean>): Promise<Doc[]> {
  const all: Doc[] = [];
  let after: string | undefined;
  for (;;) {
    const cond = after === undefined ? where : afterKey(db, where, after);
    let query = db.collection(collection).where(cond).orderBy('_id', 'asc').limit(PAGE);
    if (fields) query = query.field(fields);
    const page = (await query.get()).data;
    all.push(...page);
    if (page.length < PAGE) return all;
    after = String(page[page.length - 1]._id);
  }
}

/** `where` and `_id > last`: merged into a plain condition, or joined with `and` (operators, own `_id`). */
function afterKey(db: Database, where: Doc | DbOperator, last: string): Doc | DbOperator {
  const key = { _id: db.command.gt(last) };
  const plain = Object.getPrototypeOf(where) === Object.prototype && !('_id' in where);
  return plain ? { ...where, ...key } : db.command.and([where, key]);
}
