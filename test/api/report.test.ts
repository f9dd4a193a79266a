/**
 * report.project through the functions host. The main test rebuilds the final report of
 * 党建引领福禄巷10号院自治管理项目 (seed 003: ten activity types, 30 sessions planned, 31 held,
 * 329 person-times) from activities and check-ins made only through the API, with time moved
 * by X-Now, and expects the same table.
 */
import type { ProjectReport } from '../../typings';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { codeOf, ownIdOf } from './checkin-helpers';

/** Seed 003, 项目完成目标与活动对照表: type, planned sessions, held sessions, person-times. */
const SEED_003: [string, number, number, number][] = [
  ['自管会筹备会', 3, 3, 18],
  ['问卷调查', 2, 2, 52],
  ['环境规划', 3, 3, 28],
  ['居民议事会', 5, 5, 54],
  ['义务劳动', 3, 3, 46],
  ['居民代表会', 1, 1, 10],
  ['自管会议事会', 3, 3, 28],
  ['骨干培训', 3, 3, 21],
  ['督导', 5, 6, 49],
  ['表彰总结会', 2, 2, 23],
];

const ORGANIZER = 'fulu-organizer';
const MIN = 60_000;
const CREATED = new Date('2026-03-01T00:00:00Z');
/** Session k starts k days after this, 10:00 Beijing, and lasts two hours. */
const FIRST = new Date('2026-04-01T02:00:00Z');
const startOf = (k: number) => new Date(FIRST.getTime() + k * 24 * 60 * MIN);
const POOL = 40;
/** Days of the two sessions that are not held: one started with nobody checked in, one far ahead. */
const EMPTY_DAY = 31;
const FUTURE_DAY = 131;
const resident = (i: number) => `fulu-${i % POOL}`;
/** A grandmother signed up by her grandson each time, checked in by the organizer from the roster. */
const GRANDMA = { name: '王奶奶', phone: '13900001111' };

let rt: TestRuntime;
let projectId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  const voting = { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-06T00:00:00+08:00' };
  const { contestId } = expectOk(await rt.api('contest', 'create', { title: '社区共营项目', voting }, { openid: ADMIN, now: CREATED }));
  const planned = SEED_003.map(([type, sessions]) => ({ type, sessions }));
  projectId = expectOk(
    await rt.api('contest', 'addProject', { contestId, title: '党建引领福禄巷10号院自治管理项目', team: '智德社区', planned }, { openid: ADMIN, now: CREATED }),
  ).projectId;
  expectOk(await rt.api('role', 'grant', { openid: ORGANIZER, role: 'organizer', projectId }, { openid: ADMIN, now: CREATED }));
});
afterAll(async () => {
  await rt?.stop();
});

async function createSession(type: string, k: number): Promise<string> {
  const startsAt = startOf(k);
  const params = {
    title: `福禄巷10号院${type}`,
    type,
    projectId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 120 * MIN).toISOString(),
    capacity: 80,
    location: { name: '智德社区活动室' },
  };
  return expectOk(await rt.api('activity', 'create', params, { openid: ORGANIZER, now: CREATED })).activityId;
}

/**
 * One held session with n person-times: grandma from the roster, two signed-up residents, the
 * rest walk-ins — all scanning the organizer's live token, some of them twice.
 */
async function holdSession(activityId: string, k: number, n: number, offset: number): Promise<Set<string>> {
  const people = new Set<string>(['grandma']);
  const grandson = resident(offset);
  const { signupId } = expectOk(await rt.api('activity', 'signup', { activityId, forOther: GRANDMA }, { openid: grandson, now: CREATED }));
  const scanners = Array.from({ length: n - 1 }, (_, m) => resident(offset + m));
  for (const [m, openid] of scanners.slice(0, 2).entries()) {
    expectOk(
      await rt.api(
        'activity',
        'signup',
        { activityId, form: { name: `居民${'甲乙'[m]}`, phone: `1380000${String(offset + m).padStart(4, '0')}` } },
        { openid, now: CREATED },
      ),
    );
  }
  const at = new Date(startOf(k).getTime() + 5 * MIN);
  const { token } = expectOk(await rt.api('checkin', 'token', { activityId }, { openid: ORGANIZER, now: at }));
  expectOk(await rt.api('checkin', 'manual', { activityId, signupId: signupId! }, { openid: ORGANIZER, now: at }));
  const results = await Promise.all(scanners.map((openid) => rt.api('checkin', 'scan', { token }, { openid, now: at })));
  expect(results.map(codeOf).filter((c) => c !== 'OK')).toEqual([]);
  // A second scan by the first two changes nothing.
  for (const openid of scanners.slice(0, 2)) expect(codeOf(await rt.api('checkin', 'scan', { token }, { openid, now: at }))).toBe('ALREADY_CHECKED_IN');
  for (const p of scanners) people.add(p);
  return people;
}

/** Splits a type's person-times over its held sessions as evenly as whole people allow. */
function split(total: number, sessions: number): number[] {
  return Array.from({ length: sessions }, (_, j) => Math.floor(total / sessions) + (j < total % sessions ? 1 : 0));
}

function report(now: Date, openid = ORGANIZER) {
  return rt.api('report', 'project', { projectId }, { openid, now });
}

describe('report.project', () => {
  let everyone: Set<string>;
  let afterAll_: Date;
  let futureId: string;

  it('shows the plan with nothing held before any activity', async () => {
    const r = expectOk(await report(CREATED));
    expect(r.rows.map((row) => [row.type, row.plannedSessions, row.heldSessions, row.personTimes])).toEqual(SEED_003.map(([t, p]) => [t, p, 0, 0]));
    expect(r.totals).toEqual({ plannedSessions: 30, heldSessions: 0, personTimes: 0, uniquePeople: 0 });
  });

  it('rebuilds the seed-003 table from activities and check-ins made through the API', async () => {
    everyone = new Set();
    const sessions = SEED_003.flatMap(([type, , held, personTimes]) => split(personTimes, held).map((n) => ({ type, n })));
    expect(sessions).toHaveLength(31);
    // Sessions on different days are independent: hold them side by side.
    const attendees = await Promise.all(sessions.map(async ({ type, n }, k) => holdSession(await createSession(type, k), k, n, k * 7)));
    for (const people of attendees) for (const p of people) everyone.add(p);
    // Not held: one whose start has passed with nobody checked in, one not started yet.
    await createSession('督导', EMPTY_DAY);
    futureId = await createSession('居民议事会', FUTURE_DAY);
    afterAll_ = startOf(EMPTY_DAY + 1);

    const r = expectOk(await report(afterAll_));
    expect(r.rows.map((row) => [row.type, row.plannedSessions, row.heldSessions, row.personTimes])).toEqual(SEED_003);
    expect(r.totals).toEqual({ plannedSessions: 30, heldSessions: 31, personTimes: 329, uniquePeople: everyone.size });
    expect(r.title).toBe('党建引领福禄巷10号院自治管理项目');
  }, 240_000);

  it('does not count a session before it starts, even with early check-ins', async () => {
    const start = startOf(FUTURE_DAY);
    const early = new Date(start.getTime() - 10 * MIN);
    const { token } = expectOk(await rt.api('checkin', 'token', { activityId: futureId }, { openid: ORGANIZER, now: early }));
    expectOk(await rt.api('checkin', 'scan', { token }, { openid: 'newcomer', now: early }));
    expect(expectOk(await report(early)).totals).toMatchObject({ heldSessions: 31, personTimes: 329 });
    const after = expectOk(await report(start));
    expect(after.rows.find((row) => row.type === '居民议事会')).toEqual({ type: '居民议事会', plannedSessions: 5, heldSessions: 6, personTimes: 55 });
    expect(after.totals).toEqual({ plannedSessions: 30, heldSessions: 32, personTimes: 330, uniquePeople: everyone.size + 1 });
  });

  it('is for the project’s organizers and admins only', async () => {
    expect(codeOf(await report(afterAll_, 'fulu-1'))).toBe('FORBIDDEN');
    const voting = { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-06T00:00:00+08:00' };
    const { contestId } = expectOk(await rt.api('contest', 'create', { title: '另一个评选', voting }, { openid: ADMIN, now: CREATED }));
    const other = expectOk(
      await rt.api('contest', 'addProject', { contestId, title: '另一个项目', team: '另一支队伍' }, { openid: ADMIN, now: CREATED }),
    ).projectId;
    expectOk(await rt.api('role', 'grant', { openid: 'other-organizer', role: 'organizer', projectId: other }, { openid: ADMIN, now: CREATED }));
    expect(codeOf(await report(afterAll_, 'other-organizer'))).toBe('FORBIDDEN');
    expect(codeOf(await report(afterAll_, ADMIN))).toBe('OK');
    expect(codeOf(await rt.api('report', 'project', { projectId: 'missing' }, { openid: ADMIN, now: afterAll_ }))).toBe('NOT_FOUND');
    expect(codeOf(await rt.call('report', { action: 'project' }, { openid: ADMIN, now: afterAll_ }))).toBe('BAD_REQUEST');
  });
});

describe('volunteer hours', () => {
  it('sums signed-out time that reached the minimum share, per person', async () => {
    const voting = { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-06T00:00:00+08:00' };
    const { contestId } = expectOk(await rt.api('contest', 'create', { title: '志愿', voting }, { openid: ADMIN, now: CREATED }));
    const pid = expectOk(
      await rt.api(
        'contest',
        'addProject',
        { contestId, title: '楼道清理', team: '志愿队', planned: [{ type: '义务劳动', sessions: 2 }] },
        { openid: ADMIN, now: CREATED },
      ),
    ).projectId;
    const ids: string[] = [];
    for (const day of [0, 1]) {
      const startsAt = new Date(FIRST.getTime() + day * 24 * 60 * MIN);
      const params = {
        title: '楼道清理',
        type: '义务劳动',
        projectId: pid,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 120 * MIN).toISOString(),
        capacity: 10,
      };
      const id = expectOk(await rt.api('activity', 'create', params, { openid: ADMIN, now: CREATED })).activityId;
      expectOk(await rt.api('checkin', 'configure', { activityId: id, settings: { signOut: true } }, { openid: ADMIN, now: CREATED }));
      expectOk(await rt.api('activity', 'signup', { activityId: id, form: { name: '赵志愿', phone: '13711112222' } }, { openid: 'vol-zhao', now: CREATED }));
      const { token } = expectOk(await rt.api('checkin', 'token', { activityId: id }, { openid: ADMIN, now: startsAt }));
      for (const who of ['vol-zhao', 'vol-qian']) expectOk(await rt.api('checkin', 'scan', { token }, { openid: who, now: startsAt }));
      const end = new Date(startsAt.getTime() + 115 * MIN);
      const late = expectOk(await rt.api('checkin', 'token', { activityId: id }, { openid: ADMIN, now: end }));
      expectOk(await rt.api('checkin', 'scan', { token: late.token }, { openid: 'vol-zhao', now: end }));
      // 钱 leaves after 30 minutes: below 60 % of two hours, no hours.
      expectOk(
        await rt.api(
          'checkin',
          'signOut',
          { activityId: id, signupId: ownIdOf(id, 'vol-qian') },
          { openid: ADMIN, now: new Date(startsAt.getTime() + 30 * MIN) },
        ),
      );
      ids.push(id);
    }
    const r: ProjectReport = expectOk(await rt.api('report', 'project', { projectId: pid }, { openid: ADMIN, now: startOf(5) }));
    expect(r.rows).toEqual([{ type: '义务劳动', plannedSessions: 2, heldSessions: 2, personTimes: 4 }]);
    expect(r.totals.uniquePeople).toBe(2);
    expect(r.hours).toEqual([{ person: expect.stringMatching(/^u_/), name: '赵志愿', sessions: 2, hours: 3.8 }]);
    expect(JSON.stringify(r)).not.toContain('vol-zhao');
  });
});
