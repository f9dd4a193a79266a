/**
 * activity.rate (居民评价) through the functions host: only a resident who checked in may rate;
 * once, changeable until a week after the activity; the comment passes msgSecCheck first;
 * report.project sums the stars. Every refusal writes nothing.
 */
import { ADMIN, appData, codeOf, expectOk, textChecksSince } from '../helpers/runtime';
import { ORGANIZER, useProject } from './activity-helpers';
import { END, START, checkinActivity, minutes } from './checkin-helpers';

const f = useProject();
const ATTENDEE = 'rate-attendee';
const SIGNED_UP_ONLY = 'rate-signed-up';
const STRANGER = 'rate-stranger';
const AFTER = minutes(150); // half an hour after the end
const WEEK_LATER = new Date(END.getTime() + 7 * 24 * 3600_000);

let activityId: string;

beforeAll(async () => {
  const rt = f.rt;
  activityId = await checkinActivity(f, { title: '楼道花园议事会' });
  const signUp = async (openid: string, name: string) =>
    expectOk(await rt.api('activity', 'signup', { activityId, form: { name, phone: '13800001234' } }, { openid, now: minutes(-600) })).signupId as string;
  const attendee = await signUp(ATTENDEE, '王阿姨');
  await signUp(SIGNED_UP_ONLY, '李叔叔');
  expectOk(await rt.api('checkin', 'manual', { activityId, signupId: attendee }, { openid: ORGANIZER, now: minutes(10) }));
});

test('a resident who did not check in is refused with NOT_CHECKED_IN, and nothing is written or sent', async () => {
  const rt = f.rt;
  const before = appData(rt);
  const sent = (await rt.outbox()).length;
  for (const openid of [SIGNED_UP_ONLY, STRANGER]) {
    const res = await rt.api('activity', 'rate', { activityId, stars: 5, comment: '很好' }, { openid, now: AFTER });
    expect(codeOf(res)).toBe('NOT_CHECKED_IN');
    if (!res.ok) expect(res.message).toMatch(/签到/);
  }
  expect(appData(rt)).toBe(before);
  expect(await textChecksSince(rt, sent)).toHaveLength(0);
  // activity.get offers no rating to them either.
  expect(expectOk(await rt.api('activity', 'get', { activityId }, { openid: SIGNED_UP_ONLY, now: AFTER })).rating).toBeUndefined();
});

test('bad stars are BAD_REQUEST; a risky comment is CONTENT_REJECTED; neither writes', async () => {
  const rt = f.rt;
  const before = appData(rt);
  for (const stars of [0, 6, 3.5])
    expect(codeOf(await rt.api('activity', 'rate', { activityId, stars }, { openid: ATTENDEE, now: AFTER }))).toBe('BAD_REQUEST');
  expect(codeOf(await rt.api('activity', 'rate', { activityId, stars: 1, comment: '含违禁词的评价' }, { openid: ATTENDEE, now: AFTER }))).toBe(
    'CONTENT_REJECTED',
  );
  expect(appData(rt)).toBe(before);
});

test('the attendee rates once, changes it, and report.project shows the satisfaction', async () => {
  const rt = f.rt;
  const sent = (await rt.outbox()).length;
  const first = expectOk(await rt.api('activity', 'rate', { activityId, stars: 5, comment: ' 组织得很好 ' }, { openid: ATTENDEE, now: AFTER }));
  expect(first).toMatchObject({ stars: 5, comment: '组织得很好' });
  expect(Date.parse(first.until)).toBe(WEEK_LATER.getTime());
  const checks = await textChecksSince(rt, sent);
  expect(checks.map((c) => c.params)).toEqual([expect.objectContaining({ scene: 2, content: '组织得很好', openid: ATTENDEE })]);

  const view = expectOk(await rt.api('activity', 'get', { activityId }, { openid: ATTENDEE, now: AFTER }));
  expect(view.rating).toMatchObject({ canRate: true, mine: { stars: 5, comment: '组织得很好' } });

  // A change replaces the rating: still one rating of this person for this activity.
  expectOk(await rt.api('activity', 'rate', { activityId, stars: 4 }, { openid: ATTENDEE, now: minutes(60 * 24, END) }));
  const stored = rt.runtime.emulator.db.find('ratings', { activityId });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ stars: 4, edits: 1, projectId: f.projectId });
  expect(stored[0]).not.toHaveProperty('comment');
  expect(JSON.stringify(stored)).not.toContain(ATTENDEE);

  const report = expectOk(await rt.api('report', 'project', { projectId: f.projectId }, { openid: ADMIN, now: AFTER }));
  expect(report.satisfaction).toEqual({ average: 4, count: 1 });
});

test('after the deadline the rating stands but can no longer change (RATING_CLOSED)', async () => {
  const rt = f.rt;
  expectOk(await rt.api('activity', 'rate', { activityId, stars: 3 }, { openid: ATTENDEE, now: WEEK_LATER }));
  const before = appData(rt);
  const late = new Date(WEEK_LATER.getTime() + 1000);
  expect(codeOf(await rt.api('activity', 'rate', { activityId, stars: 1 }, { openid: ATTENDEE, now: late }))).toBe('RATING_CLOSED');
  expect(appData(rt)).toBe(before);
  const view = expectOk(await rt.api('activity', 'get', { activityId }, { openid: ATTENDEE, now: late }));
  expect(view.rating).toMatchObject({ canRate: false, mine: { stars: 3 } });
});

test('a project without ratings reports no average', async () => {
  const rt = f.rt;
  const { contestId } = expectOk(
    await rt.api(
      'contest',
      'create',
      { title: '空评选', voting: { startsAt: START.toISOString(), endsAt: END.toISOString() } },
      { openid: ADMIN, now: minutes(-6000) },
    ),
  );
  const { projectId } = expectOk(await rt.api('contest', 'addProject', { contestId, title: '无人评价', team: '甲队' }, { openid: ADMIN, now: minutes(-6000) }));
  expect(expectOk(await rt.api('report', 'project', { projectId }, { openid: ADMIN, now: AFTER })).satisfaction).toEqual({ average: null, count: 0 });
});
