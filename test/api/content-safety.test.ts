/**
 * Content safety across functions: every text others will see passes security.msgSecCheck (v2,
 * as the writer) before it is stored; a risky text answers CONTENT_REJECTED and writes nothing.
 * The emulator judges content containing 违禁词 or BADWORD risky.
 */
import { ADMIN, appData, expectOk, startTestRuntime, textChecksSince, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const NOW = '2026-03-02T10:00:00+08:00';
const admin = { openid: ADMIN, now: NOW };
let contestId = '';
let projectId = '';
let activityId = '';

beforeAll(async () => {
  rt = await startTestRuntime();
  contestId = expectOk(
    await rt.api('contest', 'create', { title: '内容安全测试', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } }, admin),
  ).contestId;
  projectId = expectOk(await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指', summary: '一起种花' }, admin)).projectId;
  activityId = expectOk(
    await rt.api(
      'activity',
      'create',
      { title: '种花日', projectId, startsAt: '2026-03-10T09:00:00+08:00', endsAt: '2026-03-10T11:00:00+08:00', capacity: 10, description: '带上手套' },
      admin,
    ),
  ).activityId;
});
afterAll(async () => {
  await rt.stop();
});

type Attempt = [name: string, fn: string, data: () => Record<string, unknown>, openid: string];

const risky: Attempt[] = [
  ['contest.addProject summary', 'contest', () => ({ action: 'addProject', contestId, title: '新项目', team: '某队', summary: '含违禁词的简介' }), ADMIN],
  ['contest.addProject title', 'contest', () => ({ action: 'addProject', contestId, title: 'BADWORD 项目', team: '某队' }), ADMIN],
  ['contest.updateProject summary', 'contest', () => ({ action: 'updateProject', projectId, patch: { summary: '违禁词' } }), ADMIN],
  [
    'activity.create description',
    'activity',
    () => ({
      action: 'create',
      title: '活动',
      projectId,
      startsAt: '2026-03-11T09:00:00+08:00',
      endsAt: '2026-03-11T11:00:00+08:00',
      capacity: 5,
      description: '违禁词',
    }),
    ADMIN,
  ],
  ['activity.update title', 'activity', () => ({ action: 'update', activityId, patch: { title: 'BADWORD 活动' } }), ADMIN],
  [
    'activity.signup note',
    'activity',
    () => ({ action: 'signup', activityId, form: { name: '王芳', phone: '13800000011', note: '备注里有违禁词' } }),
    'resident-9',
  ],
];

describe('risky text is refused before anything is written', () => {
  it.each(risky)('%s → CONTENT_REJECTED, nothing written, checked as the writer', async (_name, fn, data, openid) => {
    const n = (await rt.outbox()).length;
    const before = appData(rt);
    const res = await rt.call(fn, data(), { openid, now: NOW });
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
    expect(appData(rt)).toBe(before);
    const checks = await textChecksSince(rt, n);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.params.version === 2 && c.params.openid === openid)).toBe(true);
  });
});

describe('clean text passes the same checks', () => {
  it('a sign-up with a note is checked and stored', async () => {
    const n = (await rt.outbox()).length;
    expectOk(
      await rt.api('activity', 'signup', { activityId, form: { name: '李明', phone: '13800000012', note: '带孩子来' } }, { openid: 'resident-8', now: NOW }),
    );
    const checks = await textChecksSince(rt, n);
    expect(checks.map((c) => c.params.content)).toEqual(['带孩子来']);
  });

  it('an activity edit is checked and stored', async () => {
    const n = (await rt.outbox()).length;
    expectOk(await rt.api('activity', 'update', { activityId, patch: { description: '请带上手套和水杯' } }, admin));
    expect((await textChecksSince(rt, n)).length).toBe(1);
  });
});
