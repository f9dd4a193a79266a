/**
 * The dedup contract of the ledger: a second insert of the same `_id` is reported as "already
 * there" (false), never as a failure; other faults propagate. The fake collection enforces
 * unique `_id`s the way the cloud does (E11000 on a duplicate) and reads by `_id`.
 */
import type { Database } from '../platform/database';
import { checkinId, personOf, type CheckinDoc } from './model';
import { insertCheckin } from './store';

function fakeDb(fault?: Error): { db: Database; docs: Map<string, CheckinDoc> } {
  const docs = new Map<string, CheckinDoc>();
  const collection = {
    add: async ({ data }: { data: CheckinDoc }) => {
      if (fault) throw fault;
      if (docs.has(data._id)) throw new Error('-502001 database request fail | E11000 duplicate key error collection: checkins index: _id_');
      docs.set(data._id, data);
      return { _id: data._id };
    },
    where: ({ _id }: { _id: string }) => ({ limit: () => ({ get: async () => ({ data: docs.has(_id) ? [docs.get(_id)] : [] }) }) }),
  };
  return { db: { collection: () => collection } as unknown as Database, docs };
}

const doc = (openid: string): CheckinDoc => ({
  _id: checkinId('a1', openid),
  activityId: 'a1',
  openid,
  personKey: openid,
  person: personOf({ openid }),
  walkIn: true,
  method: 'scan',
  at: new Date('2026-03-05T02:00:00Z'),
});

describe('insertCheckin', () => {
  it('counts one person once, however many times and however concurrently they scan', async () => {
    const { db, docs } = fakeDb();
    const results = await Promise.all([doc('o1'), doc('o1'), doc('o2'), doc('o1')].map((d) => insertCheckin(db, d)));
    expect(results).toEqual([true, false, true, false]);
    expect([...docs.keys()]).toEqual(['a1:o1', 'a1:o2']);
  });

  it('lets any other database fault through (the handler answers INTERNAL)', async () => {
    const { db } = fakeDb(new Error('-501001 resource system error'));
    await expect(insertCheckin(db, doc('o1'))).rejects.toThrow('resource system error');
  });
});
