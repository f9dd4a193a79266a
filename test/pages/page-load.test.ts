/**
 * The load lifecycle pages share (behaviors/page.ts): pull-down refresh keeps the content up,
 * coming back reloads only where the page asks for it, and a page opened without its id says
 * so without a cloud call. The admin edit forms: creating starts on the empty form without a
 * call, editing fills it in Beijing time, and typing writes `form.<field>`.
 */
import { runtimeTest, usePageHarness } from './harness';
import { call, freshActivity } from './activity-pages';

const h = usePageHarness();
const actions = () => h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`);

beforeEach(() => {
  h.wx.log.calls.length = 0;
  h.wx.openid = 'resident-a';
});

describe('page load lifecycle', () => {
  test('pull-down refresh reloads without hiding the content, then stops the refresh', async () => {
    const page = await h.open('pages/home/index');
    await h.until(() => page.data.state === 'ready');
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const stop = wx.stopPullDownRefresh;
    let stopped = 0;
    wx.stopPullDownRefresh = () => void stopped++;
    try {
      const states: unknown[] = [];
      const setData = page.instance.setData.bind(page.instance);
      page.instance.setData = (d: Record<string, unknown>) => {
        if ('state' in d) states.push(d.state);
        setData(d);
      };
      (page.instance.onPullDownRefresh as () => void)();
      await h.until(() => stopped === 1);
      expect(states).toEqual(['ready']);
      expect(actions()).toEqual(['contest.list', 'contest.list']);
    } finally {
      wx.stopPullDownRefresh = stop;
    }
  });

  test('a page opened without its id shows what is missing and calls nothing', async () => {
    const page = await h.open('pages/leaderboard/index');
    expect(page.data.state).toBe('error');
    expect(page.data.errorText).toBe('没有找到这个评选');
    expect(actions()).toEqual([]);
  });

  runtimeTest('coming back reloads a page that asks for it, once it has content', async () => {
    const id = await freshActivity(h.backend(), { title: '旧物交换' });
    await call(h.backend(), 'resident-back', { action: 'signup', activityId: id, form: { name: '王阿姨', phone: '13812341234' } });
    h.wx.openid = 'resident-back';
    const page = await h.open('pages/my-activities/index');
    await h.until(() => page.data.state === 'ready');
    expect(actions()).toEqual(['activity.mine']);
    (page.instance.onShow as () => void)();
    await h.until(() => h.wx.log.calls.length === 2);
    expect(actions()).toEqual(['activity.mine', 'activity.mine']);
  });
});

describe('活动编辑 (packageAdmin/pages/activity)', () => {
  beforeEach(() => {
    h.wx.openid = 'admin-1';
  });

  test('creating: the empty form at once, no cloud call', async () => {
    const page = await h.open('packageAdmin/pages/activity/index', { projectId: 'p-1' });
    expect(page.data.state).toBe('ready');
    expect(actions()).toEqual([]);
  });

  runtimeTest('editing: the spinner, then the activity in Beijing time; typing updates the form', async () => {
    const id = await freshActivity(h.backend(), { title: '楼道议事会', startsAt: '2031-05-06T01:30:00.000Z', endsAt: '2031-05-06T03:00:00.000Z' });
    h.wx.log.calls.length = 0;
    const page = await h.open('packageAdmin/pages/activity/index', { activityId: id });
    expect(page.data.state).toBe('loading');
    await h.until(() => page.data.state !== 'loading');
    expect(actions()).toEqual(['activity.get']);
    const form = page.data.form as { title: string; date: string; startTime: string; endTime: string };
    expect(form).toEqual(expect.objectContaining({ title: '楼道议事会', date: '2031-05-06', startTime: '09:30', endTime: '11:00' }));

    page.querySelector('.field__input')?.dispatchEvent('input', { detail: { value: '楼道议事会（改期）' } });
    await h.until(() => (page.data.form as { title: string }).title === '楼道议事会（改期）');
    expect((page.data.form as { startTime: string }).startTime).toBe('09:30');
  });
});
