/**
 * "Checked in" means one thing on every surface: the organizer's screen (checkin.stats), the
 * roster (activity.roster), the project report (report.project), the contest's workbook
 * (report.export) and the dashboard (report.dashboard) count the same people for the same
 * activity — sign-ups checked in by scan, by code and by hand, a family member, someone on
 * the waitlist, walk-ins with and without a name, someone who cancelled after checking in.
 */
import ExcelJS from 'exceljs';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const OPENS = '2026-03-01T10:00:00+08:00';
const EARLY = '2026-03-05T09:35:00+08:00';
const CANCEL = '2026-03-05T09:40:00+08:00';
const DURING = '2026-03-05T10:30:00+08:00';
const LATER = '2026-03-06T10:00:00+08:00';
const admin = (now: string) => ({ openid: ADMIN, now });
const as = (openid: string, now: string) => ({ openid, now });
const TITLE = '春季邻里议事会';

let contestId = '';
let projectId = '';
let activityId = '';

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

async function scanNow(openid: string, now: string, name?: string) {
  const { token } = expectOk(await rt.api('checkin', 'token', { activityId }, admin(now)));
  return expectOk(await rt.api('checkin', 'scan', name ? { token, name } : { token }, as(openid, now)));
}

beforeAll(async () => {
  rt = await startTestRuntime();
  contestId = expectOk(
    await rt.api('contest', 'create', { title: '幸福里微项目', voting: { startsAt: OPENS, endsAt: '2026-03-31T00:00:00+08:00' } }, admin(OPENS)),
  ).contestId;
  projectId = expectOk(
    await rt.api('contest', 'addProject', { contestId, title: '楼道议事', team: '楼长队', planned: [{ type: '议事会', sessions: 3 }] }, admin(OPENS)),
  ).projectId;
  activityId = expectOk(
    await rt.api(
      'activity',
      'create',
      { title: TITLE, projectId, type: '议事会', startsAt: '2026-03-05T10:00:00+08:00', endsAt: '2026-03-05T12:00:00+08:00', capacity: 5 },
      admin(OPENS),
    ),
  ).activityId;
  const signup = (openid: string, name: string) => rt.api('activity', 'signup', { activityId, form: { name, phone: '13900000000' } }, as(openid, OPENS));
  for (const [who, name] of [
    ['r-a', '安阿姨'],
    ['r-b', '白师傅'],
    ['r-c', '陈老师'],
    ['r-d', '丁大爷'],
  ])
    expectOk(await signup(who, name));
  expectOk(await rt.api('activity', 'signup', { activityId, forOther: { name: '安小宝', phone: '13900000001' } }, as('r-a', OPENS)));
  expect(expectOk(await signup('r-w', '吴奶奶')).status).toBe('waitlisted');

  await scanNow('r-a', EARLY); // by scan
  const { code } = expectOk(await rt.api('checkin', 'myCode', { activityId }, as('r-b', EARLY)));
  expectOk(await rt.api('checkin', 'verify', { code, activityId }, admin(EARLY))); // by the organizer scanning her code
  const roster = expectOk(await rt.api('activity', 'roster', { activityId }, admin(EARLY))).items;
  const family = roster.find((i) => i.name === '安小宝');
  expectOk(await rt.api('checkin', 'manual', { activityId, signupId: String(family?.signupId) }, admin(EARLY))); // by hand
  await scanNow('r-w', EARLY); // on the waitlist: a walk-in with a sign-up
  await scanNow('r-d', EARLY);
  expectOk(await rt.api('activity', 'cancel', { activityId }, as('r-d', CANCEL))); // checked in, then cancelled
  await scanNow('r-x', DURING, '谢先生'); // walk-in who gives a name
  await scanNow('r-y', DURING); // walk-in who gives none
  // 陈老师 signed up and never came.
});
afterAll(async () => {
  await rt.stop();
});

it('gives one number on the screen, the roster, the report, the export and the dashboard', async () => {
  const screen = expectOk(await rt.api('checkin', 'stats', { activityId }, admin(LATER))).checkedIn;
  const roster = expectOk(await rt.api('activity', 'roster', { activityId }, admin(LATER))).items.filter((i) => i.checkedIn).length;
  const report = expectOk(await rt.api('report', 'project', { projectId }, admin(LATER))).totals.personTimes;
  const dashboard = expectOk(await rt.api('report', 'dashboard', { contestId }, admin(LATER))).personTimes;
  const { fileID } = expectOk(await rt.api('report', 'export', { contestId }, admin(LATER)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fileID);
  const sheet = rowsOf(wb.getWorksheet('报名签到名单') as ExcelJS.Worksheet);
  const col = (label: string) => sheet[0].indexOf(label);
  const exported = sheet.slice(1).filter((r) => r[col('活动')] === TITLE && r[col('签到')] === '是').length;

  expect({ screen, roster, report, exported, dashboard }).toEqual({ screen: 7, roster: 7, report: 7, exported: 7, dashboard: 7 });
});

it('lists walk-ins on the roster (with their name when given) and in the export with names', async () => {
  const items = expectOk(await rt.api('activity', 'roster', { activityId }, admin(LATER))).items;
  expect(items.map((i) => [i.name, i.status, i.checkedIn])).toEqual([
    ['安阿姨', 'confirmed', true],
    ['白师傅', 'confirmed', true],
    ['陈老师', 'confirmed', false],
    ['安小宝', 'confirmed', true],
    // 吴奶奶 took 丁大爷's seat when he cancelled; she had checked in from the waitlist.
    ['吴奶奶', 'confirmed', true],
    ['丁大爷', 'walkIn', true],
    ['谢先生', 'walkIn', true],
    ['', 'walkIn', true],
  ]);
  expect(items.find((i) => i.name === '吴奶奶')?.walkIn).toBe(true);
  expect(items.filter((i) => i.checkinMethod === 'verify').map((i) => i.name)).toEqual(['白师傅']);
});

it('shows a walk-in the activity in 我的活动 as attended', async () => {
  const mine = expectOk(await rt.api('activity', 'mine', {}, as('r-x', LATER))).items;
  expect(mine).toEqual([expect.objectContaining({ activityId, title: TITLE, status: 'walkIn', checkedIn: true, bucket: 'past', name: '谢先生' })]);
  const cancelled = expectOk(await rt.api('activity', 'mine', {}, as('r-d', LATER))).items;
  expect(cancelled).toEqual([expect.objectContaining({ activityId, status: 'walkIn', checkedIn: true })]);
});

it('names the activity a code belongs to when it is verified or scanned for another', async () => {
  const other = expectOk(
    await rt.api(
      'activity',
      'create',
      { title: '秋季议事会', projectId, type: '议事会', startsAt: '2026-03-05T10:00:00+08:00', endsAt: '2026-03-05T12:00:00+08:00', capacity: 5 },
      admin(OPENS),
    ),
  ).activityId;
  const { code } = expectOk(await rt.api('checkin', 'myCode', { activityId }, as('r-c', DURING)));
  expect(await rt.api('checkin', 'verify', { code, activityId: other }, admin(DURING))).toMatchObject({
    ok: false,
    code: 'TOKEN_INVALID',
    message: `这是「${TITLE}」的签到码，不是本活动的，请核对后再试`,
  });
  const { token, title } = expectOk(await rt.api('checkin', 'token', { activityId }, admin(DURING)));
  expect(title).toBe(TITLE);
  expect(await rt.api('checkin', 'scan', { token, activityId: other }, as('r-z', DURING))).toMatchObject({
    ok: false,
    code: 'TOKEN_INVALID',
    message: expect.stringContaining(`「${TITLE}」`),
  });
});
