import { usePageHarness } from './harness';

const h = usePageHarness();

beforeEach(() => {
  h.wx.log.calls.length = 0;
  h.wx.log.navigations.length = 0;
});

describe('首页 (pages/home)', () => {
  test('is usable after one cloud call: the open contest as the banner, the others below', async () => {
    const page = await h.open('pages/home/index');
    await h.until(() => page.data.state !== 'loading');

    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['contest.list']);
    expect(page.data.state).toBe('ready');
    const featured = page.data.featured as { title: string; open: boolean; statusText: string } | null;
    expect(featured?.open).toBe(true);
    expect(featured?.statusText).toBe('投票中');

    const cards = page.querySelectorAll('.contest');
    const others = page.data.others as unknown[];
    expect(cards.length).toBe(others.length + 1);
    const html = h.html(page);
    expect(html).toContain(featured?.title);
    expect(html).toContain('去投票');
    // no blocking loading indicator for a page with its own loading state
    expect(h.wx.log.loadingShown).toBe(0);
  });

  test('tapping the banner opens the contest page with its id', async () => {
    const page = await h.open('pages/home/index');
    await h.until(() => page.data.state === 'ready');
    const featured = page.data.featured as { contestId: string };
    const card = page.querySelector('.featured');
    const inner = card?.querySelector('.contest-card');
    expect(inner).toBeDefined();
    inner?.dispatchEvent('tap');
    await h.until(() => h.wx.log.navigations.length > 0);
    expect(h.wx.log.navigations[0]).toEqual({ method: 'navigateTo', url: `/pages/contest/index?contestId=${encodeURIComponent(featured.contestId)}` });
  });

  test('quick entries: 活动报名 switches tab, 使用帮助 opens the help page', async () => {
    const page = await h.open('pages/home/index');
    await h.until(() => page.data.state === 'ready');
    const entries = page.querySelectorAll('.entry');
    expect(entries.map((e) => e.dom?.textContent)).toEqual(['报活动报名', '签扫码签到', '?使用帮助']);
    entries[0].dispatchEvent('tap');
    entries[2].dispatchEvent('tap');
    await h.until(() => h.wx.log.navigations.length === 2);
    expect(h.wx.log.navigations).toEqual([
      { method: 'switchTab', url: '/pages/activities/index' },
      { method: 'navigateTo', url: '/pages/help/index' },
    ]);
  });

  test('a failed load shows the error state, and 重新加载 recovers', async () => {
    const backend = h.backend();
    const realCall = backend.call;
    backend.call = async () => ({ ok: false, code: 'INTERNAL', message: '内部错误' });
    try {
      const page = await h.open('pages/home/index');
      await h.until(() => page.data.state === 'error');
      expect(h.html(page)).toContain('系统开小差了');
      backend.call = realCall;
      // TDesign's button is a virtual host: tap the <button> it renders
      const retry = page.querySelector('#state')?.querySelector('.state__retry')?.querySelector('.t-button');
      expect(retry).toBeDefined();
      retry?.dispatchEvent('tap');
      await h.until(() => page.data.state === 'ready');
    } finally {
      backend.call = realCall;
    }
  });

  test('shares the programme with a meaningful title and the home path', async () => {
    const page = await h.open('pages/home/index');
    await h.until(() => page.data.state === 'ready');
    const share = (page.instance.onShareAppMessage as () => { title: string; path: string })();
    expect(share.path).toBe('/pages/home/index');
    expect(share.title).toContain('投票');
  });
});
