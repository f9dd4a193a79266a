import { runtimeTest, usePageHarness } from './harness';

const h = usePageHarness();

describe('管理首页 (packageAdmin/pages/index)', () => {
  runtimeTest("an admin sees the programme's figures from one report.dashboard call, and the contests", async () => {
    h.wx.openid = 'admin-1';
    h.wx.log.calls.length = 0;
    const page = await h.open('packageAdmin/pages/index/index');
    await h.until(() => page.data.state === 'ready');
    const figures = page.data.figures as { label: string; value: number }[];
    expect(figures.map((f) => f.label)).toEqual(['项目', '已办活动', '受益人次', '受益人数', '有效票数', '投票人数']);
    expect(figures.every((f) => Number.isInteger(f.value) && f.value >= 0)).toBe(true);
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`).sort()).toEqual(['contest.list', 'report.dashboard']);
    expect(h.html(page)).toContain('受益人次');
    expect(h.html(page)).toContain('权限与邀请');
  });

  runtimeTest('the desks’ assisted ballots show per staff member, by name and contest, against the hourly limit', async () => {
    const backend = h.backend();
    const hour = 3_600_000;
    const call = async (openid: string, fn: string, data: Record<string, unknown>) => {
      const env = (await backend.call(fn, data, openid)) as { ok: boolean; data: Record<string, unknown>; message?: string };
      if (!env.ok) throw new Error(`${fn}.${String(data.action)}: ${env.message}`);
      return env.data;
    };
    const { contestId } = (await call('admin-1', 'contest', {
      action: 'create',
      title: '成果展现场投票',
      assistedPerHour: 30,
      voting: { startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString() },
    })) as { contestId: string };
    const { projectId } = (await call('admin-1', 'contest', { action: 'addProject', contestId, title: '社区书屋', team: '书屋队' })) as { projectId: string };
    await call('admin-1', 'role', { action: 'grant', openid: 'desk-staff', role: 'staff', contestId, name: '李社工' });
    for (const phone of ['13800000001', '13800000002']) {
      await call('desk-staff', 'vote', { action: 'assisted', contestId, projectId, voter: { name: '居民', phone } });
    }
    h.wx.openid = 'admin-1';
    const page = await h.open('packageAdmin/pages/index/index');
    await h.until(() => page.data.state === 'ready');
    const staff = page.data.staff as { name: string; contest: string; summary: string }[];
    expect(staff.find((s) => s.contest === '成果展现场投票')).toMatchObject({ name: '李社工', summary: expect.stringContaining('共 2 张 · 本小时 2/30 张') });
    const html = h.html(page);
    expect(html).toContain('线下投票登记（工作人员）');
    expect(html).toContain('李社工');
  });

  runtimeTest('a resident is told they have no permission', async () => {
    h.wx.openid = 'resident-a';
    const page = await h.open('packageAdmin/pages/index/index');
    await h.until(() => page.data.state === 'error');
    expect(page.data.errorText).toBe('您没有权限进行这个操作');
  });
});

describe('评选管理 (packageAdmin/pages/contest)', () => {
  runtimeTest('during a blind finish the admin sees live counts and is told residents do not', async () => {
    const backend = h.backend();
    const hour = 3_600_000;
    const created = (await backend.call(
      'contest',
      {
        action: 'create',
        title: '盲投测试',
        blindHours: 24,
        voting: { startsAt: new Date(Date.now() - 48 * hour).toISOString(), endsAt: new Date(Date.now() + 2 * hour).toISOString() },
      },
      'admin-1',
    )) as { ok: true; data: { contestId: string } };
    const { contestId } = created.data;
    const added = (await backend.call('contest', { action: 'addProject', contestId, title: '楼道花园', team: '悦园小区' }, 'admin-1')) as {
      ok: true;
      data: { projectId: string };
    };
    await backend.call('vote', { action: 'cast', contestId, projectId: added.data.projectId }, 'blind-voter');

    h.wx.openid = 'admin-1';
    const page = await h.open('packageAdmin/pages/contest/index', { contestId });
    await h.until(() => page.data.state === 'ready' && (page.data.projects as unknown[]).length === 1);
    expect(page.data.projects).toMatchObject([{ title: '楼道花园', votes: '1' }]);
    expect(page.data.hiddenFromResidents).toBe(true);
    expect(h.html(page)).toContain('居民现在看不到票数和名次');
  });
});

describe('组织者工作台 (packageOrganizer/pages/index)', () => {
  runtimeTest('lists only what the person organizes: everything for an admin, nothing for a resident', async () => {
    h.wx.openid = 'admin-1';
    const asAdmin = await h.open('packageOrganizer/pages/index/index');
    await h.until(() => asAdmin.data.state !== 'loading');
    expect(asAdmin.data.state).toBe('ready');
    expect((asAdmin.data.items as unknown[]).length).toBeGreaterThan(0);
    expect(h.wx.log.calls.some((c) => c.name === 'activity' && c.data.action === 'list' && c.data.managed === true)).toBe(true);

    h.wx.openid = 'resident-nobody';
    const asResident = await h.open('packageOrganizer/pages/index/index');
    await h.until(() => asResident.data.state !== 'loading');
    expect(asResident.data.state).toBe('empty');
    expect(asResident.data.items).toEqual([]);
  });
});
