import { runtimeTest, usePageHarness } from './harness';
import { call, freshActivity } from './activity-pages';

const h = usePageHarness();

describe('我的活动 (pages/my-activities)', () => {
  runtimeTest('shows upcoming sign-ups, and waitlisted ones with their place', async () => {
    const open = await freshActivity(h.backend(), { title: '社区义诊' });
    const full = await freshActivity(h.backend(), { title: '书法课', capacity: 1 });
    await call(h.backend(), 'resident-x', { action: 'signup', activityId: full, form: { name: '赵叔叔', phone: '13912345678' } });
    await call(h.backend(), 'resident-mine', { action: 'signup', activityId: open, form: { name: '王阿姨', phone: '13812341234' } });
    await call(h.backend(), 'resident-mine', { action: 'signup', activityId: full, form: { name: '王阿姨', phone: '13812341234' } });
    await call(h.backend(), 'resident-mine', { action: 'signup', activityId: open, forOther: { name: '李奶奶', phone: '13812341234' } });
    h.wx.openid = 'resident-mine';
    const page = await h.open('pages/my-activities/index');
    await h.until(() => page.data.state !== 'loading');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['activity.mine']);
    const upcoming = page.data.upcoming as { title: string; statusText: string; whoText: string }[];
    const waiting = page.data.waitlisted as { title: string; statusText: string }[];
    expect(upcoming.map((r) => [r.title, r.statusText, r.whoText]).sort()).toEqual([
      ['社区义诊', '已报名', ''],
      ['社区义诊', '已报名', '为 李奶奶 报名'],
    ]);
    expect(waiting).toEqual([expect.objectContaining({ title: '书法课', statusText: '候补第 1 位' })]);
    expect(h.html(page)).toContain('候补中');
    h.wx.log.navigations.length = 0;
    await h.tap(page, '.waiting');
    expect(h.wx.log.navigations[0].url).toBe(`/pages/activity/index?activityId=${encodeURIComponent(full)}`);
    h.wx.log.navigations.length = 0;
    await h.tap(page, '签到码');
    expect(h.wx.log.navigations[0]?.url).toContain(`activityId=${encodeURIComponent(open)}`);
    expect(h.wx.log.navigations[0]?.url).toContain('signupId=');
  });

  runtimeTest('says so when I have not signed up for anything', async () => {
    h.wx.openid = 'resident-nobody';
    const page = await h.open('pages/my-activities/index');
    await h.until(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('empty');
    expect(h.html(page)).toContain('您还没有报名活动');
  });
});
