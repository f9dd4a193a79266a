/**
 * 评审打分 and the mixed final ranking over HTTP: criteria and weights, judges scoring once and
 * never their own team's project, scores secret until the scoring closes, the ranking on a
 * fixed example equal to a hand computation, publication showing parts and total.
 */
import { ADMIN, appData, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { DAY2, codeOf, makeContest, vote } from './vote-helpers';

const AS_ADMIN = { openid: ADMIN, now: DAY2 };
const J1 = 'judge-1';
const J2 = 'judge-2';
const STAFF = 'staff-1';

let rt: TestRuntime;
let contestId: string;
let projectIds: string[];

const as = (openid: string) => ({ openid, now: DAY2 });
const score = (openid: string, projectId: string, c1: number, c2: number) =>
  rt.api('contest', 'score', { contestId, projectId, scores: { c1, c2 } }, as(openid));

beforeAll(async () => {
  rt = await startTestRuntime();
  ({ contestId, projectIds } = await makeContest(rt, 3));
  for (const [openid, name] of [
    [J1, '陈老师'],
    [J2, '刘主任'],
  ])
    expectOk(await rt.api('role', 'grant', { openid, role: 'judge', contestId, name }, AS_ADMIN));
  // Judge 2 is on project 3's team (its organizer).
  expectOk(await rt.api('role', 'grant', { openid: J2, role: 'organizer', projectId: projectIds[2] }, AS_ADMIN));
  expectOk(await rt.api('role', 'grant', { openid: STAFF, role: 'staff', contestId }, AS_ADMIN));
});
afterAll(async () => {
  await rt.stop();
});

describe('judges', () => {
  it('the admin sets weighted criteria and the parts’ weights (each adding up to 100)', async () => {
    const bad = await rt.api(
      'contest',
      'setScoring',
      {
        contestId,
        criteria: [
          { name: '创新性', weight: 40 },
          { name: '可行性', weight: 50 },
        ],
        weights: { online: 30, onsite: 30, judges: 40 },
      },
      AS_ADMIN,
    );
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    const view = expectOk(
      await rt.api(
        'contest',
        'setScoring',
        {
          contestId,
          criteria: [
            { name: '创新性', weight: 40 },
            { name: '可行性', weight: 60 },
          ],
          weights: { online: 30, onsite: 30, judges: 40 },
        },
        AS_ADMIN,
      ),
    );
    expect(view).toMatchObject({
      criteria: [
        { key: 'c1', name: '创新性', weight: 40 },
        { key: 'c2', name: '可行性', weight: 60 },
      ],
      scoreMax: 10,
    });
    expect(view.formula).toContain('× 40%');
  });

  it('a judge scores each project once, never a project of their own team', async () => {
    const sheet = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, as(J2)));
    expect(sheet.projects.map((p) => p.ownTeam)).toEqual([false, false, true]);
    const before = appData(rt);
    expect(await score(J2, projectIds[2], 10, 10)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(codeOf(await score(J1, projectIds[0], 8, 11))).toBe('BAD_REQUEST');
    expect(codeOf(await score(STAFF, projectIds[0], 8, 8))).toBe('FORBIDDEN');
    expect(appData(rt)).toBe(before);
    // J1: A 8/9 → 86, B 9/9 → 90, C 6/7 → 66;  J2: A 7/8 → 76, B 10/9 → 94.
    expect(expectOk(await score(J1, projectIds[0], 8, 9))).toEqual({ projectId: projectIds[0], total: 86 });
    expect(codeOf(await score(J1, projectIds[0], 10, 10))).toBe('CONFLICT');
    expectOk(await score(J1, projectIds[1], 9, 9));
    expectOk(await score(J1, projectIds[2], 6, 7));
    expectOk(await score(J2, projectIds[0], 7, 8));
    expectOk(await score(J2, projectIds[1], 10, 9));
    const mine = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, as(J1)));
    expect(mine.projects.map((p) => p.mine?.total)).toEqual([86, 90, 66]);
    expect(mine.projects[0].judged).toBeUndefined();
    // Criteria cannot change under scores already given.
    expect(
      codeOf(
        await rt.api(
          'contest',
          'setScoring',
          { contestId, criteria: [{ name: '综合', weight: 100 }], weights: { online: 30, onsite: 30, judges: 40 } },
          AS_ADMIN,
        ),
      ),
    ).toBe('BAD_REQUEST');
  });

  it("nobody reads another judge's scores before the scoring closes; admins see progress only", async () => {
    expect(codeOf(await rt.api('contest', 'scores', { contestId }, as(J1)))).toBe('FORBIDDEN');
    expect(codeOf(await rt.api('contest', 'scores', { contestId }, AS_ADMIN))).toBe('FORBIDDEN');
    expect(codeOf(await rt.api('contest', 'ranking', { contestId }, AS_ADMIN))).toBe('FORBIDDEN');
    const sheet = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, as(J2)));
    expect(JSON.stringify(sheet)).not.toContain('"total":86'); // J1's score of A
    const progress = expectOk(await rt.api('contest', 'scoreSheet', { contestId }, AS_ADMIN));
    expect(progress.projects.map((p) => [p.judged, p.mine])).toEqual([
      [2, null],
      [2, null],
      [1, null],
    ]);
  });

  it('after closing, judges see all scores (numbered, not named) and nobody can score', async () => {
    expectOk(await rt.api('contest', 'closeScoring', { contestId }, AS_ADMIN));
    expect(codeOf(await score(J2, projectIds[2], 5, 5))).toBe('BAD_REQUEST');
    const all = expectOk(await rt.api('contest', 'scores', { contestId }, as(J2)));
    expect(all.items.map((i) => [i.average, i.byJudge.map((j) => `${j.judge}:${j.total}`)])).toEqual([
      [81, ['评委1:86', '评委2:76']],
      [92, ['评委1:90', '评委2:94']],
      [66, ['评委1:66']],
    ]);
    expect(JSON.stringify(all)).not.toMatch(/judge-|陈老师/);
    expect(codeOf(await rt.api('contest', 'scores', { contestId }, as('resident-x')))).toBe('FORBIDDEN');
  });
});

describe('the mixed final ranking', () => {
  it('equals the hand computation, and publication shows each project’s parts and total to everyone', async () => {
    // Online: A 4, B 2, C 1.  On-site (assisted): A 1, B 2, C 4.
    const online = [4, 2, 1];
    for (const [i, n] of online.entries()) for (let k = 0; k < n; k++) expectOk(await vote(rt, contestId, projectIds[i], `voter-${i}-${k}`));
    const onsite = [1, 2, 4];
    for (const [i, n] of onsite.entries()) {
      for (let k = 0; k < n; k++)
        expectOk(
          await rt.api(
            'vote',
            'assisted',
            { contestId, projectId: projectIds[i], voter: { name: '居民', phone: `1390000${i}${String(k).padStart(3, '0')}` } },
            as(STAFF),
          ),
        );
    }
    // By hand (weights 30/30/40; judges' averages A 81, B 92, C 66; each part ÷ its leader × 100):
    //   A: online 4/4 → 100;   on-site 1/4 → 25;  judges 81/92 → 88.043…  → 30 + 7.5 + 35.217… = 72.72
    //   B: online 2/4 → 50;    on-site 2/4 → 50;  judges 92/92 → 100      → 15 + 15  + 40       = 70
    //   C: online 1/4 → 25;    on-site 4/4 → 100; judges 66/92 → 71.739…  → 7.5 + 30 + 28.695… = 66.2
    const ranking = expectOk(await rt.api('contest', 'ranking', { contestId }, AS_ADMIN));
    expect(ranking.items.map((i) => [i.rank, i.projectId, i.total])).toEqual([
      [1, projectIds[0], 72.72],
      [2, projectIds[1], 70],
      [3, projectIds[2], 66.2],
    ]);
    expect(ranking.items[0]).toMatchObject({ online: { raw: 4, points: 100 }, onsite: { raw: 1, points: 25 }, judges: { raw: 81, points: 88.04, count: 2 } });
    expect(ranking.scoring.formula).toContain('线上投票得分 × 30%');
    // 最佳人气奖 stays the vote alone (online + assisted): C leads it with 5 votes.
    const board = expectOk(await rt.api('contest', 'leaderboard', { contestId }, as('resident-x')));
    expect(board.items.map((i) => [i.projectId, i.votes])).toEqual([
      [projectIds[0], 5],
      [projectIds[2], 5],
      [projectIds[1], 4],
    ]);
    expect(codeOf(await rt.api('contest', 'ranking', { contestId }, as('resident-x')))).toBe('FORBIDDEN');
    expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, { openid: ADMIN, now: '2026-01-14T02:00:00Z' }));
    const published = expectOk(await rt.api('contest', 'ranking', { contestId }, as('resident-x')));
    expect(published.items.map((i) => i.total)).toEqual([72.72, 70, 66.2]);
    expect(published.status).toBe('published');
  });

  it('publication closes a scoring left open', async () => {
    const other = await makeContest(rt, 1);
    expectOk(
      await rt.api(
        'contest',
        'setScoring',
        { contestId: other.contestId, criteria: [{ name: '综合', weight: 100 }], weights: { online: 50, onsite: 0, judges: 50 } },
        AS_ADMIN,
      ),
    );
    expectOk(await rt.api('contest', 'setStatus', { contestId: other.contestId, status: 'published' }, AS_ADMIN));
    const page = expectOk(await rt.api('contest', 'get', { contestId: other.contestId }, as('resident-x')));
    expect(page.contest.scoring).toEqual({ closed: true });
    expect(expectOk(await rt.api('contest', 'ranking', { contestId: other.contestId }, as('resident-x'))).scoring.closedAt).toBeDefined();
  });
});
