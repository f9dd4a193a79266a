/**
 * contest.* through the functions host: creation and validation, the one-call first page,
 * states, ties and winners, blind finish, the sealed ledger and its audit file, the
 * mini-program code, and every privileged action refused to a resident.
 */
import type { AuditRow, ContestApi } from '../../typings';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { blockHash, verifyChain, voterHash, type ChainRow } from '../../cloudfunctions/common/vote/chain';
import { LOCAL_FUNCTION_ENV_DEFAULTS } from '../../local/config';
import { DAY2, END, START, codeOf, collectionCounts, makeContest, vote } from './vote-helpers';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

describe('create and addProject', () => {
  it('refuses bad input without writing', async () => {
    const before = collectionCounts(rt);
    const bad: Record<string, unknown>[] = [
      { title: '', voting: { startsAt: START, endsAt: END } },
      { title: 'x', voting: { startsAt: 'tomorrow', endsAt: END } },
      { title: 'x', voting: { startsAt: END, endsAt: START } },
      { title: 'x', voting: { startsAt: START, endsAt: END, perProjectPerDay: 0 } },
      { title: 'x', voting: { startsAt: START, endsAt: END, perDay: 1.5 } },
    ];
    for (const body of bad) expect(codeOf(await rt.call('contest', { action: 'create', ...body }, { openid: ADMIN }))).toBe('BAD_REQUEST');
    expect(codeOf(await rt.call('contest', { action: 'addProject', contestId: 'nope', title: 'x', team: 'y' }, { openid: ADMIN }))).toBe('NOT_FOUND');
    expect(collectionCounts(rt)).toEqual(before);
  });

  it('the first page is usable with one call: contest, projects with votes, my votes left and voted today', async () => {
    const { contestId, projectIds } = await makeContest(rt, 3);
    await vote(rt, contestId, projectIds[1], 'g1');
    await vote(rt, contestId, projectIds[1], 'g2');
    const page = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'g1', now: DAY2 }));
    expect(page.contest).toMatchObject({
      contestId,
      status: 'open',
      startsAt: '2026-01-08T09:00:00.000+08:00',
      endsAt: '2026-01-13T00:00:00.000+08:00',
      voting: { perProjectPerDay: 1 },
      settings: { topN: 5, blindHours: 0 },
      countsHidden: false,
    });
    expect(page.projects.map((p) => [p.projectId, p.votes, p.rank])).toEqual([
      [projectIds[0], 0, 2],
      [projectIds[1], 2, 1],
      [projectIds[2], 0, 2],
    ]);
    expect(page.projects[0]).toMatchObject({ title: '项目1', team: '队伍1', community: '大冲社区' });
    expect(page.me).toEqual({ votesLeftToday: 2, votedToday: { [projectIds[1]]: 1 }, day: '2026-01-09', isAdmin: false });
    expect(page.now).toBe('2026-01-09T10:00:00.000+08:00');
  });

  it('lists contests newest first; drafts only for admins', async () => {
    const a = await makeContest(rt, 0, { title: '旧的' });
    const b = await makeContest(rt, 0, { title: '草稿', draft: true });
    const resident = expectOk(await rt.api('contest', 'list', {}, { openid: 'l1' })).items.map((i) => i.contestId);
    expect(resident).toContain(a.contestId);
    expect(resident).not.toContain(b.contestId);
    const admin = expectOk(await rt.api('contest', 'list', {}, { openid: ADMIN })).items.map((i) => i.contestId);
    expect(admin.indexOf(b.contestId)).toBeLessThan(admin.indexOf(a.contestId));
    expect(codeOf(await rt.api('contest', 'get', { contestId: b.contestId }, { openid: 'l1' }))).toBe('NOT_FOUND');
  });
});

describe('states', () => {
  it('draft → open → frozen → published; votes only while open; publication is final', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2, { draft: true });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'st1'))).toBe('NOT_FOUND'); // a draft is unannounced: residents cannot find it
    expect(codeOf(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN }))).toBe('BAD_REQUEST');
    expect(expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'open' }, { openid: ADMIN }))).toEqual({ status: 'open' });
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'st1'))).toBe('OK');
    expect(expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN })).status).toBe('frozen');
    // The vote function still holds the open contest from a moment ago: the closed shards refuse it.
    const late = await vote(rt, contestId, projectIds[1], 'st2');
    expect(codeOf(late)).toBe('VOTING_ENDED');
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 }));
    expect(board.total).toBe(1);
    expect(rt.runtime.emulator.db.find('votes', { contestId, voided: { $exists: false } })).toHaveLength(1);
    expect(expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN })).status).toBe('published');
    expect(codeOf(await rt.api('contest', 'setStatus', { contestId, status: 'open' }, { openid: ADMIN }))).toBe('BAD_REQUEST');
    expect(codeOf(await vote(rt, contestId, projectIds[1], 'st3'))).toBe('VOTING_ENDED');
  });

  it('ranks ties together and flags the top N at publication (a tie at the edge wins together)', async () => {
    const { contestId, projectIds } = await makeContest(rt, 4, { topN: 2 });
    const support = [3, 1, 3, 1];
    for (const [i, n] of support.entries()) for (let k = 0; k < n; k++) await vote(rt, contestId, projectIds[i], `tie-${k}`);
    const live = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 }));
    expect(live.items.map((i) => [i.projectId, i.rank, i.votes, i.winner ?? false])).toEqual([
      [projectIds[0], 1, 3, false],
      [projectIds[2], 1, 3, false],
      [projectIds[1], 3, 1, false],
      [projectIds[3], 3, 1, false],
    ]);
    await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN });
    await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN });
    const final = expectOk(await rt.api('contest', 'leaderboard', { contestId, limit: 3 }, { now: DAY2 }));
    expect(final.items.map((i) => [i.projectId, i.rank, i.winner ?? false])).toEqual([
      [projectIds[0], 1, true],
      [projectIds[2], 1, true],
      [projectIds[1], 3, false],
    ]);
    const page = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'tie-0', now: DAY2 }));
    expect(page.projects.filter((p) => p.winner).map((p) => p.projectId)).toEqual([projectIds[0], projectIds[2]]);
    expect(rt.runtime.emulator.db.findOne('projects', { _id: projectIds[0] })?.votes).toBe(3);
  });
});

describe('publication', () => {
  it('publishes the ledger’s count even when a counter was left behind by a crash', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    for (const who of ['pub-1', 'pub-2', 'pub-3']) await vote(rt, contestId, projectIds[0], who);
    await vote(rt, contestId, projectIds[1], 'pub-1');
    await rt.runtime.emulator.db.update('tally_shards', { contestId, projectId: projectIds[0], n: { $gt: 0 } }, { $inc: { n: -1 } });
    await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN });
    expect(expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN })).status).toBe('published');
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 }));
    expect(board.items.map((i) => [i.projectId, i.votes, i.rank, i.winner ?? false])).toEqual([
      [projectIds[0], 3, 1, true],
      [projectIds[1], 1, 2, true],
    ]);
    expect(rt.runtime.emulator.db.findOne('projects', { _id: projectIds[0] })?.votes).toBe(3);
    expect(rt.runtime.emulator.db.find('audit', { target: contestId, action: 'vote.reconcile' })).toHaveLength(1);
  });
});

describe('blind finish', () => {
  it('hides counts and ranks for the last N hours and reveals them at publication', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2, { blindHours: 24 });
    await vote(rt, contestId, projectIds[0], 'b1', '2026-01-11T15:00:00Z');
    const before = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'b1', now: '2026-01-11T15:59:59Z' }));
    expect(before.contest).toMatchObject({ countsHidden: false, blindFrom: '2026-01-12T00:00:00.000+08:00' });
    expect(before.projects[0].votes).toBe(1);

    const blind = '2026-01-11T16:00:00Z';
    const cast = expectOk(await vote(rt, contestId, projectIds[1], 'b2', blind));
    expect(cast.votes).toBeNull();
    const page = expectOk(await rt.api('contest', 'get', { contestId }, { openid: 'b1', now: blind }));
    expect(page.contest.countsHidden).toBe(true);
    expect(page.projects.map((p) => [p.votes, p.rank])).toEqual([
      [null, null],
      [null, null],
    ]);
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: blind }));
    expect(board).toMatchObject({ hidden: true, total: null });
    expect(board.items.map((i) => [i.projectId, i.rank, i.votes])).toEqual([
      [projectIds[0], null, null],
      [projectIds[1], null, null],
    ]);
    // Admins watch the live count while residents see none.
    const watched = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { openid: ADMIN, now: blind }));
    expect(watched).toMatchObject({ hidden: false, total: 2 });
    const adminPage = expectOk(await rt.api('contest', 'get', { contestId }, { openid: ADMIN, now: blind }));
    expect(adminPage.contest.countsHidden).toBe(true); // still hidden from residents
    expect(adminPage.projects.map((p) => p.votes)).toEqual([1, 1]);
    await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN });
    expect(expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: '2026-01-13T01:00:00Z' })).hidden).toBe(true);
    await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN });
    const revealed = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: '2026-01-13T01:00:00Z' }));
    expect(revealed.items.map((i) => [i.rank, i.votes])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('a frozen contest can hide counts until publication', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1, { hideCountsWhenFrozen: true });
    await vote(rt, contestId, projectIds[0], 'h1');
    expect(expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 })).hidden).toBe(false);
    await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN });
    expect(expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 })).items[0].votes).toBeNull();
  });
});

describe('verifiable ledger', () => {
  it('seals at freeze, returns the chain head, and publishes a file anyone can recount and find a receipt in', async () => {
    const { contestId, projectIds } = await makeContest(rt, 3);
    const receipts = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const who = `a${i}`;
      const res = expectOk(await vote(rt, contestId, projectIds[i % 3], who));
      receipts.set(who, String(res.receipt));
    }
    const head0 = expectOk(await rt.api('contest', 'audit', { contestId }, { openid: 'a1' }));
    expect(head0).toEqual({ head: null, blocks: 0, unsealed: 12 });
    // The timer seals what is there; later votes go into the next block.
    expect(expectOk(await rt.call<{ sealed: { contestId: string; rows: number }[] }>('contest', { Type: 'Timer', TriggerName: 'seal' })).sealed).toEqual(
      expect.arrayContaining([expect.objectContaining({ contestId, rows: 12 })]),
    );
    const head0Sealed = expectOk(await rt.api('contest', 'audit', { contestId }, { openid: 'a1' })).head?.hash;
    await vote(rt, contestId, projectIds[0], 'late-1');
    await rt.api('vote', 'void', { contestId, receipts: [String(receipts.get('a0'))], reason: '核实为刷票' }, { openid: ADMIN });
    const frozen = expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, { openid: ADMIN }));
    expect(frozen.sealed).toEqual({ blocks: 1, rows: 1 });
    const head = expectOk(await rt.api('contest', 'audit', { contestId }, { openid: 'a1' }));
    expect(head).toMatchObject({ blocks: 2, unsealed: 0, head: { seq: 2, rows: 1 } });

    expect(codeOf(await rt.api('contest', 'auditFile', { contestId }, { openid: 'a1' }))).toBe('FORBIDDEN');
    await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN });
    const file = expectOk(await rt.api('contest', 'auditFile', { contestId }, { openid: 'a1' }));
    expect(file.blocks.map((b) => b.seq)).toEqual([1, 2]);
    expect(file.blocks[1].hash).toBe(head.head?.hash);
    expect(file.rows).toHaveLength(13);
    // Anyone can recompute every block hash from the file alone.
    const byBlock = new Map<number, ChainRow[]>();
    for (const row of file.rows) byBlock.set(row.block, [...(byBlock.get(row.block) ?? []), chainRowOf(row)]);
    // The void was appended after block 1 was sealed: block 2 covers it; block 1 is unchanged.
    expect(file.voids).toEqual([{ receipt: receipts.get('a0'), reason: '核实为刷票', at: expect.any(String), block: 2 }]);
    const voidsByBlock = new Map([[2, file.voids.map((v) => ({ receipt: v.receipt, reason: v.reason, at: v.at }))]]);
    expect(verifyChain(file.blocks, byBlock, voidsByBlock)).toEqual({ ok: true });
    expect(verifyChain(file.blocks, byBlock)).toMatchObject({ ok: false, seq: 2 });
    expect(blockHash(file.blocks[0].hash, 2, byBlock.get(2) ?? [], voidsByBlock.get(2))).toBe(file.blocks[1].hash);
    expect(file.blocks[0].hash).toBe(head0Sealed);
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 }));
    expect(file.tally).toEqual(Object.fromEntries(board.items.map((i) => [i.projectId, i.votes])));
    // ... and a voter finds their receipt, under their salted id, never their openid.
    const salt = LOCAL_FUNCTION_ENV_DEFAULTS.AUDIT_SALT;
    const mine = file.rows.find((r) => r.receipt === receipts.get('a5'));
    expect(mine).toMatchObject({ projectId: projectIds[2], voter: voterHash('a5', salt), day: '2026-01-09' });
    expect(JSON.stringify(file)).not.toContain('"a5"');
  });
});

function chainRowOf(row: AuditRow): ChainRow {
  return { receipt: row.receipt, projectId: row.projectId, day: row.day, at: row.at, voter: row.voter };
}

describe('拉票海报 code', () => {
  it('asks wxacode.getUnlimited for the project page with the project as scene and returns the PNG', async () => {
    const { projectIds } = await makeContest(rt, 1);
    const code = expectOk(await rt.api('contest', 'projectCode', { projectId: projectIds[0] }, { openid: 'p1' }));
    expect(code).toMatchObject({ contentType: 'image/png', scene: projectIds[0], page: 'pages/vote-project/index' });
    expect(Buffer.from(code.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const outbox = await rt.outbox();
    expect(outbox.filter((o) => o.api === 'wxacode.getUnlimited').pop()?.params).toMatchObject({ scene: projectIds[0], page: 'pages/vote-project/index' });
    expect(codeOf(await rt.api('contest', 'projectCode', { projectId: 'nope' }, { openid: 'p1' }))).toBe('NOT_FOUND');
  });
});

describe('privileged actions as a resident', () => {
  it('are FORBIDDEN and write nothing', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const receipt = String(expectOk(await vote(rt, contestId, projectIds[0], 'f1')).receipt);
    const before = collectionCounts(rt);
    const shardsBefore = JSON.stringify(rt.runtime.emulator.db.find('tally_shards', { contestId }));
    const attempts: [string, Record<string, unknown>][] = [
      ['contest', { action: 'create', title: 'x', voting: { startsAt: START, endsAt: END } } satisfies { action: string } & ContestApi['create']['req']],
      ['contest', { action: 'addProject', contestId, title: 'x', team: 'y' }],
      ['contest', { action: 'setStatus', contestId, status: 'frozen' }],
      ['contest', { action: 'seal', contestId }],
      ['contest', { action: 'auditFile', contestId }],
      ['vote', { action: 'reconcile', contestId }],
      ['vote', { action: 'reconcile' }],
      ['vote', { action: 'flags', contestId }],
      ['vote', { action: 'void', contestId, receipts: [receipt], reason: '试试看' }],
    ];
    for (const [fn, body] of attempts) {
      for (const spoof of [{}, { role: 'admin', openid: ADMIN }]) {
        expect([fn, body.action, codeOf(await rt.call(fn, { ...body, ...spoof }, { openid: 'f1', now: DAY2 }))]).toEqual([fn, body.action, 'FORBIDDEN']);
      }
    }
    expect(collectionCounts(rt)).toEqual(before);
    expect(JSON.stringify(rt.runtime.emulator.db.find('tally_shards', { contestId }))).toBe(shardsBefore);
    expect(rt.runtime.emulator.db.findOne('contests', { _id: contestId })?.status).toBe('open');
  });
});
