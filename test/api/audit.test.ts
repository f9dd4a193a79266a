/** The audit log records every privileged change across functions, in one shape, newest first. */
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const at = (m: number) => `2026-03-02T10:${String(m).padStart(2, '0')}:00+08:00`;
const admin = (m: number) => ({ openid: ADMIN, now: at(m) });

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

it('creates, edits, voids, publishes, grants and exports all land in role.audit', async () => {
  const { contestId } = expectOk(
    await rt.api('contest', 'create', { title: '审计测试', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } }, admin(1)),
  );
  const { projectId } = expectOk(await rt.api('contest', 'addProject', { contestId, title: '楼道花园', team: '绿手指' }, admin(2)));
  expectOk(await rt.api('vote', 'cast', { contestId, projectId }, { openid: 'r-1', now: at(3) }));
  expectOk(await rt.api('vote', 'void', { contestId, voteIds: [`${contestId}:${projectId}:r-1:2026-03-02`], reason: '测试作废' }, admin(4)));
  const { activityId } = expectOk(
    await rt.api(
      'activity',
      'create',
      { title: '议事会', projectId, startsAt: '2026-03-10T09:00:00+08:00', endsAt: '2026-03-10T11:00:00+08:00', capacity: 5 },
      admin(5),
    ),
  );
  expectOk(await rt.api('activity', 'update', { activityId, patch: { capacity: 8 } }, admin(6)));
  expectOk(await rt.api('activity', 'cancelActivity', { activityId, reason: '下雨' }, admin(7)));
  expectOk(await rt.api('role', 'grant', { openid: 'o-1', role: 'organizer', projectId }, admin(8)));
  expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'frozen' }, admin(9)));
  expectOk(await rt.api('contest', 'setStatus', { contestId, status: 'published' }, admin(10)));
  expectOk(await rt.api('report', 'export', { contestId }, admin(11)));

  const log = expectOk(await rt.api('role', 'audit', { limit: 100 }, admin(12)));
  expect(log.items.map((i) => i.action)).toEqual([
    'report.export',
    'contest.publish',
    'contest.status',
    'role.grant',
    'activity.cancel',
    'activity.update',
    'activity.create',
    'vote.void',
    'project.create',
    'contest.create',
  ]);
  expect(log.items.every((i) => i.actor === ADMIN)).toBe(true);
  const byAction = new Map(log.items.map((i) => [i.action, i]));
  expect(byAction.get('vote.void')).toMatchObject({ target: contestId, detail: { reason: '测试作废', voided: 1 } });
  expect(byAction.get('contest.publish')).toMatchObject({ target: contestId, detail: { from: 'frozen', to: 'published' } });
  expect(byAction.get('activity.cancel')).toMatchObject({ target: activityId });
  expect(byAction.get('project.create')).toMatchObject({ target: projectId });
});

describe('the audit log in words', () => {
  /** 16 hex digits in a row: how generated ids look (contest c…, project p…, emulator _ids). */
  const HEX_ID = /[0-9a-f]{16}/;
  const ENGLISH_KEY = /[a-z]+\.[a-z]+|[a-z][A-Za-z]*[A-Z][a-z]/;
  const readable = (i: {
    actorName: string;
    actionLabel: string;
    targetKind?: string;
    targetTitle?: string;
    note?: string;
    changes?: { label: string; before: string; after: string }[];
  }) =>
    [i.actorName, i.actionLabel, i.targetKind ?? '', i.targetTitle ?? '', i.note ?? '', ...(i.changes ?? []).flatMap((c) => [c.label, c.before, c.after])].join(
      ' ',
    );

  let contestId = '';
  let otherContestId = '';
  let activityId = '';

  beforeAll(async () => {
    // The deployment's admin names themself; an organizer is granted with a name.
    expectOk(await rt.api('role', 'setName', { name: '周敏' }, admin(20)));
    contestId = expectOk(
      await rt.api(
        'contest',
        'create',
        { title: '幸福里评选', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
        admin(21),
      ),
    ).contestId;
    otherContestId = expectOk(
      await rt.api(
        'contest',
        'create',
        { title: '别的评选', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
        admin(21),
      ),
    ).contestId;
    const { projectId } = expectOk(
      await rt.api('contest', 'addProject', { contestId, title: '悦园花园', team: '楼长队', planned: [{ type: '议事会', sessions: 2 }] }, admin(22)),
    );
    expectOk(await rt.api('role', 'grant', { openid: 'o-2', role: 'organizer', projectId, name: '王建国' }, admin(23)));
    expectOk(await rt.api('contest', 'update', { contestId, patch: { topN: 6, hideCountsWhenFrozen: true } }, admin(24)));
    activityId = expectOk(
      await rt.api(
        'activity',
        'create',
        {
          title: '春季议事会',
          projectId,
          type: '议事会',
          startsAt: '2026-03-02T11:00:00+08:00',
          endsAt: '2026-03-02T13:00:00+08:00',
          capacity: 5,
          approval: true,
        },
        { openid: 'o-2', now: at(25) },
      ),
    ).activityId;
    for (const [who, name] of [
      ['r-a', '张三'],
      ['r-b', '李四'],
    ]) {
      expectOk(await rt.api('activity', 'signup', { activityId, form: { name, phone: '13800000000' } }, { openid: who, now: at(26) }));
    }
    const roster = expectOk(await rt.api('activity', 'roster', { activityId }, { openid: 'o-2', now: at(27) })).items;
    const byName = new Map(roster.map((i) => [i.name, i.signupId]));
    expectOk(await rt.api('activity', 'approve', { activityId, signupId: String(byName.get('张三')) }, { openid: 'o-2', now: at(28) }));
    expectOk(await rt.api('activity', 'reject', { activityId, signupId: String(byName.get('李四')) }, { openid: 'o-2', now: at(29) }));
    expectOk(await rt.api('checkin', 'manual', { activityId, signupId: String(byName.get('张三')) }, { openid: 'o-2', now: at(30) }));
    expectOk(await rt.api('checkin', 'configure', { activityId, settings: { opensBeforeMin: 60 } }, { openid: 'o-2', now: at(31) }));
    expectOk(await rt.api('activity', 'export', { activityId }, admin(32)));
  });

  it('names who did what to what, and the change with its label: 获奖名额 5 → 6', async () => {
    const log = expectOk(await rt.api('role', 'audit', { contestId, type: 'contest.update' }, admin(40)));
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actorName: '周敏', actionLabel: '修改评选设置', targetKind: '评选', targetTitle: '幸福里评选' });
    expect(log.items[0].changes).toEqual([
      { field: 'settings.topN', label: '获奖名额', before: '5', after: '6' },
      { field: 'settings.hideCountsWhenFrozen', label: '封票后隐藏票数', before: '否', after: '是' },
    ]);
  });

  it('logs approvals, rejections, manual check-ins, check-in settings and exports by the names captured at grant', async () => {
    const log = expectOk(await rt.api('role', 'audit', { contestId, actor: 'o-2' }, admin(40)));
    expect(log.items.map((i) => [i.actionLabel, i.targetTitle, i.note ?? ''])).toEqual([
      ['修改签到设置', '春季议事会', ''],
      ['手动签到', '春季议事会', '张三'],
      ['报名审核不通过', '春季议事会', '李四'],
      ['报名审核通过', '春季议事会', '张三'],
      ['创建活动', '春季议事会', '所属项目「悦园花园」'],
    ]);
    expect(log.items.every((i) => i.actorName === '王建国')).toBe(true);
    expect(log.items[0].changes).toEqual([{ field: 'checkin.opensBeforeMin', label: '开始前几分钟开放签到', before: '30', after: '60' }]);
    const exported = expectOk(await rt.api('role', 'audit', { type: 'activity.export' }, admin(40)));
    expect(exported.items[0]).toMatchObject({ actorName: '周敏', actionLabel: '导出活动名单', targetTitle: '春季议事会', note: '1 人' });
    const grant = expectOk(await rt.api('role', 'audit', { type: 'role.grant', contestId }, admin(40)));
    expect(grant.items[0]).toMatchObject({ actorName: '周敏', targetKind: '人员', targetTitle: '王建国', note: '项目「悦园花园」的组织者' });
  });

  it('filters by contest, person and action, and offers those choices in words', async () => {
    const ours = expectOk(await rt.api('role', 'audit', { contestId, limit: 100 }, admin(40)));
    expect(ours.items.length).toBeGreaterThan(5);
    expect(ours.items.every((i) => i.contestId === contestId)).toBe(true);
    const other = expectOk(await rt.api('role', 'audit', { contestId: otherContestId }, admin(40)));
    expect(other.items.map((i) => [i.actionLabel, i.targetTitle])).toEqual([['创建评选', '别的评选']]);
    const filters = ours.filters;
    expect(filters?.people).toEqual(
      expect.arrayContaining([
        { value: ADMIN, label: '周敏' },
        { value: 'o-2', label: '王建国' },
      ]),
    );
    expect(filters?.contests.map((c) => c.label)).toEqual(expect.arrayContaining(['幸福里评选', '别的评选']));
    expect(filters?.actions).toContainEqual({ value: 'checkin.manual', label: '手动签到' });
    // Only the first page carries the choices.
    expect(expectOk(await rt.api('role', 'audit', { contestId, offset: 2 }, admin(40))).filters).toBeUndefined();
  });

  it('shows no generated id and no English key in any readable field', async () => {
    const log = expectOk(await rt.api('role', 'audit', { limit: 100 }, admin(40)));
    for (const item of log.items) {
      const text = readable(item);
      expect(text).not.toMatch(HEX_ID);
      expect(text).not.toMatch(ENGLISH_KEY);
    }
  });

  it('keeps the name an invitee gives on accepting', async () => {
    const inv = expectOk(await rt.api('role', 'invite', { role: 'admin', name: '李芳', qr: false }, admin(41)));
    expectOk(await rt.api('role', 'accept', { code: inv.code, name: '李芳芳' }, { openid: 'a-2', now: at(42) }));
    const list = expectOk(await rt.api('role', 'list', {}, admin(43)));
    expect(list.items.find((i) => i.openid === 'a-2')).toMatchObject({ name: '李芳芳', roles: ['admin'] });
    const accepted = expectOk(await rt.api('role', 'audit', { type: 'role.accept' }, admin(43)));
    expect(accepted.items[0]).toMatchObject({ actorName: '李芳芳', actionLabel: '接受邀请', targetKind: '邀请码', note: '管理员' });
    expect(expectOk(await rt.api('role', 'me', {}, { openid: 'a-2', now: at(43) })).name).toBe('李芳芳');
  });

  it('refuses a name that is not one, and a resident naming themself, writing nothing', async () => {
    expect(await rt.api('role', 'setName', { name: '<script>' }, admin(44))).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: '姓名只能包含汉字或字母，不超过20个字',
    });
    expect(await rt.api('role', 'setName', { name: '路人' }, { openid: 'r-a', now: at(44) })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
