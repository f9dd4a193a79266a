/**
 * Database conformance: the emulator driven only through wx-server-sdk, as cloud functions use it.
 */
import { Harness, WxCloud, WxDb, loadWxSdk, startEmulator } from './harness';

let h: Harness;
let cloud: WxCloud;
let db: WxDb;
let _: WxDb;

beforeAll(async () => {
  h = await startEmulator();
  await h.createCollections('agg_many', 'agg_projects', 'agg_votes', 'ins', 'junk', 'many', 'mar', 'q', 'race', 'rm', 'shared', 'upd');
  cloud = loadWxSdk();
  db = cloud.database();
  _ = db.command;
});

afterAll(async () => {
  await h.close();
});

const errCodeOf = async (p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string }> => {
  try {
    await p;
  } catch (e) {
    return e as { errCode?: number; errMsg?: string };
  }
  throw new Error('expected the call to fail');
};

describe('insert', () => {
  test('auto _id is 32 hex and the document reads back with types intact', async () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const { _id } = await db.collection('ins').add({
      data: { n: 1, f: 1.5, big: 2 ** 40, s: 'é文', b: true, nil: null, at, nested: { l: [1, 'x', { y: at }] } },
    });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await db.collection('ins').doc(_id).get();
    expect(data).toEqual({ _id, n: 1, f: 1.5, big: 2 ** 40, s: 'é文', b: true, nil: null, at, nested: { l: [1, 'x', { y: at }] } });
    expect(data.at).toBeInstanceOf(Date);
  });

  test('given _id is kept; a duplicate fails with -502001 E11000', async () => {
    await db.collection('ins').add({ data: { _id: 'dup-1', v: 1 } });
    const e = await errCodeOf(db.collection('ins').add({ data: { _id: 'dup-1', v: 2 } }));
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toContain('E11000 duplicate key error');
    const { data } = await db.collection('ins').doc('dup-1').get();
    expect(data.v).toBe(1);
  });

  test('serverDate resolves to the server clock', async () => {
    const before = Date.now();
    const { _id } = await db.collection('ins').add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const { data } = await db.collection('ins').doc(_id).get();
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
  });

  test('1,000 parallel inserts of the same _id: exactly one wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_x, i) => db.collection('race').add({ data: { _id: 'only-one', i } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(999);
    expect(rejected.every((r) => (r.reason as { errCode: number }).errCode === -502001)).toBe(true);
    expect((await db.collection('race').count()).total).toBe(1);
  });
});

describe('query', () => {
  beforeAll(async () => {
    const rows = Array.from({ length: 30 }, (_x, i) => ({
      _id: `q${String(i).padStart(2, '0')}`,
      i,
      even: i % 2 === 0,
      tag: ['a', 'b', 'c'][i % 3],
      tags: i % 5 === 0 ? ['five', 'x'] : ['x'],
      at: new Date(Date.UTC(2026, 0, 1 + i)),
      name: `Name ${i}`,
      sub: { k: i % 4 },
    }));
    for (const r of rows) await db.collection('q').add({ data: r });
  });

  test('where with comparison, logic, in/nin, exists, regex, nested and array operators', async () => {
    const ids = async (where: unknown): Promise<string[]> =>
      (await db.collection('q').where(where).limit(100).get()).data.map((d: { _id: string }) => d._id).sort();
    expect(await ids({ i: _.gte(27) })).toEqual(['q27', 'q28', 'q29']);
    expect(await ids({ i: _.lt(3).and(_.neq(1)) })).toEqual(['q00', 'q02']);
    expect(await ids(_.or([{ i: 0 }, { i: 29 }]))).toEqual(['q00', 'q29']);
    expect(await ids({ i: _.in([1, 2, 99]) })).toEqual(['q01', 'q02']);
    expect((await ids({ i: _.nin([0, 1]) })).length).toBe(28);
    expect((await ids({ missing: _.exists(false) })).length).toBe(30);
    expect(await ids({ name: db.RegExp({ regexp: '^name 1[0-2]$', options: 'i' }) })).toEqual(['q10', 'q11', 'q12']);
    expect(await ids({ name: /^Name 2[89]$/ })).toEqual(['q28', 'q29']);
    expect((await ids({ 'sub.k': 3 })).length).toBe(7);
    expect((await ids({ sub: { k: 3 } })).length).toBe(7);
    expect(await ids({ tags: 'five', i: _.gt(10) })).toEqual(['q15', 'q20', 'q25']);
    expect((await ids({ tags: _.size(2) })).length).toBe(6);
    expect(await ids({ tags: _.all(['five', 'x']), i: _.lte(5) })).toEqual(['q00', 'q05']);
    expect(await ids({ at: _.gte(new Date(Date.UTC(2026, 0, 29))) })).toEqual(['q28', 'q29']);
    expect(await ids({ i: _.mod([10, 3]) })).toEqual(['q03', 'q13', 'q23']);
  });

  test('orderBy, skip, limit, field; default page is 100 and max 1000', async () => {
    const page = await db.collection('q').where({ even: true }).orderBy('tag', 'asc').orderBy('i', 'desc').skip(2).limit(3).field({ i: true, tag: true }).get();
    expect(page.data).toEqual([
      { _id: 'q12', i: 12, tag: 'a' },
      { _id: 'q06', i: 6, tag: 'a' },
      { _id: 'q00', i: 0, tag: 'a' },
    ]);
    const excl = await db.collection('q').doc('q01').field({ name: false, at: false, tags: false, sub: false }).get();
    expect(excl.data).toEqual({ _id: 'q01', i: 1, even: false, tag: 'b' });
    await h.emulator.db.insert(
      'many',
      Array.from({ length: 1100 }, (_x, i) => ({ i })),
    );
    expect((await db.collection('many').get()).data).toHaveLength(100);
    expect((await db.collection('many').limit(1000).get()).data).toHaveLength(1000);
    expect((await db.collection('many').skip(1000).limit(1000).get()).data).toHaveLength(100);
    expect((await db.collection('many').count()).total).toBe(1100);
  });

  test('count with where', async () => {
    expect((await db.collection('q').where({ tag: 'a' }).count()).total).toBe(10);
  });

  test('a collection nobody created fails reads and writes with -502005, as in a fresh environment', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 0,
        (e: { errCode?: number }) => e.errCode,
      );
    expect(await codeOf(db.collection('never_created').where({ a: 1 }).get())).toBe(-502005);
    expect(await codeOf(db.collection('never_created').count())).toBe(-502005);
    expect(await codeOf(db.collection('never_created').add({ data: { a: 1 } }))).toBe(-502005);
    expect(
      await codeOf(
        db
          .collection('never_created')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
      ),
    ).toBe(-502005);
    // The SDK's aggregate keeps the cloud's message but no numeric code.
    await expect(db.collection('never_created').aggregate().match({ a: 1 }).end()).rejects.toMatchObject({
      errMsg: expect.stringContaining('collection not exist'),
    });
    const inTx = await db.startTransaction();
    expect(await codeOf(inTx.collection('never_created').doc('x').get())).toBe(-502005);
    expect(await codeOf(inTx.collection('never_created').add({ data: { _id: 'x' } }))).toBe(-502005);
    await inTx.rollback();
    // createCollection (what the setup step does) makes it usable.
    await db.createCollection('created_now');
    await db.collection('created_now').add({ data: { _id: 'one', a: 1 } });
    expect((await db.collection('created_now').count()).total).toBe(1);
  });

  test('doc().get() of a missing document fails like the cloud', async () => {
    const e = await errCodeOf(db.collection('q').doc('nope').get());
    expect(e.errMsg).toContain('does not exist');
  });
});

describe('update operators', () => {
  const coll = (): WxDb => db.collection('upd');

  test('set/inc/mul/min/max/remove/rename, nested paths', async () => {
    await coll().add({ data: { _id: 'u1', n: 5, m: 3, lo: 10, hi: 10, gone: 1, old: 'v', o: { a: 1, b: 2 } } });
    const r = await coll()
      .doc('u1')
      .update({
        data: {
          n: _.inc(2),
          m: _.mul(4),
          lo: _.min(3),
          hi: _.max(30),
          gone: _.remove(),
          old: _.rename('renamed'),
          o: { a: _.inc(10) },
          'p.q': 'deep',
          s: _.set({ whole: true }),
        },
      });
    expect(r.stats.updated).toBe(1);
    const { data } = await coll().doc('u1').get();
    expect(data).toEqual({ _id: 'u1', n: 7, m: 12, lo: 3, hi: 30, renamed: 'v', o: { a: 11, b: 2 }, p: { q: 'deep' }, s: { whole: true } });
  });

  test('array operators: push (each, position, slice, sort), pop, shift, unshift, pull, pullAll, addToSet', async () => {
    await coll().add({ data: { _id: 'u2', l: [3, 1], p: [1, 2, 3, 4], s: [1, 2, 3], u: [2], q: [1, 5, 2, 5], pa: [1, 2, 3, 1], set: ['a'] } });
    await coll()
      .doc('u2')
      .update({
        data: {
          l: _.push({ each: [9, 0, 7], sort: 1, slice: 4 }),
          p: _.pop(),
          s: _.shift(),
          u: _.unshift([0, 1]),
          q: _.pull(5),
          pa: _.pullAll([1, 3]),
          set: _.addToSet('a'),
        },
      });
    expect((await coll().doc('u2').get()).data).toEqual({ _id: 'u2', l: [0, 1, 3, 7], p: [1, 2, 3], s: [2, 3], u: [0, 1, 2], q: [1, 2], pa: [2], set: ['a'] });
    await coll()
      .doc('u2')
      .update({ data: { set: _.addToSet({ $each: ['a', 'b'] }), l: _.push({ each: [5], position: 1 }), q: _.pull(_.gt(1)) } });
    expect((await coll().doc('u2').get()).data).toMatchObject({ set: ['a', 'b'], l: [0, 5, 1, 3, 7], q: [1] });
    await coll()
      .doc('u2')
      .update({ data: { l: _.push(8) } });
    expect((await coll().doc('u2').get()).data.l).toEqual([0, 5, 1, 3, 7, 8]);
  });

  test('doc().set() replaces the document and upserts', async () => {
    await coll().add({ data: { _id: 'u3', keep: false, x: 1 } });
    const r = await coll()
      .doc('u3')
      .set({ data: { y: 2 } });
    expect(r.stats.updated).toBe(1);
    expect((await coll().doc('u3').get()).data).toEqual({ _id: 'u3', y: 2 });
    const created = await coll()
      .doc('u4')
      .set({ data: { z: 3 } });
    expect(created._id).toBe('u4');
    expect(created.stats.created).toBe(1);
    expect((await coll().doc('u4').get()).data).toEqual({ _id: 'u4', z: 3 });
  });

  test('where().update() is multi; conditional update by query; missing doc updates 0', async () => {
    for (let i = 0; i < 5; i++) await coll().add({ data: { _id: `w${i}`, grp: 'w', v: i } });
    const r = await coll()
      .where({ grp: 'w', v: _.gte(2) })
      .update({ data: { hit: true } });
    expect(r.stats.updated).toBe(3);
    expect((await coll().where({ hit: true }).count()).total).toBe(3);
    const cond = await coll()
      .where({ _id: 'w0', v: _.lt(0) })
      .update({ data: { v: _.inc(1) } });
    expect(cond.stats.updated).toBe(0);
    const missing = await coll()
      .doc('no-such')
      .update({ data: { v: 1 } });
    expect(missing.stats.updated).toBe(0);
  });

  test('$inc on a string fails; updating _id fails', async () => {
    await coll().add({ data: { _id: 'u5', s: 'text' } });
    const e = await errCodeOf(
      coll()
        .doc('u5')
        .update({ data: { s: _.inc(1) } }),
    );
    expect(e.errCode).toBe(-502001);
    expect((await coll().doc('u5').get()).data.s).toBe('text');
  });

  test('10,000 parallel inc are exact', async () => {
    await coll().add({ data: { _id: 'counter', n: 0 } });
    const batch = 1000;
    for (let k = 0; k < 10; k++) {
      await Promise.all(
        Array.from({ length: batch }, () =>
          coll()
            .doc('counter')
            .update({ data: { n: _.inc(1) } }),
        ),
      );
    }
    expect((await coll().doc('counter').get()).data.n).toBe(10_000);
  });
});

describe('remove', () => {
  test('doc().remove() and where().remove()', async () => {
    const c = db.collection('rm');
    for (let i = 0; i < 6; i++) await c.add({ data: { _id: `r${i}`, odd: i % 2 === 1 } });
    expect((await c.doc('r0').remove()).stats.removed).toBe(1);
    expect((await c.doc('r0').remove()).stats.removed).toBe(0);
    expect((await c.where({ odd: true }).remove()).stats.removed).toBe(3);
    expect((await c.count()).total).toBe(2);
  });
});

describe('aggregate', () => {
  beforeAll(async () => {
    const votes = db.collection('agg_votes');
    const projects = db.collection('agg_projects');
    await projects.add({ data: { _id: 'p1', title: 'Garden' } });
    await projects.add({ data: { _id: 'p2', title: 'Library' } });
    for (let i = 0; i < 10; i++) await votes.add({ data: { project: i < 7 ? 'p1' : 'p2', day: i % 2 ? 'd1' : 'd2', tags: ['a', 'b'] } });
  });

  test('match, group, sort, limit, skip, project, addFields, count, unwind, lookup', async () => {
    const $ = _.aggregate;
    const grouped = await db
      .collection('agg_votes')
      .aggregate()
      .match({ day: _.in(['d1', 'd2']) })
      .group({ _id: '$project', votes: $.sum(1) })
      .sort({ votes: -1 })
      .lookup({ from: 'agg_projects', localField: '_id', foreignField: '_id', as: 'p' })
      .addFields({ title: $.arrayElemAt(['$p.title', 0]) })
      .project({ p: 0 })
      .end();
    expect(grouped.list).toEqual([
      { _id: 'p1', votes: 7, title: 'Garden' },
      { _id: 'p2', votes: 3, title: 'Library' },
    ]);
    const counted = await db.collection('agg_votes').aggregate().match({ project: 'p2' }).count('n').end();
    expect(counted.list).toEqual([{ n: 3 }]);
    const unwound = await db.collection('agg_votes').aggregate().unwind('$tags').skip(1).limit(5).project({ _id: 0, tags: 1 }).end();
    expect(unwound.list).toHaveLength(5);
    expect(unwound.list[0]).toEqual({ tags: 'b' });
  });

  test('without $limit the cloud returns 20 results', async () => {
    await h.emulator.db.insert(
      'agg_many',
      Array.from({ length: 25 }, (_x, i) => ({ i })),
    );
    expect((await db.collection('agg_many').aggregate().match({}).end()).list).toHaveLength(20);
    expect((await db.collection('agg_many').aggregate().match({}).limit(25).end()).list).toHaveLength(25);
  });
});

describe('errors', () => {
  test('unknown query operator is a DATABASE_REQUEST_FAILED error, not a crash', async () => {
    const e = await errCodeOf(
      db
        .collection('q')
        .where({ i: { $bogus: 1 } })
        .get(),
    );
    expect(e.errCode).toBe(-502001);
    // The emulator is still serving.
    expect((await db.collection('q').count()).total).toBeGreaterThan(0);
  });

  test('raw bad requests get cloud-like error replies with HTTP 200', async () => {
    const post = async (body: string, ctype = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> => {
      const r = await fetch(`${h.url}/admin?env=local`, { method: 'POST', headers: { 'content-type': ctype }, body });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    expect(await post(JSON.stringify({ action: 'database.nope', collectionName: 'x' }))).toMatchObject({ status: 200, json: { code: 'INVALID_ACTION' } });
    expect(await post(JSON.stringify({ action: 'nothing.here' }))).toMatchObject({ status: 200, json: { code: 'INVALID_ACTION' } });
    expect(await post('{not json')).toMatchObject({ status: 200, json: { code: 'INVALID_PARAM' } });
    const badEjson = await post(
      JSON.stringify({ action: 'database.getDocument', collectionName: 'q', queryType: 'WHERE', query: '{"a":{"$date":"not a date"}}' }),
    );
    expect(badEjson.json.code).toBe('DATABASE_REQUEST_FAILED');
    const badJson = await post(JSON.stringify({ action: 'database.getDocument', collectionName: 'q', queryType: 'WHERE', query: '{oops' }));
    expect(badJson.json.code).toBe('DATABASE_REQUEST_FAILED');
    const badUpdate = await post(
      JSON.stringify({
        action: 'database.modifyDocument',
        collectionName: 'q',
        queryType: 'DOC',
        query: '{"_id":"q01"}',
        data: '{"$frobnicate":{"a":1}}',
        merge: true,
      }),
    );
    expect(badUpdate.json.code).toBe('DATABASE_REQUEST_FAILED');
  });
});

describe('robustness', () => {
  test('random garbage never crashes the emulator; every reply is a cloud-like error or a result', async () => {
    const actions = [
      'database.getDocument',
      'database.modifyDocument',
      'database.insertDocument',
      'database.aggregateDocuments',
      'database.removeDocument',
      'database.calculateDocument',
      'database.modifyAndReturnDoc',
      'database.commitTransaction',
      'functions.invokeFunction',
      'wx.openApi',
      'storage.batchGetDownloadUrl',
    ];
    const junk = (i: number): unknown =>
      [
        null,
        7,
        'x',
        '{',
        '{"$date":1}',
        '{"a":{"$regularExpression":{"pattern":"(","options":""}}}',
        [],
        [1, '{'],
        { $where: 1 },
        '{"$set":5}',
        '{"a":{"$in":3}}',
        '[{"stageKey":"$bogus","stageValue":"1"}]',
        'null',
      ][i % 13];
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = { action: actions[i % actions.length], collectionName: i % 7 ? 'junk' : 17 };
      for (const k of [
        'query',
        'data',
        'order',
        'projection',
        'stages',
        'limit',
        'offset',
        'multi',
        'merge',
        'upsert',
        'queryType',
        'transactionId',
        'request_data',
        'file_list',
      ]) {
        if ((i * 7 + k.length) % 3 === 0) body[k] = junk(i + k.length);
      }
      const r = await fetch(`${h.url}/admin?env=local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(200);
      const json = (await r.json()) as { code?: string; data?: unknown };
      expect(typeof json.code === 'string' || json.data !== undefined).toBe(true);
    }
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    const r = await fetch(`${h.url}/admin?env=local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'junk', data: [`{"a":${deep}}`] }),
    });
    expect(((await r.json()) as { code: string }).code).toBe('DATABASE_REQUEST_FAILED');
    await db.collection('junk').add({ data: { _id: 'still-serving' } });
    expect((await db.collection('junk').doc('still-serving').get()).data._id).toBe('still-serving');
  });
});

describe('modifyAndReturnDoc and in-process db', () => {
  test('updateAndReturn via @cloudbase/node-sdk returns the new document', async () => {
    const tcb = require('@cloudbase/node-sdk') as { init(o: Record<string, unknown>): { database(): WxDb } };
    const ndb = tcb.init({ env: 'local' }).database();
    await ndb.collection('mar').add({ _id: 'm1', n: 1, tag: 't' });
    const r = await ndb
      .collection('mar')
      .where({ tag: 't' })
      .updateAndReturn({ n: ndb.command.inc(5) });
    expect(r.updated).toBe(1);
    expect(r.doc).toEqual({ _id: 'm1', n: 6, tag: 't' });
    const none = await ndb.collection('mar').where({ tag: 'zzz' }).updateAndReturn({ n: 1 });
    expect(none.updated).toBe(0);
  });

  test('LocalDb shares the store and journal with the SDK', async () => {
    const local = h.emulator.db;
    await local.insert('shared', [{ _id: 's1', v: 1 }]);
    expect((await db.collection('shared').doc('s1').get()).data.v).toBe(1);
    await db
      .collection('shared')
      .doc('s1')
      .update({ data: { v: _.inc(1) } });
    expect(local.findOne('shared', { _id: 's1' })?.v).toBe(2);
    expect(await local.update('shared', { _id: 's2' }, { $set: { v: 9 } }, { upsert: true })).toMatchObject({ upsertedId: 's2' });
    expect(local.count('shared')).toBe(2);
    expect(local.aggregate('shared', [{ $group: { _id: null, t: { $sum: '$v' } } }])).toEqual([{ _id: null, t: 11 }]);
    expect(await local.remove('shared', { v: 9 })).toBe(1);
  });
});
