import { runtimeTest, usePageHarness } from './harness';

const h = usePageHarness();

describe('活动 (pages/activities)', () => {
  test('lists upcoming activities soonest first, past ones below, after one cloud call', async () => {
    const page = await h.open('pages/activities/index');
    await h.until(() => page.data.state !== 'loading');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['activity.list']);

    const upcoming = page.data.upcoming as { title: string; timeText: string; badge: string; activityId: string }[];
    const past = page.data.past as { title: string }[];
    expect(page.data.state).toBe(upcoming.length + past.length ? 'ready' : 'empty');
    if (page.data.state === 'empty') return;

    const cards = page.querySelectorAll('.activity');
    expect(cards.length).toBe(upcoming.length + past.length);
    const html = h.html(page);
    for (const a of upcoming) expect(html).toContain(a.title);
    // Beijing time with the weekday
    if (upcoming[0]) expect(upcoming[0].timeText).toMatch(/^\d+月\d+日 周[日一二三四五六] \d\d:\d\d/);
    if (past.length) expect(html).toContain('往期活动');
  });

  test('tapping a card opens the activity page', async () => {
    const page = await h.open('pages/activities/index');
    await h.until(() => page.data.state !== 'loading');
    const cards = page.querySelectorAll('.activity');
    if (!cards.length) return;
    h.wx.log.navigations.length = 0;
    cards[0].querySelector('.activity-card')?.dispatchEvent('tap');
    await h.until(() => h.wx.log.navigations.length === 1);
    const first = (page.data.upcoming as { activityId: string }[])[0] ?? (page.data.past as { activityId: string }[])[0];
    expect(h.wx.log.navigations[0]).toEqual({ method: 'navigateTo', url: `/pages/activity/index?activityId=${encodeURIComponent(first.activityId)}` });
  });

  runtimeTest('a full activity says 已满可候补, and 已报名 to the one who holds its seat', async () => {
    const badgeOfFull = async (openid: string): Promise<string | undefined> => {
      h.wx.openid = openid;
      const page = await h.open('pages/activities/index');
      await h.until(() => page.data.state === 'ready');
      return (page.data.upcoming as { title: string; badge: string }[]).find((a) => a.title === '楼道花园共建日')?.badge;
    };
    expect(await badgeOfFull('resident-a')).toBe('已满可候补');
    expect(await badgeOfFull('resident-b')).toBe('已报名');
  });
});
