/**
 * insertOnce decides "it was there already" by reading the document, not by the wording of the
 * error: a duplicate reported in words we never saw is still a repeat, and a failure with the
 * usual duplicate words while nothing is there is still a failure.
 */
import type { Database } from './database';
import { insertOnce } from './documents';

function fakeDb(failure: (id: string, exists: boolean) => Error | undefined): { db: Database; docs: Map<string, unknown> } {
  const docs = new Map<string, unknown>();
  const collection = {
    add: async ({ data }: { data: { _id: string } }) => {
      const err = failure(data._id, docs.has(data._id));
      if (err) throw err;
      docs.set(data._id, data);
      return { _id: data._id };
    },
    where: ({ _id }: { _id: string }) => ({ limit: () => ({ get: async () => ({ data: docs.has(_id) ? [docs.get(_id)] : [] }) }) }),
  };
  return { db: { collection: () => collection } as unknown as Database, docs };
}

it('a repeat is a repeat, whatever words the database uses for it', async () => {
  const { db } = fakeDb((_id, exists) => (exists ? new Error('-502001 数据库请求失败：记录已存在') : undefined));
  expect(await insertOnce(db, 'c', { _id: 'a' })).toBe(true);
  expect(await insertOnce(db, 'c', { _id: 'a' })).toBe(false);
});

it('a failure is a failure when nothing is there, even worded like a duplicate', async () => {
  const { db } = fakeDb(() => new Error('E11000 duplicate key error (but the write was lost)'));
  await expect(insertOnce(db, 'c', { _id: 'b' })).rejects.toThrow('E11000');
});
