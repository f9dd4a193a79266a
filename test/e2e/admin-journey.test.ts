/**
 * Journey (miniprogram-automator, web preview): an admin creates a contest with two projects in
 * 评选管理 and opens it; a resident votes; the admin freezes and publishes; the resident sees the
 * result. Runs in headless Chromium (or WeChat DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate } from '../support/browser';

const { journey, title, start } = journeyGate(['contest', 'vote', 'role', 'report'], { previewOnly: true });

/** What the date and time pickers give for an instant, in Beijing time. */
function picked(ms: number): { date: string; time: string } {
  const t = new Date(ms + 8 * 3600_000).toISOString();
  return { date: t.slice(0, 10), time: t.slice(11, 16) };
}

interface CardData {
  projectId: string;
  votes: number | null;
  buttonText: string;
  winner: boolean;
}

journey(
  title('admin creates a contest with two projects and opens it; a resident votes; admin freezes and publishes; the resident sees the result'),
  async () => {
    const session = await start({ seed: 'none', persona: 'admin-1' });
    const mp = session.miniProgram;
    const confirmModals = () => mp.mockWxMethod('showModal', { confirm: true, cancel: false, content: '' });
    await confirmModals();
    const now = Date.now();

    // 新建评选
    let page = await mp.reLaunch('/packageAdmin/pages/contest/index');
    const from = picked(now - 86_400_000);
    const to = picked(now + 3 * 86_400_000);
    await page?.waitFor(async () => Boolean(await page?.data('form.startDate')));
    await page?.setData({
      'form.title': '幸福里微项目评选',
      'form.description': '为身边的好项目投票',
      'form.startDate': from.date,
      'form.startTime': from.time,
      'form.endDate': to.date,
      'form.endTime': to.time,
      'form.topN': '1',
    });
    await page?.callMethod('onSave');
    await page?.waitFor(async () => (await page?.data('status')) === 'draft');
    const contestId = String(await page?.data('contestId'));
    expect(contestId).not.toBe('');

    // Two projects through 项目 pages
    for (const [name, team] of [
      ['悦园共享花园', '悦园楼长队'],
      ['楼道生命通道', '岭南互助组'],
    ]) {
      await page?.callMethod('onAddProject');
      await page?.waitFor(async () => (await mp.currentPage())?.path === 'packageAdmin/pages/project/index');
      const form = await mp.currentPage();
      await form?.setData({ form: { title: name, team, community: '幸福里', summary: `${name}的简介`, planned: [{ type: '居民议事会', sessions: 3 }] } });
      await form?.callMethod('onSave');
      await form?.waitFor(async () => (await mp.currentPage())?.path === 'packageAdmin/pages/contest/index');
      page = await mp.currentPage();
    }
    await page?.waitFor(async () => ((await page?.data('projects')) as unknown[]).length === 2);

    // 开始投票
    await page?.callMethod('onStatus');
    await page?.waitFor(async () => (await page?.data('status')) === 'open');

    // A resident votes
    await session.usePersona('resident-j');
    page = await mp.reLaunch(`/pages/contest/index?contestId=${contestId}`);
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    const buttons = (await page?.$$('.vote-btn')) ?? [];
    await buttons[0].tap();
    const cards = async () => ((await page?.data('cards')) as CardData[]) ?? [];
    await page?.waitFor(async () => (await cards())[0]?.buttonText === '今天已投');

    // The admin freezes and publishes
    await session.usePersona('admin-1');
    await confirmModals();
    page = await mp.reLaunch(`/packageAdmin/pages/contest/index?contestId=${contestId}`);
    await page?.waitFor(async () => (await page?.data('status')) === 'open');
    await page?.callMethod('onStatus');
    await page?.waitFor(async () => (await page?.data('status')) === 'frozen');
    await page?.callMethod('onStatus');
    await page?.waitFor(async () => (await page?.data('status')) === 'published');

    // The resident sees the result
    await session.usePersona('resident-j');
    page = await mp.reLaunch(`/pages/contest/index?contestId=${contestId}`);
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    const result = await cards();
    expect(result.map((c) => [c.votes, c.winner])).toEqual([
      [1, true],
      [0, false],
    ]);
    expect(await page?.data('banner.statusText')).toBe('结果已公布');
  },
  240_000,
);
