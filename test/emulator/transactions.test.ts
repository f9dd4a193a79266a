/**
 * Transactions through wx-server-sdk and @cloudbase/node-sdk: atomic commit, rollback,
 * snapshot isolation, immediate conflicts, plain writes waiting for a transaction, expiry.
 */
import type { Doc } from '../../local/emulator';
import { Harness, WxCloud, WxDb, loadWxSdk, startEmulator } from './harness';

let h: Harness;
let cloud: WxCloud;
let db: WxDb;
let ndb: WxDb;

const TTL_MS = 1500;

beforeAll(async () => {
  h = await startEmulator({ transactionTtlMs: TTL_MS });
  await h.createCollections('acct', 'cf', 'exp', 'ledger', 'own', 'rb', 'retry', 'si', 'txdup', 'wait', 'wxcf', 'budget');
  cloud = loadWxSdk();
  db = cloud.database();

  const tcb = require('@cloudbase/node-sdk') as { init(o: Record<string, unknown>): { database(): WxDb } };
  ndb = tcb.init({ env: 'local' }).database();
});

afterAll(async () => {
  await h.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function seed(coll: string, docs: Doc[]): Promise<void> {
  await h.emulator.db.insert(coll, docs);
}

const get = async (coll: string, id: string): Promise<Record<string, unknown> | undefined> => h.emulator.db.findOne(coll, { _id: id });

test('runTransaction commits all writes atomically and returns the callback result', async () => {
  await seed('acct', [
    { _id: 'a', bal: 100 },
    { _id: 'b', bal: 0 },
  ]);
  const _ = db.command;
  const result = await db.runTransaction(async (t: WxDb) => {
    const a = (await t.collection('acct').doc('a').get()).data;
    await t
      .collection('acct')
      .doc('a')
      .update({ data: { bal: _.inc(-30) } });
    await t
      .collection('acct')
      .doc('b')
      .update({ data: { bal: _.inc(30) } });
    await t.collection('ledger').add({ data: { _id: 'tx1', amount: 30 } });
    // Not visible outside before the commit.
    expect(await get('acct', 'b')).toEqual({ _id: 'b', bal: 0 });
    expect(await get('ledger', 'tx1')).toBeUndefined();
    return a.bal;
  });
  expect(result).toBe(100);
  expect(await get('acct', 'a')).toEqual({ _id: 'a', bal: 70 });
  expect(await get('acct', 'b')).toEqual({ _id: 'b', bal: 30 });
  expect(await get('ledger', 'tx1')).toEqual({ _id: 'tx1', amount: 30 });
});

test('a transaction reads its own writes; set and remove inside a transaction', async () => {
  await seed('own', [
    { _id: 'x', v: 1 },
    { _id: 'gone', v: 0 },
  ]);
  await db.runTransaction(async (t: WxDb) => {
    await t
      .collection('own')
      .doc('x')
      .update({ data: { v: db.command.inc(1) } });
    expect((await t.collection('own').doc('x').get()).data).toEqual({ _id: 'x', v: 2 });
    await t
      .collection('own')
      .doc('y')
      .set({ data: { v: 9 } });
    await t.collection('own').doc('gone').remove();
  });
  expect(h.emulator.db.find('own', {}, { order: { _id: 1 } })).toEqual([
    { _id: 'x', v: 2 },
    { _id: 'y', v: 9 },
  ]);
});

test('rollback (and a throwing callback) discards every write', async () => {
  await seed('rb', [{ _id: 'r', v: 1 }]);
  const t = await db.startTransaction();
  await t
    .collection('rb')
    .doc('r')
    .update({ data: { v: 2 } });
  await t.rollback();
  expect(await get('rb', 'r')).toEqual({ _id: 'r', v: 1 });
  await expect(
    db.runTransaction(async (tx: WxDb) => {
      await tx
        .collection('rb')
        .doc('r')
        .update({ data: { v: 3 } });
      throw new Error('business rule says no');
    }),
  ).rejects.toThrow('business rule says no');
  expect(await get('rb', 'r')).toEqual({ _id: 'r', v: 1 });
});

test('snapshot isolation: reads see the start state; writing a document changed since start conflicts', async () => {
  await seed('si', [{ _id: 's', v: 1 }]);
  const t = await ndb.startTransaction();
  expect((await t.collection('si').doc('s').get()).data).toEqual({ _id: 's', v: 1 });
  await ndb.collection('si').doc('s').update({ v: 2 }); // a plain write commits meanwhile
  expect((await t.collection('si').doc('s').get()).data).toEqual({ _id: 's', v: 1 });
  await expect(t.collection('si').doc('s').update({ v: 3 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  await t.rollback();
  expect(await get('si', 's')).toEqual({ _id: 's', v: 2 });
});

test('a document written by one open transaction makes another fail at once', async () => {
  await seed('cf', [{ _id: 'c', n: 0 }]);
  const t1 = await ndb.startTransaction();
  const t2 = await ndb.startTransaction();
  await t1
    .collection('cf')
    .doc('c')
    .update({ n: ndb.command.inc(1) });
  const started = Date.now();
  await expect(
    t2
      .collection('cf')
      .doc('c')
      .update({ n: ndb.command.inc(10) }),
  ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(Date.now() - started).toBeLessThan(1000);
  await t2.rollback();
  await t1.commit();
  expect(await get('cf', 'c')).toEqual({ _id: 'c', n: 1 });
});

test('node-sdk runTransaction retries conflicts and ends exact', async () => {
  await seed('retry', [{ _id: 'k', n: 0 }]);
  const runs = 8;
  let attempts = 0;
  const results = await Promise.allSettled(
    Array.from({ length: runs }, () =>
      ndb.runTransaction(async (t: WxDb) => {
        attempts++;
        const cur = (await t.collection('retry').doc('k').get()).data;
        await sleep(5);
        await t
          .collection('retry')
          .doc('k')
          .update({ n: cur.n + 1 });
      }, 10),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  expect(attempts).toBeGreaterThan(runs); // some were retried
  expect((await get('retry', 'k'))?.n).toBe(ok);
  expect(ok).toBeGreaterThan(0);
});

test('a plain update of a locked document waits for the commit, then applies on top', async () => {
  await seed('wait', [{ _id: 'w', n: 0 }]);
  const t = await ndb.startTransaction();
  await t
    .collection('wait')
    .doc('w')
    .update({ n: ndb.command.inc(1) });
  let plainDone = false;
  const plain = ndb
    .collection('wait')
    .doc('w')
    .update({ n: ndb.command.inc(100) })
    .then(() => {
      plainDone = true;
    });
  await sleep(150);
  expect(plainDone).toBe(false);
  await t.commit();
  await plain;
  expect(await get('wait', 'w')).toEqual({ _id: 'w', n: 101 });
});

test('a transaction expires after its TTL: later use fails, locks are released', async () => {
  await seed('exp', [{ _id: 'e', n: 0 }]);
  const t = await ndb.startTransaction();
  await t.collection('exp').doc('e').update({ n: 5 });
  await sleep(TTL_MS + 300);
  await expect(t.commit()).rejects.toMatchObject({ message: expect.stringContaining('TransactionNotExist') });
  await ndb.collection('exp').doc('e').update({ n: 7 });
  expect(await get('exp', 'e')).toEqual({ _id: 'e', n: 7 });
});

test('insert of an existing _id inside a transaction fails with E11000', async () => {
  await seed('txdup', [{ _id: 'd' }]);
  await expect(
    ndb.runTransaction(async (t: WxDb) => {
      await t.collection('txdup').add({ _id: 'd', again: true });
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('E11000') });
});

test('wx-server-sdk surfaces a conflict as errCode -501001 …TransactionConflict (its runTransaction does not retry)', async () => {
  await seed('wxcf', [{ _id: 'k', n: 0 }]);
  const t1 = await db.startTransaction();
  await t1
    .collection('wxcf')
    .doc('k')
    .update({ data: { n: 1 } });
  const err = await db
    .runTransaction(async (t: WxDb) => {
      await t
        .collection('wxcf')
        .doc('k')
        .update({ data: { n: 2 } });
    })
    .catch((e: unknown) => e as { errCode: number; errMsg: string });
  expect(err).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('TransactionConflict') });
  await t1.commit();
  expect(await get('wxcf', 'k')).toEqual({ _id: 'k', n: 1 });
});

describe("the functions' withTransaction (common/platform) over the real SDK", () => {
  // Loaded here: the functions' code reads the SDK set up by the harness.

  const { withTransaction } = require('../../cloudfunctions/common/platform/transaction') as typeof import('../../cloudfunctions/common/platform/transaction');

  test('an attempt that outlived its transaction is run again, not reported as a missing document', async () => {
    await seed('budget', [{ _id: 'slow', n: 0 }]);
    let attempts = 0;
    const result = await withTransaction(db, async (tx) => {
      attempts++;
      const cur = (await tx.collection('budget').doc('slow').get()).data as { n: number };
      if (attempts === 1) await sleep(TTL_MS + 300); // the first attempt's transaction expires meanwhile
      await tx
        .collection('budget')
        .doc('slow')
        .update({ data: { n: cur.n + 1 } });
      return cur.n + 1;
    });
    expect({ attempts, result }).toEqual({ attempts: 2, result: 1 });
    expect((await get('budget', 'slow'))?.n).toBe(1);
  });

  test('conflicts are retried within a time budget, then CONFLICT, with nothing written', async () => {
    await seed('budget', [{ _id: 'hot', n: 0 }]);
    const holder = await db.startTransaction();
    await holder
      .collection('budget')
      .doc('hot')
      .update({ data: { n: 100 } }); // holds the document
    const outcome = await withTransaction(
      db,
      async (tx) =>
        tx
          .collection('budget')
          .doc('hot')
          .update({ data: { n: 1 } }),
      { budgetMs: 400, conflictMessage: '忙' },
    ).catch((e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
    expect(outcome).toEqual({ code: 'CONFLICT', message: '忙' });
    await holder.rollback();
    expect((await get('budget', 'hot'))?.n).toBe(0);
  });
});
