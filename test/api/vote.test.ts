/**
 * vote.* through the functions host (real wx-server-sdk, emulator): window, quotas per
 * Asia/Shanghai day, dedup, rate limit, reconcile, void, receipts.
 */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { DAY2, codeOf, collectionCounts, ledgerTally, makeContest, shardTally, vote } from './vote-helpers';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

describe('voting window', () => {
  it('refuses before the start and from the end, and writes nothing', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const before = collectionCounts(rt);
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'w1', '2026-01-08T00:59:59Z'))).toBe('VOTING_NOT_STARTED');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'w1', '2026-01-12T16:00:00Z'))).toBe('VOTING_ENDED');
    expect(collectionCounts(rt)).toEqual(before);
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'w1', '2026-01-08T01:00:00Z'))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'w2', '2026-01-12T15:59:59Z'))).toBe('OK');
  });
});

describe('refusals write nothing', () => {
  it('a contest-wide quota added mid-contest: a vote the full day refuses leaves no quota document behind', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { voting: { perDay: 1 } });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'late-rules'))).toBe('OK');
    // The admin adds a project and a contest-wide quota; the vote function reads both fresh for the new project.
    const added = expectOk(await rt.api('contest', 'addProject', { contestId, title: '新项目', team: '新队伍' }, { openid: ADMIN, now: DAY2 }));
    expectOk(
      await rt.api(
        'contest',
        'update',
        { contestId, patch: { voting: { startsAt: '2026-01-08T09:00:00+08:00', endsAt: '2026-01-13T00:00:00+08:00', perDay: 1, total: 5 } } },
        { openid: ADMIN, now: DAY2 },
      ),
    );
    const before = collectionCounts(rt);
    expect(codeOf(await vote(rt, contestId, added.projectId, 'late-rules'))).toBe('DAILY_LIMIT_REACHED');
    expect(collectionCounts(rt)).toEqual(before);
  });
});

describe('quotas per Asia/Shanghai day', () => {
  it('one vote per project per day by default; the day turns at 16:00Z', async () => {
    const { contestId, projectIds } = await makeContest(rt, 3);
    const first = expectOk(await vote(rt, contestId, projectIds[0], 'q1', '2026-01-09T15:00:00Z'));
    expect(first).toMatchObject({ projectId: projectIds[0], votes: 1, votesLeftToday: 2 });
    expect(first.receipt).toMatch(/^[2-9A-Z]{10}$/);
    const again = await vote(rt, contestId, projectIds[0], 'q1', '2026-01-09T15:59:59Z');
    expect(again).toEqual({ ok: false, code: 'ALREADY_VOTED_TODAY', message: expect.stringContaining('今天') });
    expect(expectOk(await vote(rt, contestId, projectIds[0], 'q1', '2026-01-09T16:00:00Z'))).toMatchObject({ votes: 2, votesLeftToday: 2 });
    expect(ledgerTally(rt, contestId)).toEqual({ [projectIds[0]]: 2 });
    expect(
      rt.runtime.emulator.db
        .find('votes', { contestId })
        .map((v) => v._id)
        .sort(),
    ).toEqual([`${contestId}:${projectIds[0]}:q1:2026-01-09`, `${contestId}:${projectIds[0]}:q1:2026-01-10`]);
  });

  it('perDay caps a day over all projects (DAILY_LIMIT_REACHED), and resets the next day', async () => {
    const { contestId, projectIds } = await makeContest(rt, 3, { voting: { perDay: 2 } });
    expect(expectOk(await vote(rt, contestId, projectIds[0], 'd1')).votesLeftToday).toBe(1);
    expect(expectOk(await vote(rt, contestId, projectIds[1], 'd1')).votesLeftToday).toBe(0);
    expect(codeOf(await vote(rt, contestId, projectIds[2], 'd1'))).toBe('DAILY_LIMIT_REACHED');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'd1'))).toBe('ALREADY_VOTED_TODAY');
    expect(codeOf(await vote(rt, contestId, projectIds[2], 'd1', '2026-01-09T16:00:00Z'))).toBe('OK');
    expect(ledgerTally(rt, contestId)).toEqual({ [projectIds[0]]: 1, [projectIds[1]]: 1, [projectIds[2]]: 1 });
    const quota = rt.runtime.emulator.db.findOne('vote_quotas', { _id: `${contestId}:d1:2026-01-09` });
    expect(quota?.count).toBe(2);
  });

  it('total caps the whole contest', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2, { voting: { total: 3 } });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 't1', '2026-01-08T02:00:00Z'))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[1], 't1', '2026-01-08T02:00:00Z'))).toBe('OK');
    expect(expectOk(await vote(rt, contestId, projectIds[0], 't1', '2026-01-09T02:00:00Z')).votesLeftToday).toBe(0);
    expect(codeOf(await vote(rt, contestId, projectIds[1], 't1', '2026-01-09T02:00:00Z'))).toBe('DAILY_LIMIT_REACHED');
    expect(codeOf(await vote(rt, contestId, projectIds[1], 't1', '2026-01-10T02:00:00Z'))).toBe('DAILY_LIMIT_REACHED');
    expect(rt.runtime.emulator.db.count('votes', { contestId })).toBe(3);
  });

  it('perProjectPerDay > 1 gives each vote its own slot in the ledger key', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { voting: { perProjectPerDay: 2 } });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 's1'))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 's1'))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 's1'))).toBe('ALREADY_VOTED_TODAY');
    expect(
      rt.runtime.emulator.db
        .find('votes', { contestId })
        .map((v) => v._id)
        .sort(),
    ).toEqual([`${contestId}:${projectIds[0]}:s1:2026-01-09`, `${contestId}:${projectIds[0]}:s1:2026-01-09:1`]);
  });
});

describe('identity and input', () => {
  it('ignores an openid sent in the request: the vote is the caller’s', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const res = await rt.call(
      'vote',
      { action: 'cast', contestId, projectId: projectIds[0], openid: 'victim', _openid: 'victim' },
      { openid: 'real', now: DAY2 },
    );
    expect(codeOf(res)).toBe('OK');
    expect(rt.runtime.emulator.db.find('votes', { contestId }).map((v) => v.openid)).toEqual(['real']);
  });

  it('refuses bad input, unknown projects and anonymous callers without writing', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const other = await makeContest(rt, 1);
    const before = collectionCounts(rt);
    for (const body of [
      { action: 'cast' },
      { action: 'cast', contestId, projectId: 5 },
      { action: 'cast', contestId: { $gt: '' }, projectId: projectIds[0] },
    ]) {
      expect(codeOf(await rt.call('vote', body, { openid: 'x1', now: DAY2 }))).toBe('BAD_REQUEST');
    }
    expect(codeOf(await vote(rt, contestId, other.projectIds[0], 'x1'))).toBe('NOT_FOUND');
    expect(codeOf(await vote(rt, 'nope', projectIds[0], 'x1'))).toBe('NOT_FOUND');
    expect(codeOf(await rt.api('vote', 'cast', { contestId, projectId: projectIds[0] }, { now: DAY2 }))).toBe('FORBIDDEN');
    expect(collectionCounts(rt)).toEqual(before);
  });
});

describe('anti-刷票', () => {
  it('rate-limits a person’s attempts (refusals count too)', async () => {
    const { contestId, projectIds } = await makeContest(rt, 4, { rateLimit: { max: 3, windowSeconds: 60 } });
    const at = (s: number) => new Date(Date.parse(DAY2) + s * 1000).toISOString();
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'r1', at(0)))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'r1', at(1)))).toBe('ALREADY_VOTED_TODAY');
    expect(codeOf(await vote(rt, contestId, projectIds[1], 'r1', at(2)))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[2], 'r1', at(3)))).toBe('RATE_LIMITED');
    expect(codeOf(await vote(rt, contestId, projectIds[2], 'r2', at(3)))).toBe('OK');
    expect(codeOf(await vote(rt, contestId, projectIds[2], 'r1', at(61)))).toBe('OK');
  });

  it('admins void votes by receipt: out of the tally, marked in the ledger, audited; residents cannot', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    const receipts: string[] = [];
    for (const who of ['v1', 'v2', 'v3']) receipts.push(String(expectOk(await vote(rt, contestId, projectIds[0], who)).receipt));
    const before = collectionCounts(rt);
    expect(codeOf(await rt.api('vote', 'void', { contestId, receipts: [receipts[0]], reason: '同一设备批量注册' }, { openid: 'v1' }))).toBe('FORBIDDEN');
    expect(collectionCounts(rt)).toEqual(before);

    const res = expectOk(await rt.api('vote', 'void', { contestId, receipts: [receipts[0], 'NOTAREALONE'], reason: '同一设备批量注册' }, { openid: ADMIN }));
    expect(res).toEqual({ voided: 1, alreadyVoid: 0, notFound: 1 });
    expect(expectOk(await rt.api('vote', 'void', { contestId, receipts: [receipts[0]], reason: '重复' }, { openid: ADMIN }))).toEqual({
      voided: 0,
      alreadyVoid: 1,
      notFound: 0,
    });
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 }));
    expect(board.items.find((i) => i.projectId === projectIds[0])?.votes).toBe(2);
    expect(rt.runtime.emulator.db.count('votes', { contestId })).toBe(3);
    expect(rt.runtime.emulator.db.findOne('votes', { receipt: receipts[0] })?.voided).toMatchObject({ reason: '同一设备批量注册', by: ADMIN });
    expect(rt.runtime.emulator.db.find('audit', { target: contestId, action: 'vote.void' })).toHaveLength(2);
    const mine = expectOk(await rt.api('vote', 'mine', { contestId }, { openid: 'v1' }));
    expect(mine.items).toEqual([expect.objectContaining({ projectId: projectIds[0], receipt: receipts[0], voided: true })]);
    // A voided vote still used the person's quota for that day.
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'v1'))).toBe('ALREADY_VOTED_TODAY');
    expect(shardTally(rt, contestId)).toEqual(ledgerTally(rt, contestId));
  });

  it('flags a burst of new voters for one project', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    const base = Date.parse('2026-01-09T02:00:00Z');
    for (let i = 0; i < 40; i++) {
      expect(codeOf(await vote(rt, contestId, projectIds[1], `burst-${i}`, new Date(base + i * 5000).toISOString()))).toBe('OK');
    }
    for (let i = 0; i < 3; i++) await vote(rt, contestId, projectIds[0], `steady-${i}`, new Date(base - 36 * 3600_000).toISOString());
    expect(codeOf(await rt.api('vote', 'flags', { contestId }, { openid: 'burst-1' }))).toBe('FORBIDDEN');
    const flags = expectOk(await rt.api('vote', 'flags', { contestId, windowMinutes: 10 }, { openid: ADMIN }));
    expect(flags.items.map((f) => f.kind)).toEqual(expect.arrayContaining(['new-voter-burst']));
    expect(flags.items.every((f) => f.projectId === undefined || f.projectId === projectIds[1])).toBe(true);
    expect(JSON.stringify(flags)).not.toContain('burst-1"');
  });
});

describe('mine', () => {
  it('lists my votes with receipts, newest first', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    await vote(rt, contestId, projectIds[0], 'm1', '2026-01-08T02:00:00Z');
    await vote(rt, contestId, projectIds[1], 'm1', '2026-01-09T02:00:00Z');
    await vote(rt, contestId, projectIds[1], 'm2', '2026-01-09T02:00:00Z');
    const mine = expectOk(await rt.api('vote', 'mine', { contestId }, { openid: 'm1' }));
    expect(mine.items.map((i) => [i.projectId, i.day])).toEqual([
      [projectIds[1], '2026-01-09'],
      [projectIds[0], '2026-01-08'],
    ]);
    expect(mine.items.every((i) => /^[2-9A-Z]{10}$/.test(String(i.receipt)))).toBe(true);
  });
});

describe('where the quota cannot bind (no total, a daily limit of every slot)', () => {
  it('a vote costs one write less (no quota document); the ledger still refuses the repeat', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    const first = expectOk(await vote(rt, contestId, projectIds[0], 'nb-1'));
    expect(first.votesLeftToday).toBe(1);
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'nb-1'))).toBe('ALREADY_VOTED_TODAY');
    expect(expectOk(await vote(rt, contestId, projectIds[1], 'nb-1')).votesLeftToday).toBe(0);
    expect(rt.runtime.emulator.db.count('vote_quotas', { contestId })).toBe(0);
  });

  it("once a project is added and the limit binds, the day's votes so far count against it", async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { voting: { perDay: 1 } });
    expectOk(await vote(rt, contestId, projectIds[0], 'nb-2'));
    const added = expectOk(await rt.api('contest', 'addProject', { contestId, title: '后加的项目', team: '新队伍' }, { openid: ADMIN, now: DAY2 }));
    expect(codeOf(await vote(rt, contestId, added.projectId, 'nb-2'))).toBe('DAILY_LIMIT_REACHED');
    expect(codeOf(await vote(rt, contestId, added.projectId, 'nb-3'))).toBe('OK');
  });
});

describe('reconcile', () => {
  it('repairs a damaged tally and a leaked quota, and reports what it fixed', async () => {
    // A daily limit below every project's slot (2 of 3): the quota binds, so it is kept and repaired.
    const { contestId, projectIds } = await makeContest(rt, 3, { voting: { perDay: 2 } });
    for (const who of ['k1', 'k2', 'k3']) await vote(rt, contestId, projectIds[0], who);
    await vote(rt, contestId, projectIds[1], 'k1');
    const db = rt.runtime.emulator.db;
    // A crash after the ledger insert (shard never counted) and a bogus extra count elsewhere.
    await db.update('tally_shards', { contestId, projectId: projectIds[0], n: { $gt: 0 } }, { $inc: { n: -1 } });
    await db.update('tally_shards', { _id: `${projectIds[1]}:3` }, { $inc: { n: 5 } });
    // A crash between quota reservation and ledger insert.
    await db.update('vote_quotas', { _id: `${contestId}:k2:2026-01-09` }, { $inc: { count: 1 } });
    expect(shardTally(rt, contestId)).not.toEqual(ledgerTally(rt, contestId));

    expect(codeOf(await rt.api('vote', 'reconcile', { contestId }, { openid: 'k1' }))).toBe('FORBIDDEN');
    const { reports } = expectOk(await rt.api('vote', 'reconcile', { contestId }, { openid: ADMIN }));
    expect(reports).toEqual([
      expect.objectContaining({
        contestId,
        ledgerRows: 4,
        quotasFixed: 1,
        fixes: expect.arrayContaining([
          { projectId: projectIds[0], ledger: 3, counted: 2, fixed: true },
          { projectId: projectIds[1], ledger: 1, counted: 6, fixed: true },
        ]),
      }),
    ]);
    expect(shardTally(rt, contestId)).toEqual(ledgerTally(rt, contestId));
    expect(db.findOne('vote_quotas', { _id: `${contestId}:k2:2026-01-09` })?.count).toBe(1);
    const again = expectOk(await rt.api('vote', 'reconcile', { contestId }, { openid: ADMIN }));
    expect(again.reports[0]).toMatchObject({ fixes: [], quotasFixed: 0 });
    // The timer trigger does the same for every live contest.
    await db.update('tally_shards', { _id: `${projectIds[1]}:0` }, { $inc: { n: 2 } });
    const timer = await rt.call<{ reports: { contestId: string; fixes: unknown[] }[] }>('vote', { Type: 'Timer', TriggerName: 'reconcile' });
    expect(expectOk(timer).reports.find((r) => r.contestId === contestId)?.fixes).toHaveLength(1);
    expect(shardTally(rt, contestId)).toEqual(ledgerTally(rt, contestId));
  });
});
