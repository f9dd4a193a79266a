import type { Query } from './database';

/** Functions read at most 1000 documents per get(): page through a query until it runs dry. */
export async function fetchAll<T>(query: () => Query, pageSize = 1000, max = 20_000): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; skip < max; skip += pageSize) {
    const res = await query().skip(skip).limit(pageSize).get();
    all.push(...(res.data as T[]));
    if (res.data.length < pageSize) break;
  }
  return all;
}
