/**
 * Journey written once against miniprogram-automator: home → 使用帮助 → back. Runs against the
 * web preview in headless Chromium (or WeChat DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate } from '../support/browser';

const { journey, title, start } = journeyGate();

journey(
  title('resident opens the home page, goes to 使用帮助 and comes back'),
  async () => {
    const session = await start({ seed: 'none' });
    if (session.runtime) {
      const now = Date.now();
      const created = await session.call('contest', 'admin-1', {
        action: 'create',
        title: '社区微创投“最佳人气奖”评选',
        voting: { startsAt: new Date(now - 86400000).toISOString(), endsAt: new Date(now + 4 * 86400000).toISOString() },
      });
      expect(created.ok).toBe(true);
    }
    const mp = session.miniProgram;

    let page = await mp.reLaunch('/pages/home/index');
    expect(page?.path).toBe('pages/home/index');
    await page?.waitFor(async () => (await page?.data('state')) !== 'loading');
    expect(await page?.data('state')).toBe('ready');
    const featured = (await page?.data('featured')) as { title: string; open: boolean } | null;
    expect(featured?.open).toBe(true);
    const banner = await page?.$('.featured');
    expect(banner?.tagName).toBe('contest-card');

    const entries = (await page?.$$('.entry')) ?? [];
    expect(entries).toHaveLength(3);
    expect(await entries[2].text()).toContain('使用帮助');
    await entries[2].tap();
    await page?.waitFor(async () => (await mp.currentPage())?.path === 'pages/help/index');

    page = await mp.currentPage();
    expect(page?.path).toBe('pages/help/index');
    expect((await mp.pageStack()).map((p) => p.path)).toEqual(['pages/home/index', 'pages/help/index']);
    const topics = page ? await page.$$('.topic__title') : [];
    const texts: string[] = [];
    for (const t of topics) texts.push(await t.text());
    expect(texts).toContain('怎么投票');

    page = await mp.navigateBack();
    expect(page?.path).toBe('pages/home/index');
    expect(await page?.data('state')).toBe('ready');
  },
  120_000,
);
