/**
 * Journey written once against miniprogram-automator: a resident votes on the 投票首页 and sees
 * the count go up by one; a second vote the server refuses (cast meanwhile from another phone)
 * rolls back with the message a resident understands. Runs against the web preview in headless
 * Chromium (or WeChat DevTools when WX_DEVTOOLS_CLI is set).
 */
import { journeyGate } from '../support/browser';

const { journey, title, start } = journeyGate(['contest', 'vote'], { previewOnly: true });

interface CardData {
  projectId: string;
  votes: number | null;
  buttonText: string;
}

type ToastLog = { __voteToasts?: string[] };

journey(
  title('resident votes and sees +1; a second vote is refused with the right message'),
  async () => {
    const session = await start({ seed: 'none', persona: 'resident-v' });
    const now = Date.now();
    const created = await session.call<{ contestId: string }>('contest', 'admin-1', {
      action: 'create',
      title: '幸福里“最佳人气奖”评选',
      voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000).toISOString() },
    });
    expect(created.ok).toBe(true);
    const contestId = created.data.contestId;
    const projectIds: string[] = [];
    for (const t of ['悦园共享花园', '楼道生命通道']) {
      const p = await session.call<{ projectId: string }>('contest', 'admin-1', { action: 'addProject', contestId, title: t, team: '志愿服务队' });
      projectIds.push(p.data.projectId);
    }
    await session.call('vote', 'neighbour', { action: 'cast', contestId, projectId: projectIds[0] });

    const mp = session.miniProgram;
    await mp.mockWxMethod('showToast', function (opts: { title: string }) {
      const g = globalThis as unknown as ToastLog;
      (g.__voteToasts = g.__voteToasts ?? []).push(opts.title);
      return { errMsg: 'showToast:ok' };
    });
    const toasts = async () => ((await mp.evaluate(() => (globalThis as unknown as ToastLog).__voteToasts ?? [])) as string[]) ?? [];
    const page = await mp.reLaunch(`/pages/contest/index?contestId=${contestId}`);
    await page?.waitFor(async () => (await page?.data('state')) === 'ready');
    const cards = async () => ((await page?.data('cards')) as CardData[]) ?? [];
    expect((await cards()).map((c) => c.votes)).toEqual([1, 0]);

    // First vote: the count goes up by one and stays there.
    const buttons = (await page?.$$('.vote-btn')) ?? [];
    await buttons[0].tap();
    await page?.waitFor(async () => (await page?.data('voting')) === '' && (await cards())[0].buttonText === '今天已投');
    expect((await cards())[0].votes).toBe(2);
    expect(await toasts()).toContain('投票成功，感谢支持！');

    // The same resident votes for the other project from another phone; this page does not know yet.
    const other = await session.call('vote', 'resident-v', { action: 'cast', contestId, projectId: projectIds[1] });
    expect(other.ok).toBe(true);
    await buttons[1].tap();
    await page?.waitFor(async () => (await toasts()).includes('今天已经给这个项目投过票了，明天再来吧'));
    await page?.waitFor(async () => (await page?.data('voting')) === '');
    // The card shows what the server knows now — the vote from the other phone — not a stale 0 or "+1".
    expect((await cards())[1]).toMatchObject({ votes: 1, buttonText: '今天已投' });
  },
  120_000,
);
