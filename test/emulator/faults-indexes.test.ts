/**
 * The test-only fault hook, secondary indexes (no full scans), and compaction + restart.
 */
import { openEmulator } from '../../local/emulator';
import fs from 'fs';
import { Harness, WxCloud, WxDb, loadWxSdk, pointSdkAt, startEmulator, tempDir } from './harness';

let h: Harness;
let cloud: WxCloud;
let db: WxDb;

beforeAll(async () => {
  process.env.DOORSTEP_FAULTS = JSON.stringify([
    { action: 'database.modifyDocument', collection: 'projects', fail: 1 },
    { action: 'database.insertDocument', collection: 'flaky', skip: 1, fail: 2, code: 'DATABASE_REQUEST_FAILED', message: 'injected: disk on fire' },
    { action: 'wx.openApi', collection: 'subscribeMessage.send', fail: 1, code: 'SYS_ERR', message: 'injected' },
  ]);
  h = await startEmulator();
  await h.createCollections('flaky', 'ledger', 'orders', 'other', 'projects');
  delete process.env.DOORSTEP_FAULTS; // read once, at startup
  cloud = loadWxSdk();
  db = cloud.database();
});

afterAll(async () => {
  await h.close();
});

describe('DOORSTEP_FAULTS', () => {
  test('fails exactly the matching requests, like a cloud error', async () => {
    await h.emulator.db.insert('projects', { _id: 'p', votes: 0 });
    await expect(
      db
        .collection('projects')
        .doc('p')
        .update({ data: { votes: db.command.inc(1) } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    await db
      .collection('projects')
      .doc('p')
      .update({ data: { votes: db.command.inc(1) } });
    await db.collection('other').add({ data: { _id: 'o' } }); // other collections unaffected
    expect(h.emulator.db.findOne('projects', { _id: 'p' })?.votes).toBe(1);

    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(
        await db
          .collection('flaky')
          .add({ data: { i } })
          .then(() => 'ok')
          .catch((e: { errMsg: string }) => (e.errMsg.includes('disk on fire') ? 'fault' : 'other')),
      );
    }
    expect(outcomes).toEqual(['ok', 'fault', 'fault', 'ok']);
    expect(h.emulator.db.count('flaky')).toBe(2);
  });

  test('open-API faults', async () => {
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 'T', data: {} })).rejects.toMatchObject({
      errMsg: expect.stringContaining('injected'),
    });
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 'T', data: {} })).resolves.toMatchObject({ errCode: 0 });
  });
});

describe('indexes', () => {
  const N = 50_000;

  beforeAll(async () => {
    const rows = Array.from({ length: N }, (_x, i) => ({ _id: `c1:p${i % 50}:o${i}`, projectId: `p${i % 50}`, openid: `o${i}`, day: `d${i % 7}` }));
    for (let i = 0; i < N; i += 10_000) await h.emulator.db.insert('ledger', rows.slice(i, i + 10_000));
    await h.emulator.db.ensureIndex('ledger', 'projectId');
  });

  test('_id lookups and indexed equality counts do not scan the collection', async () => {
    h.emulator.resetStats();
    expect((await db.collection('ledger').doc('c1:p7:o7').get()).data.openid).toBe('o7');
    expect((await db.collection('ledger').where({ projectId: 'p7' }).count()).total).toBe(N / 50);
    expect(h.emulator.stats().docsScanned).toBeLessThanOrEqual(1);
    const page = await db.collection('ledger').where({ projectId: 'p7', day: 'd0' }).limit(1000).get();
    expect(page.data.every((d: { projectId: string; day: string }) => d.projectId === 'p7' && d.day === 'd0')).toBe(true);
    expect(h.emulator.stats().docsScanned).toBeLessThanOrEqual(1 + N / 50);
    h.emulator.resetStats();
    expect((await db.collection('ledger').where({ day: 'd0' }).count()).total).toBe(Math.ceil(N / 7));
    expect(h.emulator.stats().docsScanned).toBe(N); // not indexed: a full scan
  });

  test('no index is built by itself, as in the cloud: a field queried again and again keeps scanning', async () => {
    const count = async (): Promise<number> => (await db.collection('ledger').where({ openid: 'o123' }).count()).total;
    for (let i = 0; i < 3; i++) expect(await count()).toBe(1);
    h.emulator.resetStats();
    expect(await count()).toBe(1);
    expect(h.emulator.stats().docsScanned).toBe(N);
  });

  test('an unindexed query on a large collection is logged, or refused, until an index is declared', async () => {
    const logged: string[] = [];
    const strict = await startEmulator({ unindexed: 'refuse', log: (m) => logged.push(m) });
    try {
      await strict.createCollections('big');
      await strict.emulator.db.insert(
        'big',
        Array.from({ length: 1500 }, (_x, i) => ({ _id: `b${i}`, kind: `k${i % 3}`, n: i })),
      );
      const sdk = loadWxSdk().database();
      const refused = await sdk
        .collection('big')
        .where({ kind: 'k1' })
        .count()
        .catch((e: { errCode: number; errMsg: string }) => e);
      expect(refused).toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('unindexed query on big') });
      // By _id, or over every document on purpose, is fine.
      expect((await sdk.collection('big').doc('b7').get()).data.n).toBe(7);
      expect((await sdk.collection('big').count()).total).toBe(1500);
      const declare = await fetch(`${strict.url}/manager`, {
        method: 'POST',
        body: JSON.stringify({
          Action: 'UpdateTable',
          TableName: 'big',
          CreateIndexes: [{ IndexName: 'kind', MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'kind', Direction: '1' }] } }],
        }),
      });
      expect(((await declare.json()) as { Response: Record<string, unknown> }).Response.Error).toBeUndefined();
      expect(
        (
          await sdk
            .collection('big')
            .where({ kind: 'k1', n: sdk.command.gt(100) })
            .count()
        ).total,
      ).toBe(466);
    } finally {
      await strict.close();
      pointSdkAt(h.port);
    }
  });

  test('lenient mode (opt-in, old data dirs) still learns an index from repeated scans', async () => {
    const lenient = await startEmulator({ lenient: true });
    try {
      await lenient.emulator.db.insert(
        'auto',
        Array.from({ length: 20_000 }, (_x, i) => ({ _id: `a${i}`, who: `w${i}` })),
      );
      const sdk = loadWxSdk().database();
      for (let i = 0; i < 3; i++) expect((await sdk.collection('auto').where({ who: 'w5' }).count()).total).toBe(1);
      lenient.emulator.resetStats();
      expect((await sdk.collection('auto').where({ who: 'w5' }).count()).total).toBe(1);
      expect(lenient.emulator.stats().docsScanned).toBeLessThanOrEqual(1);
      expect((await sdk.collection('never_created').count()).total).toBe(0);
    } finally {
      await lenient.close();
      pointSdkAt(h.port);
    }
  });

  test('a dotted index reaches through arrays as Mongo matching does', async () => {
    await h.emulator.db.insert('orders', [
      { _id: 'o1', items: [{ sku: 'A' }, { sku: 'B' }] },
      { _id: 'o2', items: [{ sku: 'B' }] },
      { _id: 'o3', items: { sku: 'A' } },
      { _id: 'o4', tags: ['A'] },
    ]);
    await h.emulator.db.ensureIndex('orders', 'items.sku');
    expect((await db.collection('orders').where({ 'items.sku': 'A' }).count()).total).toBe(2);
    expect((await db.collection('orders').where({ 'items.sku': 'B' }).get()).data.map((d: { _id: string }) => d._id).sort()).toEqual(['o1', 'o2']);
  });

  test('indexes follow updates and removes', async () => {
    await db
      .collection('ledger')
      .doc('c1:p7:o7')
      .update({ data: { projectId: 'p8' } });
    expect((await db.collection('ledger').where({ projectId: 'p7' }).count()).total).toBe(N / 50 - 1);
    expect((await db.collection('ledger').where({ projectId: 'p8' }).count()).total).toBe(N / 50 + 1);
    await db.collection('ledger').doc('c1:p8:o8').remove();
    expect((await db.collection('ledger').where({ projectId: 'p8' }).count()).total).toBe(N / 50);
  });

  test('compaction keeps data and indexes across a restart', async () => {
    await h.emulator.compact();
    await db.collection('ledger').add({ data: { _id: 'after-compact', projectId: 'p8' } });
    const again = await openEmulator({ dataDir: h.dataDir, log: () => undefined });
    try {
      expect(again.db.count('ledger')).toBe(N);
      again.resetStats();
      expect(again.db.count('ledger', { projectId: 'p8' })).toBe(N / 50 + 1);
      expect(again.stats().docsScanned).toBe(0);
      expect(again.db.findOne('ledger', { _id: 'after-compact' })).toEqual({ _id: 'after-compact', projectId: 'p8' });
    } finally {
      await again.close();
    }
  });
});

describe('compaction under load', () => {
  test('writes racing a compaction all survive a reopen', async () => {
    const dir = tempDir();
    // A tiny threshold: journal rotations land while group commits are in flight.
    const emu = await openEmulator({ dataDir: dir, log: () => undefined, compactBytes: 20_000 });
    const typed = {
      n: 1,
      big: 2 ** 53 - 1,
      f: -1.25,
      neg0: -0,
      nan: NaN,
      inf: -Infinity,
      at: new Date(1767225600123),
      re: /a.b/gi,
      s: 'x',
      l: [1, { d: new Date(0) }],
      o: { nil: null },
    };
    const writes: Array<Promise<unknown>> = [emu.db.insert('typed', { _id: 'in-snapshot', ...typed })];
    for (let i = 0; i < 3000; i++) {
      writes.push(emu.db.insert('race', { _id: `d${i}`, i }));
      if (i % 3 === 0) writes.push(emu.db.update('race_counter', { _id: 'c' }, { $inc: { n: 1 } }, { upsert: true }));
      if (i === 1000 || i === 2000) writes.push(emu.compact());
    }
    await Promise.all(writes);
    await emu.db.insert('typed', { _id: 'in-journal', ...typed });
    await emu.close();
    const again = await openEmulator({ dataDir: dir, log: () => undefined });
    try {
      expect(again.db.count('race')).toBe(3000);
      expect(again.db.findOne('race_counter', { _id: 'c' })?.n).toBe(1000);
      for (const id of ['in-snapshot', 'in-journal']) {
        const d = again.db.findOne('typed', { _id: id });
        expect(d).toEqual({ _id: id, ...typed });
        expect(Object.is(d?.neg0, -0)).toBe(true);
      }
    } finally {
      await again.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
