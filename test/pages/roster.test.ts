import { runtimeTest, usePageHarness } from './harness';
import { call, freshActivity } from './activity-pages';

const h = usePageHarness();

describe('报名名单 (packageOrganizer/pages/roster)', () => {
  runtimeTest('lists sign-ups with masked phones and approves a pending one', async () => {
    const id = await freshActivity(h.backend(), { capacity: 2, approval: true });
    await call(h.backend(), 'resident-r1', { action: 'signup', activityId: id, form: { name: '王阿姨', phone: '13812341234', note: '腿脚不便' } });
    h.wx.openid = 'admin-1';
    const page = await h.open('packageOrganizer/pages/roster/index', { activityId: id });
    await h.until(() => page.data.state !== 'loading');
    const rows = page.data.rows as { name: string; phoneMasked: string; statusText: string; pending: boolean }[];
    expect(rows).toEqual([expect.objectContaining({ name: '王阿姨', phoneMasked: '138****1234', statusText: '待审核', pending: true })]);
    const html = h.html(page);
    expect(html).toContain('138****1234');
    expect(html).not.toContain('13812341234');
    expect(html).toContain('腿脚不便');
    await h.tap(page, '通过');
    await h.until(() => (page.data.rows as { statusText: string }[])[0]?.statusText === '已报名');
    expect(page.data.summary).toContain('已报名 1 人');
  });

  runtimeTest('不通过 asks first, then refuses the sign-up', async () => {
    const id = await freshActivity(h.backend(), { capacity: 2, approval: true });
    await call(h.backend(), 'resident-r2', { action: 'signup', activityId: id, form: { name: '张伯伯', phone: '13812345678' } });
    h.wx.openid = 'admin-1';
    const page = await h.open('packageOrganizer/pages/roster/index', { activityId: id });
    await h.until(() => page.data.state !== 'loading');
    await h.tap(page, '不通过');
    await h.until(() => (page.data.rows as { statusText: string }[])[0]?.statusText !== '待审核');
    expect(h.wx.log.modals.at(-1)?.content).toContain('张伯伯');
    expect(h.wx.log.calls.map((c) => String(c.data.action))).toContain('reject');
  });

  runtimeTest('a resident gets the refusal, not the list', async () => {
    const id = await freshActivity(h.backend());
    h.wx.openid = 'resident-nosy';
    const page = await h.open('packageOrganizer/pages/roster/index', { activityId: id });
    await h.until(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('error');
    expect(page.data.errorText).toContain('没有权限');
  });
});
