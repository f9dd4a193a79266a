import { runtimeTest, usePageHarness } from './harness';
import { activityTitled, call, freshActivity, tapButton } from './activity-pages';

const h = usePageHarness();

describe('活动详情 (pages/activity)', () => {
  runtimeTest('shows Beijing time with weekday, seats and a waitlist button when full; opens the form', async () => {
    const full = await activityTitled(h.backend(), '楼道花园');
    const page = await h.open('pages/activity/index', { activityId: full.activityId });
    await h.until(() => page.data.state !== 'loading');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['activity.get']);
    const view = page.data.view as { timeText: string; seatsLeftText: string; signupLabel: string; hasMap: boolean };
    expect(view.timeText).toMatch(/^\d+月\d+日 周[日一二三四五六] \d\d:\d\d(–\d\d:\d\d| 至 )/);
    expect(view.seatsLeftText).toBe('名额已满，可以候补');
    expect(view.signupLabel).toBe('已满，候补报名');
    expect(view.hasMap).toBe(false);
    expect(h.html(page)).toContain('楼道花园共建日');
    h.wx.log.navigations.length = 0;
    await tapButton(page, '.signup');
    expect(h.wx.log.navigations).toEqual([{ method: 'navigateTo', url: `/pages/activity-signup/index?activityId=${encodeURIComponent(full.activityId)}` }]);
  });

  runtimeTest('opens the map when the place has coordinates (and accepts ?id= from a message)', async () => {
    const id = await freshActivity(h.backend());
    const opened: { latitude: number; longitude: number; name?: string }[] = [];
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.openLocation = (o: { latitude: number; longitude: number; name?: string }) => opened.push(o);
    const page = await h.open('pages/activity/index', { id });
    await h.until(() => page.data.state !== 'loading');
    await h.tap(page, '.map-link');
    expect(opened).toEqual([expect.objectContaining({ latitude: 23.21, longitude: 113.12, name: '幸福里社区卫生站' })]);
    expect(page.querySelector('.roster-link')).toBeUndefined();
  });

  runtimeTest('organizers find the roster from the activity', async () => {
    const id = await freshActivity(h.backend());
    h.wx.openid = 'admin-1';
    const page = await h.open('pages/activity/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    h.wx.log.navigations.length = 0;
    await h.tap(page, '.roster-link');
    expect(h.wx.log.navigations).toEqual([{ method: 'navigateTo', url: `/packageOrganizer/pages/roster/index?activityId=${encodeURIComponent(id)}` }]);
    h.wx.openid = 'resident-a';
  });

  runtimeTest('my status shows, and cancelling asks first, then frees the seat', async () => {
    const id = await freshActivity(h.backend(), { capacity: 1 });
    await call(h.backend(), 'resident-a', { action: 'signup', activityId: id, form: { name: '王阿姨', phone: '13812341234' } });
    await call(h.backend(), 'resident-c', { action: 'signup', activityId: id, form: { name: '赵叔叔', phone: '13912345678' } });
    h.wx.openid = 'resident-a';
    const page = await h.open('pages/activity/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    expect((page.data.view as { myText: string }).myText).toBe('已报名');
    h.wx.modalConfirm = false;
    await tapButton(page, '.cancel');
    await h.until(() => h.wx.log.modals.length === 1);
    expect(h.wx.log.calls.filter((c) => c.data.action === 'cancel')).toHaveLength(0);
    h.wx.modalConfirm = true;
    await tapButton(page, '.cancel');
    await h.until(() => h.wx.log.toasts.some((t) => t.title === '已取消报名'));
    await h.until(() => (page.data.view as { signedUp: boolean }).signedUp === false);
    expect(h.wx.log.modals[1].content).toContain('候补');
    const other = await call<{ me: { status: string } }>(h.backend(), 'resident-c', { action: 'get', activityId: id });
    expect(other.me.status).toBe('confirmed');
  });

  runtimeTest('when the rule allows no cancelling the button says so and stays off', async () => {
    const id = await freshActivity(h.backend(), { cancelRule: { kind: 'none' } });
    await call(h.backend(), 'resident-a', { action: 'signup', activityId: id, form: { name: '王阿姨', phone: '13812341234' } });
    h.wx.openid = 'resident-a';
    const page = await h.open('pages/activity/index', { activityId: id });
    await h.until(() => page.data.state === 'ready');
    expect((page.data.view as { canCancel: boolean; cancelText: string }).canCancel).toBe(false);
    expect(h.html(page)).toContain('已不能取消');
    expect(h.html(page)).toContain('报名后不能取消');
    const calls = h.wx.log.calls.length;
    await tapButton(page, '.cancel');
    expect(h.wx.log.calls.length).toBe(calls);
  });
});
