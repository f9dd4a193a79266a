/**
 * ../shared/API.md read literally, from a client's side. One test per row of "Functions and
 * actions": the action called with exactly the params its row lists (the required ones, then
 * each optional one), as the row's "who", and the row's "data on success" checked field by
 * field; the refusals a client will meet, with codes from the minimum set and nothing written.
 * Then the calling convention (envelopes, identity fields ignored, ISO times, bad input) and
 * the local runtime (GET /api/outbox, X-Now).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ContestApi, Envelope } from '../../typings';
import { ADMIN, appData, expectOk, startTestRuntime, type CallAs, type TestRuntime } from '../helpers/runtime';
import { NOW, setUpProject, type CreateParams } from './activity-helpers';
import { END, START, minutes, scan, tokenAt } from './checkin-helpers';
import { settle } from './notify-helpers';
import { DAY2, END as CLOSES, START as OPENS, codeOf, makeContest, vote } from './vote-helpers';

let rt: TestRuntime;

/** Beijing wall-clock time on a day of the voting window (2026-01-08 09:00 to 01-13 00:00). */
const beijing = (day: string, time: string) => `2026-01-${day}T${time}:00+08:00`;
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/);
const TEXT = expect.any(String);
const NUMBER = expect.any(Number);
const ZH = expect.stringMatching(/[\u4e00-\u9fff]/);
const sameInstant = (a: unknown, b: string) => expect(Date.parse(String(a))).toBe(Date.parse(b));

const admin: CallAs = { openid: ADMIN, now: NOW };
const ORGANIZER = 'contract-organizer';
const organizer: CallAs = { openid: ORGANIZER, now: NOW };
const caller = (openid: string, now: string | Date = NOW): CallAs => ({ openid, now });

/** A check-in token's expiry: after the call's clock (X-Now), about a minute on. */
function expectAboutAMinute(expiresAt: string, issuedAt: Date): void {
  const lifetime = Date.parse(expiresAt) - issuedAt.getTime();
  expect(lifetime).toBeGreaterThanOrEqual(30_000);
  expect(lifetime).toBeLessThanOrEqual(90_000);
}

/** The project activities hang on (a contest's project, organized by ORGANIZER) and a stranger one. */
let projectId = '';
let otherProjectId = '';

beforeAll(async () => {
  rt = await startTestRuntime();
  const { projectIds } = await makeContest(rt, 2, { title: '家门口微项目' });
  [projectId, otherProjectId] = projectIds;
  expectOk(await rt.api('role', 'grant', { openid: ORGANIZER, role: 'organizer', projectId }, admin));
});
afterAll(async () => {
  await settle(rt);
  await rt?.stop();
});

/** The call answers the failure envelope with this code and a message in Chinese, and writes nothing. */
async function expectRefused(code: string, call: () => Promise<Envelope<unknown>>): Promise<void> {
  const before = appData(rt, { idsOnlyIn: ['outbox'] });
  expect(await call()).toEqual({ ok: false, code, message: ZH });
  expect(appData(rt, { idsOnlyIn: ['outbox'] })).toBe(before);
}

/** What a literal client sends: the function's name and `{ action, ...params }`, nothing typed. */
function send(fn: string, action: string, params: Record<string, unknown>, who: CallAs = {}) {
  return rt.call<Record<string, unknown>>(fn, { action, ...params }, who);
}

async function newActivity(params: Partial<CreateParams> = {}, who: CallAs = organizer): Promise<string> {
  const base = { title: '楼道花园种植课', startsAt: START.toISOString(), endsAt: END.toISOString(), capacity: 30, projectId };
  return expectOk(await rt.api('activity', 'create', { ...base, ...params }, who)).activityId;
}

function signUp(activityId: string, openid: string, params: Record<string, unknown> = {}) {
  return rt.api('activity', 'signup', { activityId, ...params }, caller(openid));
}

function roster(activityId: string, who: CallAs = organizer) {
  return rt.api('activity', 'roster', { activityId }, who);
}

describe('contest', () => {
  const voting = { startsAt: OPENS, endsAt: CLOSES };

  it('create (admin): title and voting { startsAt, endsAt } answer { contestId }; description and the quotas are taken', async () => {
    const optional: Partial<ContestApi['create']['req']>[] = [
      {},
      { description: '为你身边的微项目投票' },
      { voting: { ...voting, perProjectPerDay: 2 } },
      { voting: { ...voting, perDay: 3 } },
      { voting: { ...voting, total: 10 } },
    ];
    for (const extra of optional) {
      expect(expectOk(await rt.api('contest', 'create', { title: '最佳人气奖', voting, ...extra }, admin))).toEqual({ contestId: TEXT });
    }
    await expectRefused('FORBIDDEN', () => rt.api('contest', 'create', { title: '最佳人气奖', voting }, caller('r-create')));
    await expectRefused('BAD_REQUEST', () => rt.api('contest', 'create', { title: '最佳人气奖', voting: { startsAt: CLOSES, endsAt: OPENS } }, admin));
  });

  it('addProject (admin): contestId, title, team answer { projectId }; community, summary, planned are taken', async () => {
    const { contestId } = await makeContest(rt, 0);
    const optional = [{}, { community: '大冲社区' }, { summary: '把楼道变成花园' }, { planned: [{ type: '种植课', sessions: 4 }] }];
    for (const extra of optional) {
      expect(expectOk(await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指', ...extra }, admin))).toEqual({ projectId: TEXT });
    }
    const { projects } = expectOk(await rt.api('contest', 'get', { contestId }, caller('r-add', DAY2)));
    expect(projects).toEqual([
      expect.objectContaining({ title: '楼道花园', team: '绿手指' }),
      expect.objectContaining({ community: '大冲社区' }),
      expect.objectContaining({ summary: '把楼道变成花园' }),
      expect.objectContaining({ planned: [{ type: '种植课', sessions: 4 }] }),
    ]);
    await expectRefused('NOT_FOUND', () => rt.api('contest', 'addProject', { contestId: 'no-such-contest', title: '楼道花园', team: '绿手指' }, admin));
    await expectRefused('FORBIDDEN', () => rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指' }, caller('r-add')));
    await expectRefused('CONTENT_REJECTED', () => rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '违禁词小队' }, admin));
  });

  it('setStatus (admin): answers { status }; a new contest is open, a draft opens, then frozen and published', async () => {
    const { contestId: open } = await makeContest(rt, 1);
    const { contestId: draft, projectIds } = await makeContest(rt, 1, { draft: true });
    const statusOf = async (id: string) => expectOk(await rt.api('contest', 'list', {}, admin)).items.find((c) => c.contestId === id)?.status;
    expect([await statusOf(open), await statusOf(draft)]).toEqual(['open', 'draft']);
    await expectRefused('NOT_FOUND', () => vote(rt, draft, projectIds[0], 'r-status'));
    for (const status of ['open', 'frozen', 'published'] as const) {
      expect(expectOk(await rt.api('contest', 'setStatus', { contestId: draft, status }, admin))).toMatchObject({ status });
    }
    await expectRefused('VOTING_ENDED', () => vote(rt, draft, projectIds[0], 'r-status'));
    await expectRefused('FORBIDDEN', () => rt.api('contest', 'setStatus', { contestId: open, status: 'frozen' }, caller('r-status')));
    await expectRefused('BAD_REQUEST', () => send('contest', 'setStatus', { contestId: open, status: 'closed' }, admin));
    await expectRefused('NOT_FOUND', () => rt.api('contest', 'setStatus', { contestId: 'no-such-contest', status: 'frozen' }, admin));
  });

  it('list (anyone): { items: [{ contestId, title, status, startsAt, endsAt }] }, newest first; status filters', async () => {
    const created: string[] = [];
    for (const day of ['01', '02', '03']) {
      const res = await rt.api('contest', 'create', { title: `评选${day}`, voting }, { openid: ADMIN, now: `2030-01-${day}T10:00:00+08:00` });
      created.push(expectOk(res).contestId);
    }
    expectOk(await rt.api('contest', 'setStatus', { contestId: created[1], status: 'frozen' }, admin));
    const { items } = expectOk(await rt.api('contest', 'list', {}, caller('r-list')));
    for (const item of items) expect(item).toEqual(expect.objectContaining({ contestId: TEXT, title: TEXT, status: TEXT, startsAt: ISO, endsAt: ISO }));
    const ours = items.filter((i) => created.includes(i.contestId));
    expect(ours.map((i) => i.contestId)).toEqual([...created].reverse());
    expect(ours[0]).toMatchObject({ title: '评选03', status: 'open' });
    sameInstant(ours[0].startsAt, OPENS);
    sameInstant(ours[0].endsAt, CLOSES);
    const open = expectOk(await rt.api('contest', 'list', { status: 'open' }, caller('r-list'))).items;
    expect(open.every((i) => i.status === 'open')).toBe(true);
    expect(open.map((i) => i.contestId)).toEqual(expect.arrayContaining([created[0], created[2]]));
    expect(open.map((i) => i.contestId)).not.toContain(created[1]);
  });

  it('get (anyone): { contest, projects: [{ projectId, title, team, votes }], me: { votesLeftToday } }', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    expectOk(await vote(rt, contestId, projectIds[1], 'r-get'));
    const page = expectOk(await rt.api('contest', 'get', { contestId }, caller('r-get', DAY2)));
    expect(page.contest).toMatchObject({ contestId, title: '最佳人气奖' });
    expect(page.projects).toEqual([
      expect.objectContaining({ projectId: projectIds[0], title: '项目1', team: '队伍1', votes: 0 }),
      expect.objectContaining({ projectId: projectIds[1], title: '项目2', team: '队伍2', votes: 1 }),
    ]);
    expect(page.me).toMatchObject({ votesLeftToday: 1 });
    await expectRefused('NOT_FOUND', () => rt.api('contest', 'get', { contestId: 'no-such-contest' }, caller('r-get', DAY2)));
  });

  it('leaderboard (anyone): { items: [{ rank, projectId, title, votes }] } most votes first, ties share a rank; limit', async () => {
    const { contestId, projectIds } = await makeContest(rt, 4);
    const ballots: [number, string][] = [
      [2, 'b1'],
      [2, 'b2'],
      [0, 'b3'],
      [0, 'b4'],
      [1, 'b5'],
    ];
    for (const [p, who] of ballots) expectOk(await vote(rt, contestId, projectIds[p], who));
    const { items } = expectOk(await rt.api('contest', 'leaderboard', { contestId }, caller('r-board', DAY2)));
    for (const item of items) expect(item).toEqual(expect.objectContaining({ rank: NUMBER, projectId: TEXT, title: TEXT, votes: NUMBER }));
    expect(items.map((i) => [i.rank, i.votes])).toEqual([
      [1, 2],
      [1, 2],
      [3, 1],
      [4, 0],
    ]);
    expect(items.map((i) => i.projectId).slice(2)).toEqual([projectIds[1], projectIds[3]]);
    expect(items[0].title).toMatch(/^项目[13]$/);
    const top = expectOk(await rt.api('contest', 'leaderboard', { contestId, limit: 2 }, caller('r-board', DAY2))).items;
    expect(top).toEqual(items.slice(0, 2));
    await expectRefused('NOT_FOUND', () => rt.api('contest', 'leaderboard', { contestId: 'no-such-contest' }, caller('r-board', DAY2)));
  });
});

describe('vote', () => {
  it('cast (resident): contestId, projectId answer { projectId, votes, votesLeftToday }', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    expect(expectOk(await vote(rt, contestId, projectIds[0], 'v1'))).toMatchObject({ projectId: projectIds[0], votes: 1, votesLeftToday: 1 });
    expect(expectOk(await vote(rt, contestId, projectIds[0], 'v2'))).toMatchObject({ projectId: projectIds[0], votes: 2, votesLeftToday: 1 });
    expect(expectOk(await vote(rt, contestId, projectIds[1], 'v1'))).toMatchObject({ projectId: projectIds[1], votes: 1, votesLeftToday: 0 });
    await expectRefused('NOT_FOUND', () => vote(rt, contestId, 'no-such-project', 'v1'));
    await expectRefused('NOT_FOUND', () => vote(rt, 'no-such-contest', projectIds[0], 'v1'));
  });

  it('cast is VOTING_NOT_STARTED before the window and VOTING_ENDED from its end, writing nothing', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    await expectRefused('VOTING_NOT_STARTED', () => vote(rt, contestId, projectIds[0], 'v-early', beijing('08', '08:59')));
    await expectRefused('VOTING_ENDED', () => vote(rt, contestId, projectIds[0], 'v-late', CLOSES));
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'v-early', OPENS))).toBe('OK');
  });

  it('cast: a second vote for a project the same Beijing day is ALREADY_VOTED_TODAY (perProjectPerDay defaults to 1)', async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const cast = (time: [string, string]) => vote(rt, contestId, projectIds[0], 'v-days', beijing(...time));
    // 00:30 and 23:30 Beijing are one Beijing day but two UTC days; 00:10 the next day is a new one.
    expectOk(await cast(['10', '00:30']));
    await expectRefused('ALREADY_VOTED_TODAY', () => cast(['10', '23:30']));
    expect(expectOk(await cast(['11', '00:10'])).votes).toBe(2);
  });

  it('cast honours perProjectPerDay, perDay (DAILY_LIMIT_REACHED) and total', async () => {
    const twice = await makeContest(rt, 1, { voting: { perProjectPerDay: 2 } });
    for (const left of [1, 0]) expect(expectOk(await vote(rt, twice.contestId, twice.projectIds[0], 'v-q'))).toMatchObject({ votesLeftToday: left });
    await expectRefused('ALREADY_VOTED_TODAY', () => vote(rt, twice.contestId, twice.projectIds[0], 'v-q'));
    const oncePerDay = await makeContest(rt, 2, { voting: { perDay: 1 } });
    expectOk(await vote(rt, oncePerDay.contestId, oncePerDay.projectIds[0], 'v-q'));
    await expectRefused('DAILY_LIMIT_REACHED', () => vote(rt, oncePerDay.contestId, oncePerDay.projectIds[1], 'v-q'));
    const two = await makeContest(rt, 2, { voting: { total: 2 } });
    for (const p of two.projectIds) expectOk(await vote(rt, two.contestId, p, 'v-q', beijing('09', '10:00')));
    await expectRefused('DAILY_LIMIT_REACHED', () => vote(rt, two.contestId, two.projectIds[0], 'v-q', beijing('10', '10:00')));
  });

  it('mine (resident): contestId answers { items: [{ projectId, day, at }] }, days in Asia/Shanghai', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    const at = beijing('10', '07:30'); // 2026-01-09 23:30 UTC
    expectOk(await vote(rt, contestId, projectIds[1], 'v-mine', at));
    const { items } = expectOk(await rt.api('vote', 'mine', { contestId }, caller('v-mine', DAY2)));
    expect(items).toEqual([expect.objectContaining({ projectId: projectIds[1], day: '2026-01-10', at: ISO })]);
    sameInstant(items[0].at, at);
    expect(expectOk(await rt.api('vote', 'mine', { contestId }, caller('v-nobody', DAY2))).items).toEqual([]);
  });
});

describe('activity', () => {
  it('create (admin): title, startsAt, endsAt, capacity answer { activityId }; each optional param is taken', async () => {
    const required = { title: '邻里议事会', startsAt: START.toISOString(), endsAt: END.toISOString(), capacity: 20 };
    const optional: Partial<CreateParams>[] = [
      {},
      { projectId },
      { projectId, type: '种植课' },
      { signupEndsAt: minutes(-60).toISOString() },
      { location: { name: '智德社区活动室' } },
      { location: { name: '智德社区活动室', latitude: 39.93, longitude: 116.4, radiusM: 200 } },
    ];
    for (const extra of optional) {
      const { activityId } = expectOk(await rt.api('activity', 'create', { ...required, ...extra }, admin));
      expect(activityId).toEqual(TEXT);
      const view = expectOk(await rt.api('activity', 'get', { activityId }, caller('r-create')));
      expect(view).toMatchObject({ title: '邻里议事会', capacity: 20, ...extra, ...(extra.signupEndsAt ? { signupEndsAt: ISO } : {}) });
      expect(view).toMatchObject({ startsAt: ISO, endsAt: ISO });
      sameInstant(view.startsAt, required.startsAt);
    }
  });

  it("create (the project's organizer): with the project's projectId; anyone else is FORBIDDEN; bad times BAD_REQUEST", async () => {
    const params = { title: '楼道花园种植课', startsAt: START.toISOString(), endsAt: END.toISOString(), capacity: 30 };
    expect(expectOk(await rt.api('activity', 'create', { ...params, projectId }, organizer))).toEqual({ activityId: TEXT });
    await expectRefused('FORBIDDEN', () => rt.api('activity', 'create', { ...params, projectId: otherProjectId }, organizer));
    await expectRefused('FORBIDDEN', () => rt.api('activity', 'create', { ...params, projectId }, caller('r-act')));
    await expectRefused('BAD_REQUEST', () => rt.api('activity', 'create', { ...params, projectId, endsAt: params.startsAt }, organizer));
    await expectRefused('NOT_FOUND', () => rt.api('activity', 'create', { ...params, projectId: 'no-such-project' }, admin));
  });

  it('get / list (anyone): the activity with { confirmed, waitlisted, capacity } and my status; list by projectId, from', async () => {
    const activityId = await newActivity({ capacity: 1 });
    expectOk(await signUp(activityId, 'g1'));
    expectOk(await signUp(activityId, 'g2'));
    const counts = { activityId, capacity: 1, confirmed: 1, waitlisted: 1 };
    expect(expectOk(await rt.api('activity', 'get', { activityId }, caller('g2')))).toMatchObject({
      ...counts,
      me: expect.objectContaining({ status: 'waitlisted' }),
    });
    const listed = async (params: { projectId?: string; from?: string }) =>
      expectOk(await rt.api('activity', 'list', params, caller('g1'))).items.find((a) => a.activityId === activityId);
    const mine = expect.objectContaining({ ...counts, me: expect.objectContaining({ status: 'confirmed' }) });
    for (const params of [{}, { projectId }, { from: START.toISOString() }]) expect(await listed(params)).toEqual(mine);
    for (const params of [{ projectId: otherProjectId }, { from: minutes(24 * 60, END).toISOString() }]) expect(await listed(params)).toBeUndefined();
    await expectRefused('NOT_FOUND', () => rt.api('activity', 'get', { activityId: 'no-such-activity' }, caller('g1')));
  });

  it('signup (resident): activityId alone, with form (and note), forOther answer { status, position? }', async () => {
    const activityId = await newActivity({ capacity: 3 });
    const confirmed = { status: 'confirmed' };
    expect(expectOk(await signUp(activityId, 's1'))).toMatchObject(confirmed);
    expect(expectOk(await signUp(activityId, 's2', { form: { name: '张阿姨', phone: '13812345678' } }))).toMatchObject(confirmed);
    expect(expectOk(await signUp(activityId, 's3', { form: { name: '李叔', phone: '13900001111', note: '带两个孩子' } }))).toMatchObject(confirmed);
    expect(expectOk(await signUp(activityId, 's4', { forOther: { name: '王奶奶', phone: '13700002222' } }))).toEqual(
      expect.objectContaining({ status: 'waitlisted', position: 1 }),
    );
    expect(expectOk(await signUp(activityId, 's5'))).toEqual(expect.objectContaining({ status: 'waitlisted', position: 2 }));
    expect(expectOk(await roster(activityId)).items.map((i) => i.name)).toEqual(['', '张阿姨', '李叔', '王奶奶', '']);
  });

  it('signup is ALREADY_SIGNED_UP twice, SIGNUP_CLOSED after signupEndsAt, NOT_FOUND, BAD_REQUEST for a bad form', async () => {
    const activityId = await newActivity({ signupEndsAt: minutes(-24 * 60).toISOString() });
    expectOk(await signUp(activityId, 'c1'));
    await expectRefused('ALREADY_SIGNED_UP', () => signUp(activityId, 'c1'));
    await expectRefused('SIGNUP_CLOSED', () => rt.api('activity', 'signup', { activityId }, caller('c2', minutes(-24 * 60))));
    await expectRefused('NOT_FOUND', () => signUp('no-such-activity', 'c2'));
    await expectRefused('BAD_REQUEST', () => signUp(activityId, 'c2', { form: { name: '张阿姨', phone: '12345' } }));
  });

  it('cancel (resident): activityId answers { status: "cancelled", promoted?: number }; the waitlist head moves up', async () => {
    const activityId = await newActivity({ capacity: 1 });
    for (const who of ['k1', 'k2', 'k3']) expectOk(await signUp(activityId, who));
    expect(expectOk(await rt.api('activity', 'cancel', { activityId }, caller('k1')))).toMatchObject({ status: 'cancelled', promoted: 1 });
    expect(expectOk(await rt.api('activity', 'get', { activityId }, caller('k2'))).me).toMatchObject({ status: 'confirmed' });
    const quiet = expectOk(await rt.api('activity', 'cancel', { activityId }, caller('k3')));
    expect(quiet.status).toBe('cancelled');
    expect([undefined, 0]).toContain(quiet.promoted);
    await expectRefused('NOT_SIGNED_UP', () => rt.api('activity', 'cancel', { activityId }, caller('k1')));
    await expectRefused('NOT_FOUND', () => rt.api('activity', 'cancel', { activityId: 'no-such-activity' }, caller('k1')));
  });

  it('roster (organizer): { items: [{ name, phoneMasked, status, checkedIn }] }; a resident is FORBIDDEN', async () => {
    const activityId = await newActivity({ capacity: 1 });
    expectOk(await signUp(activityId, 'o1', { form: { name: '张阿姨', phone: '13812345678' } }));
    expectOk(await signUp(activityId, 'o2', { form: { name: '李叔', phone: '13900001111' } }));
    expect(expectOk(await roster(activityId)).items).toEqual([
      expect.objectContaining({ name: '张阿姨', phoneMasked: '138****5678', status: 'confirmed', checkedIn: false }),
      expect.objectContaining({ name: '李叔', phoneMasked: '139****1111', status: 'waitlisted', checkedIn: false }),
    ]);
    expect(codeOf(await roster(activityId, admin))).toBe('OK');
    await expectRefused('FORBIDDEN', () => roster(activityId, caller('o1')));
  });
});

describe('checkin', () => {
  /** An activity without a geofence (API.md's scan takes only the token), 张阿姨 signed up. */
  async function checkinActivity(): Promise<string> {
    const activityId = await newActivity();
    expectOk(await signUp(activityId, 'signed', { form: { name: '张阿姨', phone: '13812345678' } }));
    return activityId;
  }

  it('token (organizer): activityId answers { token, expiresAt }, valid about a minute, rotating', async () => {
    const activityId = await checkinActivity();
    const first = await tokenAt(rt, activityId, START, ORGANIZER);
    expect(first).toMatchObject({ token: TEXT, expiresAt: ISO });
    expectAboutAMinute(first.expiresAt, START);
    expect((await tokenAt(rt, activityId, minutes(2), ORGANIZER)).token).not.toBe(first.token);
    await expectRefused('TOKEN_EXPIRED', () => scan(rt, first.token, 'signed', minutes(2), null));
    await expectRefused('FORBIDDEN', () => rt.api('checkin', 'token', { activityId }, caller('signed', START)));
  });

  it('scan (resident): token answers { activityId, checkedInAt, walkIn }', async () => {
    const activityId = await checkinActivity();
    const { token } = await tokenAt(rt, activityId, START, ORGANIZER);
    const res = expectOk(await scan(rt, token, 'signed', START, null));
    expect(res).toMatchObject({ activityId, checkedInAt: ISO, walkIn: false });
    sameInstant(res.checkedInAt, START.toISOString());
    expect(expectOk(await scan(rt, token, 'walk-in', START, null))).toMatchObject({ activityId, walkIn: true });
    await expectRefused('ALREADY_CHECKED_IN', () => scan(rt, token, 'signed', START, null));
    await expectRefused('TOKEN_INVALID', () => scan(rt, 'not-our-code', 'signed', START, null));
    const early = minutes(-120);
    await expectRefused('CHECKIN_NOT_OPEN', async () => scan(rt, (await tokenAt(rt, activityId, early, ORGANIZER)).token, 'early', early, null));
  });

  it('manual (organizer): activityId, signupId answer { checkedInAt }', async () => {
    const activityId = await checkinActivity();
    const [entry] = expectOk(await roster(activityId)).items;
    const res = await rt.api('checkin', 'manual', { activityId, signupId: entry.signupId }, caller(ORGANIZER, START));
    expect(expectOk(res)).toMatchObject({ checkedInAt: ISO });
    expect(expectOk(await roster(activityId)).items[0]).toMatchObject({ name: '张阿姨', checkedIn: true });
    await expectRefused('ALREADY_CHECKED_IN', () => rt.api('checkin', 'manual', { activityId, signupId: entry.signupId }, caller(ORGANIZER, START)));
    await expectRefused('NOT_FOUND', () => rt.api('checkin', 'manual', { activityId, signupId: `${activityId}:nobody` }, caller(ORGANIZER, START)));
    await expectRefused('FORBIDDEN', () => rt.api('checkin', 'manual', { activityId, signupId: entry.signupId }, caller('signed', START)));
  });
});

/** subscribeMessage.send calls of /api/outbox to one resident, waiting up to 10 s for the background sender. */
async function messagesTo(touser: string, atLeast: number) {
  for (let i = 0; ; i++) {
    const sent = (await rt.outbox()).filter((o) => o.api === 'subscribeMessage.send' && o.params.touser === touser);
    if (sent.length >= atLeast || i === 100) return sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('notify', () => {
  it('grant (resident): results answer { grants: { [templateKey]: number } }; each message sent uses one', async () => {
    const grant = async (results: Record<string, string>) => expectOk(await send('notify', 'grant', { results }, caller('n1'))).grants;
    expect(await grant({ signupConfirmed: 'accept', promoted: 'reject', reminder: 'ban' })).toEqual({ signupConfirmed: 1, promoted: 0, reminder: 0 });
    expect(await grant({ signupConfirmed: 'accept' })).toEqual({ signupConfirmed: 2 });
    const activityId = await newActivity();
    for (const who of ['n0', 'n1']) expectOk(await signUp(activityId, who));
    const [message] = await messagesTo('n1', 1);
    await settle(rt);
    expect(await messagesTo('n0', 0)).toEqual([]); // no grant, no message
    expect(message.params).toMatchObject({ touser: 'n1', templateId: TEXT, page: expect.stringContaining('pages/activity/index'), data: expect.any(Object) });
    expect(await grant({ signupConfirmed: 'reject' })).toEqual({ signupConfirmed: 1 });
    await expectRefused('BAD_REQUEST', () => send('notify', 'grant', {}, caller('n1')));
  });
});

describe('role', () => {
  it('grant / revoke (admin): openid, role answer { openid, roles }; the role takes effect and ends', async () => {
    const change = (action: 'grant' | 'revoke', params: { openid: string; role: 'admin' | 'organizer'; projectId?: string }) =>
      rt.api('role', action, params, admin).then(expectOk);
    const createContest = () => rt.api('contest', 'create', { title: '新评选', voting: { startsAt: OPENS, endsAt: CLOSES } }, caller('new-admin'));
    expect(await change('grant', { openid: 'new-admin', role: 'admin' })).toEqual({ openid: 'new-admin', roles: ['admin'] });
    expect(codeOf(await createContest())).toBe('OK');
    expect(await change('revoke', { openid: 'new-admin', role: 'admin' })).toEqual({ openid: 'new-admin', roles: [] });
    await expectRefused('FORBIDDEN', createContest);

    const activityId = await newActivity();
    expect(await change('grant', { openid: 'new-org', role: 'organizer', projectId })).toEqual({ openid: 'new-org', roles: ['organizer'] });
    expect(codeOf(await roster(activityId, caller('new-org')))).toBe('OK');
    expect(await change('revoke', { openid: 'new-org', role: 'organizer', projectId })).toEqual({ openid: 'new-org', roles: [] });
    await expectRefused('FORBIDDEN', () => roster(activityId, caller('new-org')));
    await expectRefused('FORBIDDEN', () => rt.api('role', 'grant', { openid: 'r-role', role: 'admin' }, caller('r-role')));
  });
});

describe('report', () => {
  it('project (admin or organizer): projectId answers { rows: [...], totals: {...} } of planned vs held sessions', async () => {
    const contest = await makeContest(rt, 0);
    const planned = [{ type: '种植课', sessions: 2 }];
    const ownProject = expectOk(
      await rt.api('contest', 'addProject', { contestId: contest.contestId, title: '楼道花园', team: '绿手指', planned }, admin),
    ).projectId;
    expectOk(await rt.api('role', 'grant', { openid: ORGANIZER, role: 'organizer', projectId: ownProject }, admin));
    const activityId = await newActivity({ projectId: ownProject, type: '种植课' });
    await newActivity({ projectId: ownProject, type: '种植课' }); // started too, but nobody checks in: not held
    for (const [who, name] of [
      ['p1', '张阿姨'],
      ['p2', '李叔'],
    ])
      expectOk(await signUp(activityId, who, { form: { name, phone: '13812345678' } }));
    const { token } = await tokenAt(rt, activityId, START, ORGANIZER);
    for (const who of ['p1', 'p2', 'p3']) expectOk(await scan(rt, token, who, START, null));
    const expected = {
      rows: [{ type: '种植课', plannedSessions: 2, heldSessions: 1, personTimes: 3 }],
      totals: { plannedSessions: 2, heldSessions: 1, personTimes: 3, uniquePeople: 3 },
    };
    for (const who of [ADMIN, ORGANIZER]) {
      expect(expectOk(await rt.api('report', 'project', { projectId: ownProject }, caller(who, END)))).toMatchObject(expected);
    }
    await expectRefused('FORBIDDEN', () => rt.api('report', 'project', { projectId: ownProject }, caller('p1', END)));
    await expectRefused('NOT_FOUND', () => rt.api('report', 'project', { projectId: 'no-such-project' }, caller(ADMIN, END)));
  });

  it('export (admin): contestId answers { fileID } of an .xlsx workbook, locally a file under the data dir, and a short-lived { url }', async () => {
    const { contestId, projectIds } = await makeContest(rt, 2);
    expectOk(await vote(rt, contestId, projectIds[0], 'x1'));
    const { fileID, url } = expectOk(await rt.api('report', 'export', { contestId }, caller(ADMIN, DAY2)));
    expect(
      Buffer.from(await (await fetch(url)).arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(fileID).toMatch(/\.xlsx$/);
    expect(path.relative(rt.dataDir, path.resolve(fileID)).startsWith('..')).toBe(false);
    expect(fs.readFileSync(fileID).subarray(0, 2).toString()).toBe('PK');
    for (const who of ['x1', ORGANIZER]) await expectRefused('FORBIDDEN', () => rt.api('report', 'export', { contestId }, caller(who, DAY2)));
    await expectRefused('NOT_FOUND', () => rt.api('report', 'export', { contestId: 'no-such-contest' }, caller(ADMIN, DAY2)));
  });
});

describe('calling convention', () => {
  it('answers { ok: true, data } or { ok: false, code, message }, never a throw, whatever the body', async () => {
    expect(Object.keys(await send('contest', 'list', {})).sort()).toEqual(['data', 'ok']);
    const refusals = [
      await send('contest', 'noSuchAction', {}),
      await rt.call('contest', { title: 'no action' }),
      await rt.call('contest', ['list']),
      await rt.call('contest', 'list'),
      await rt.call('contest', null),
    ];
    for (const res of refusals) expect(res).toEqual({ ok: false, code: 'BAD_REQUEST', message: ZH });
    const http = await fetch(`${rt.url}/api/call/contest`, { method: 'POST', headers: { 'x-openid': 'r-http' }, body: JSON.stringify({ action: 'create' }) });
    expect([http.status, http.headers.get('content-type'), ((await http.json()) as { code: string }).code]).toEqual([
      200,
      expect.stringContaining('application/json'),
      'BAD_REQUEST',
    ]);
  });

  it("ignores openid, _openid and role in a resident's request", async () => {
    const spoof = { openid: ADMIN, _openid: ADMIN, role: 'admin' };
    await expectRefused('FORBIDDEN', () =>
      send('contest', 'create', { title: '冒充', voting: { startsAt: OPENS, endsAt: CLOSES }, ...spoof }, caller('spoofer')),
    );
    const { contestId, projectIds } = await makeContest(rt, 1);
    const victim = { openid: 'victim', _openid: 'victim', role: 'admin' };
    expectOk(await send('vote', 'cast', { contestId, projectId: projectIds[0], ...victim }, caller('spoofer', DAY2)));
    const votesOf = async (openid: string) => expectOk(await rt.api('vote', 'mine', { contestId }, caller(openid, DAY2))).items.length;
    expect([await votesOf('spoofer'), await votesOf('victim')]).toEqual([1, 0]);
    const activityId = await newActivity();
    expectOk(await send('activity', 'signup', { activityId, ...victim }, caller('spoofer')));
    const statusOf = async (openid: string) => expectOk(await rt.api('activity', 'get', { activityId }, caller(openid))).me?.status;
    expect([await statusOf('spoofer'), await statusOf('victim')]).toEqual(['confirmed', undefined]);
    expectOk(await signUp(activityId, 'victim'));
    await expectRefused('NOT_SIGNED_UP', () => send('activity', 'cancel', { activityId, ...victim }, caller('bystander')));
  });

  it('takes ISO 8601 times with any offset as instants, answers them with an offset, refuses times without one', async () => {
    const utc = { startsAt: '2026-01-08T01:00:00Z', endsAt: '2026-01-12T16:00:00+00:00' };
    const { contestId } = expectOk(await rt.api('contest', 'create', { title: '时区', voting: utc }, admin));
    const item = expectOk(await rt.api('contest', 'list', {}, admin)).items.find((c) => c.contestId === contestId);
    expect(item).toMatchObject({ startsAt: ISO, endsAt: ISO });
    sameInstant(item?.startsAt, OPENS);
    sameInstant(item?.endsAt, CLOSES);
    const stored = rt.runtime.emulator.db.findOne('contests', { _id: contestId })?.voting as Record<string, unknown>;
    expect([stored.startsAt, stored.endsAt]).toEqual([new Date(OPENS), new Date(CLOSES)]);
    const naive = { startsAt: '2026-01-08T09:00:00', endsAt: '2026-01-13T00:00:00' };
    await expectRefused('BAD_REQUEST', () => rt.api('contest', 'create', { title: '没有时区', voting: naive }, admin));
    await expectRefused('BAD_REQUEST', () => rt.api('activity', 'create', { title: '没有时区', ...naive, capacity: 5 }, admin));
  });

  it('refuses malformed params with BAD_REQUEST and writes nothing', async () => {
    const { contestId } = await makeContest(rt, 1);
    const activityId = await newActivity();
    const bad: [string, string, Record<string, unknown>, CallAs][] = [
      ['contest', 'create', { title: '', voting: { startsAt: OPENS, endsAt: CLOSES } }, admin],
      ['contest', 'addProject', { contestId, title: '楼道花园' }, admin],
      ['contest', 'leaderboard', { contestId, limit: 'ten' }, admin],
      ['vote', 'cast', { contestId }, caller('bad', DAY2)],
      ['activity', 'create', { title: '议事会', startsAt: OPENS, endsAt: CLOSES, capacity: 0 }, admin],
      ['activity', 'signup', { activityId, form: { name: '张阿姨' } }, caller('bad')],
      ['checkin', 'scan', {}, caller('bad')],
      ['checkin', 'manual', { activityId }, organizer],
      ['role', 'grant', { openid: 'someone', role: 'superuser' }, admin],
      ['report', 'project', {}, admin],
    ];
    for (const [fn, action, params, who] of bad) await expectRefused('BAD_REQUEST', () => send(fn, action, params, who));
  });
});

describe('the local runtime', () => {
  it('answers transport mistakes with envelopes of the minimum set of codes', async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${rt.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const cases: [Promise<Response>, number, string][] = [
      [post('/api/call/contest', '{not json'), 400, 'BAD_REQUEST'],
      [post('/api/call/contest', JSON.stringify({ action: 'list' }), { 'x-now': 'yesterday' }), 400, 'BAD_REQUEST'],
      [post('/api/call/no-such-function', JSON.stringify({ action: 'list' })), 404, 'NOT_FOUND'],
      [fetch(`${rt.url}/api/call/contest`), 405, 'BAD_REQUEST'],
    ];
    for (const [reply, status, code] of cases) {
      const res = await reply;
      expect({ status: res.status, body: await res.json() }).toEqual({ status, body: { ok: false, code, message: ZH } });
    }
  });

  it('GET /api/outbox answers { items: [{ api, params, at }] }, newest last', async () => {
    const before = (await rt.outbox()).length;
    expectOk(await rt.api('contest', 'create', { title: '内容检查', voting: { startsAt: OPENS, endsAt: CLOSES } }, admin));
    const body = (await (await fetch(`${rt.url}/api/outbox`)).json()) as { items: { api: string; params: unknown; at: string }[] };
    expect(body.items.length).toBeGreaterThan(before);
    for (const item of body.items) expect(item).toEqual(expect.objectContaining({ api: TEXT, params: expect.any(Object), at: ISO }));
    const times = body.items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(body.items[body.items.length - 1]).toMatchObject({
      api: 'security.msgSecCheck',
      params: expect.objectContaining({ content: expect.stringContaining('内容检查') }),
    });
  });

  it('the emulator answers the unmodified node SDK under /admin', async () => {
    const { contestId } = await makeContest(rt, 0, { title: '从SDK读取' });
    const { db } = await setUpProject(rt, 'sdk-project');
    const res = (await db.collection('contests').where({ _id: contestId }).get()) as { data: Record<string, unknown>[] };
    expect(res.data).toEqual([expect.objectContaining({ _id: contestId, title: '从SDK读取', status: 'open' })]);
  });

  it("X-Now is the call's clock, X-Openid its caller", async () => {
    const { contestId, projectIds } = await makeContest(rt, 1);
    const at = beijing('12', '21:45');
    expect(codeOf(await vote(rt, contestId, projectIds[0], 'clock', at))).toBe('OK');
    const [mine] = expectOk(await rt.api('vote', 'mine', { contestId }, caller('clock', DAY2))).items;
    expect(mine.day).toBe('2026-01-12');
    sameInstant(mine.at, at);
    const activityId = await newActivity();
    expectAboutAMinute((await tokenAt(rt, activityId, minutes(7), ORGANIZER)).expiresAt, minutes(7));
  });
});
