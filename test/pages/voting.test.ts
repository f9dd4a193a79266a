/**
 * 投票 pages against the functions host: the first page in one call, the optimistic +1 and its
 * rollback with the server's reason, search and filter, the project page opened from a
 * mini-program code, the leaderboard with ties, and my votes with receipts.
 */
import { runtimeDescribe, usePageHarness, type PageComp } from './harness';
import { callAs } from './seed';

const h = usePageHarness();
const ADMIN = 'admin-1';
/** Generous: these pages wait on the real functions host, which may share a busy machine. */
const settle = (cond: () => boolean) => h.until(cond, 20_000);

let contestId = '';
let projectIds: string[] = [];

/** Every test here needs the runtime (runtimeDescribe); with the fixtures none runs, and neither does this. */
beforeAll(async () => {
  const backend = h.backend();
  const now = Date.now();
  const created = await callAs(backend, ADMIN, 'contest', 'create', {
    title: '幸福里“最佳人气奖”评选',
    voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000).toISOString() },
  });
  contestId = created.contestId;
  const projects = [
    { title: '悦园共享花园', team: '悦园楼长队', community: '悦园小区', summary: '把闲置荒地变成共享花园', planned: [{ type: '共建劳动', sessions: 4 }] },
    { title: '楼道生命通道', team: '岭南互助组', community: '岭南生活区' },
    { title: '邻里读书角', team: '海南洲妇女微家', community: '悦园小区' },
  ];
  projectIds = [];
  for (const p of projects) projectIds.push((await callAs(backend, ADMIN, 'contest', 'addProject', { contestId, ...p })).projectId);
  // 楼道生命通道 and 邻里读书角 tie with one vote each.
  await callAs(backend, 'neighbour-1', 'vote', 'cast', { contestId, projectId: projectIds[1] });
  await callAs(backend, 'neighbour-2', 'vote', 'cast', { contestId, projectId: projectIds[2] });
});

beforeEach(() => {
  h.wx.log.calls.length = 0;
  h.wx.log.toasts.length = 0;
  h.wx.log.navigations.length = 0;
});

function cardOf(page: PageComp, projectId: string) {
  const cards = page.data.cards as { projectId: string; votes: number | null; canVote: boolean; buttonText: string }[];
  return cards.find((c) => c.projectId === projectId);
}

function voteButton(page: PageComp, index: number) {
  return page.querySelectorAll('.vote-btn')[index];
}

runtimeDescribe('投票首页 (pages/contest)', () => {
  test('is usable after one call: banner, rules, cards with votes and my votes left today', async () => {
    h.wx.openid = 'page-voter-1';
    const page = await h.open('pages/contest/index', { contestId });
    await settle(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('ready');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['contest.get']);
    const html = h.html(page);
    expect(html).toContain('幸福里“最佳人气奖”评选');
    expect(html).toContain('投票中');
    expect(html).toMatch(/距结束还有/);
    expect(html).toContain('每人每天可为每个项目投 1 票');
    expect(html).toContain('得票前 5 名获“最佳人气奖”');
    expect(html).toMatch(/今天您还有\s*<wx-text[^>]*>3<\/wx-text>\s*票/);
    expect((page.data.cards as unknown[]).length).toBe(3);
    expect(cardOf(page, projectIds[1])).toMatchObject({ votes: 1, canVote: true, buttonText: '投票' });
  });

  test('opens from the result message, whose link carries the contest as `id`', async () => {
    h.wx.openid = 'page-voter-1';
    const page = await h.open('pages/contest/index', { id: contestId });
    await settle(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('ready');
    expect(page.data.contestId).toBe(contestId);
  });

  test('a vote shows +1 at once, then the server’s count; the button turns to 今天已投', async () => {
    h.wx.openid = 'page-voter-2';
    const page = await h.open('pages/contest/index', { contestId });
    await settle(() => page.data.state === 'ready');
    voteButton(page, 0)?.dispatchEvent('tap');
    // optimistic: before the server answers
    await settle(() => page.data.voting !== '');
    expect(page.data.voting).toBe(projectIds[0]);
    expect(cardOf(page, projectIds[0])?.votes).toBe(1);
    await settle(() => page.data.voting === '');
    expect(cardOf(page, projectIds[0])).toMatchObject({ votes: 1, canVote: false, buttonText: '今天已投' });
    expect((page.data.me as { votesLeftToday: number }).votesLeftToday).toBe(2);
    expect(h.wx.log.toasts.pop()?.title).toBe('投票成功，感谢支持！');
  });

  test('a refused vote shows what the server knows, not a stale +1, and says why', async () => {
    h.wx.openid = 'page-voter-3';
    const page = await h.open('pages/contest/index', { contestId });
    await settle(() => page.data.state === 'ready');
    const before = cardOf(page, projectIds[1])?.votes ?? 0;
    // The same person voted from another phone after this page loaded.
    await callAs(h.backend(), 'page-voter-3', 'vote', 'cast', { contestId, projectId: projectIds[1] });
    // A refusal can come back within one poll of the page; a phone's network is never that quick.
    const backend = h.backend();
    const direct = backend.call.bind(backend);
    backend.call = async (...args: Parameters<typeof direct>) => {
      await new Promise((r) => setTimeout(r, 100));
      return direct(...args);
    };
    try {
      voteButton(page, 1)?.dispatchEvent('tap');
      await settle(() => page.data.voting !== '');
      expect(cardOf(page, projectIds[1])?.votes).toBe(before + 1);
      await settle(() => page.data.voting === '');
      // The vote from the other phone counts, once; the header's quota is the server's.
      expect(cardOf(page, projectIds[1])).toMatchObject({ votes: before + 1, buttonText: '今天已投' });
      expect((page.data.me as { votesLeftToday: number }).votesLeftToday).toBe(2);
      expect(h.wx.log.toasts.pop()).toMatchObject({ title: '今天已经给这个项目投过票了，明天再来吧', icon: 'none' });
    } finally {
      backend.call = direct;
    }
  });

  test('search and the community filter narrow the cards', async () => {
    const page = await h.open('pages/contest/index', { contestId });
    await settle(() => page.data.state === 'ready');
    const filters = page.querySelectorAll('.filter');
    expect(filters.map((f) => f.dom?.textContent)).toEqual(['全部', '悦园小区', '岭南生活区']);
    filters[1].dispatchEvent('tap');
    await settle(() => (page.data.cards as unknown[]).length === 2);
    page.querySelector('.search')?.dispatchEvent('input', { detail: { value: '读书' } });
    await settle(() => (page.data.cards as unknown[]).length === 1);
    expect(cardOf(page, projectIds[2])).toBeDefined();
    page.querySelector('.search')?.dispatchEvent('input', { detail: { value: '没有这个' } });
    await settle(() => (page.data.cards as unknown[]).length === 0);
    expect(h.html(page)).toContain('没有找到相关项目');
  });
});

runtimeDescribe('项目详情 (pages/vote-project)', () => {
  test('opens from a mini-program code (scene = project) with summary, plan and a working vote button', async () => {
    h.wx.openid = 'page-voter-4';
    const page = await h.open('pages/vote-project/index', { scene: encodeURIComponent(projectIds[0]) });
    await settle(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('ready');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['contest.get']);
    const html = h.html(page);
    expect(html).toContain('悦园共享花园');
    expect(html).toContain('把闲置荒地变成共享花园');
    expect(html).toContain('共建劳动 · 4 场');
    const votesBefore = (page.data.card as { votes: number }).votes;
    page.querySelector('.vote-btn')?.dispatchEvent('tap');
    await settle(() => page.data.voting === '' && h.wx.log.toasts.length > 0);
    expect((page.data.card as { votes: number; buttonText: string }).votes).toBe(votesBefore + 1);
    expect((page.data.card as { buttonText: string }).buttonText).toBe('今天已投');
    const share = (page.instance as unknown as { onShareAppMessage(): { title: string; path: string } }).onShareAppMessage();
    expect(share).toEqual({ title: '请为「悦园共享花园」投上一票', path: `/pages/vote-project/index?contestId=${contestId}&projectId=${projectIds[0]}` });
  });
});

runtimeDescribe('排行榜 (pages/leaderboard)', () => {
  test('ranks ties together', async () => {
    // By now: 悦园共享花园 2 (page-voter-2, page-voter-4), 楼道生命通道 2 (neighbour-1, page-voter-3), 邻里读书角 1.
    const page = await h.open('pages/leaderboard/index', { contestId });
    await settle(() => page.data.state === 'ready');
    const rows = page.data.rows as { projectId: string; rankText: string; votesText: string }[];
    expect(rows.map((r) => [r.projectId, r.rankText, r.votesText])).toEqual([
      [projectIds[0], '1（并列）', '2 票'],
      [projectIds[1], '1（并列）', '2 票'],
      [projectIds[2], '3', '1 票'],
    ]);
    expect(h.html(page)).toContain('共 5 票');
  });
});

runtimeDescribe('我的投票 (pages/my-votes)', () => {
  test('lists my votes with their receipt codes', async () => {
    h.wx.openid = 'page-voter-2';
    const page = await h.open('pages/my-votes/index', { contestId });
    await settle(() => page.data.state !== 'loading');
    const items = page.data.items as { projectTitle: string; receipt: string }[];
    expect(items).toHaveLength(1);
    expect(items[0].projectTitle).toBe('悦园共享花园');
    expect(items[0].receipt).toMatch(/^[2-9A-Z]{10}$/);
    expect(h.html(page)).toContain(`凭证 ${items[0].receipt}`);
  });
});

runtimeDescribe('排行榜 after publication with judges (综合评审结果)', () => {
  test('shows the mixed final ranking with each project’s parts and the formula, below the popularity ranking', async () => {
    const backend = h.backend();
    const now = Date.now();
    const { contestId: judgedId } = await callAs(backend, ADMIN, 'contest', 'create', {
      title: '评审评选',
      voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
    });
    const ids: string[] = [];
    for (const title of ['甲项目', '乙项目'])
      ids.push((await callAs(backend, ADMIN, 'contest', 'addProject', { contestId: judgedId, title, team: `${title}队` })).projectId);
    await callAs(backend, ADMIN, 'contest', 'setScoring', {
      contestId: judgedId,
      criteria: [{ name: '成效', weight: 100 }],
      weights: { online: 50, onsite: 0, judges: 50 },
    });
    await callAs(backend, ADMIN, 'role', 'grant', { openid: 'judge-page', role: 'judge', contestId: judgedId, name: '评委甲' });
    await callAs(backend, 'judge-page', 'contest', 'score', { contestId: judgedId, projectId: ids[1], scores: { c1: 9 } });
    await callAs(backend, 'judge-page', 'contest', 'score', { contestId: judgedId, projectId: ids[0], scores: { c1: 5 } });
    await callAs(backend, 'neighbour-9', 'vote', 'cast', { contestId: judgedId, projectId: ids[1] });
    await callAs(backend, ADMIN, 'contest', 'setStatus', { contestId: judgedId, status: 'frozen' });
    await callAs(backend, ADMIN, 'contest', 'setStatus', { contestId: judgedId, status: 'published' });

    h.wx.openid = 'page-voter-9';
    const page = await h.open('pages/leaderboard/index', { contestId: judgedId });
    await settle(() => (page.data.mixed as unknown[]).length === 2);
    const mixed = page.data.mixed as { title: string; parts: string; total: string }[];
    expect(mixed[0]).toMatchObject({ title: '乙项目', total: '100.00' });
    expect(mixed[0].parts).toContain('1 位评委');
    const html = h.html(page);
    expect(html).toContain('综合评审结果');
    expect(html).toContain(page.data.formula as string);
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['contest.leaderboard', 'contest.ranking']);
  });

  test('a published contest without judges makes one call and shows no mixed ranking', async () => {
    const backend = h.backend();
    const now = Date.now();
    const { contestId: plainId } = await callAs(backend, ADMIN, 'contest', 'create', {
      title: '人气评选',
      voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
    });
    await callAs(backend, ADMIN, 'contest', 'addProject', { contestId: plainId, title: '丙项目', team: '丙队' });
    await callAs(backend, ADMIN, 'contest', 'setStatus', { contestId: plainId, status: 'frozen' });
    await callAs(backend, ADMIN, 'contest', 'setStatus', { contestId: plainId, status: 'published' });
    const page = await h.open('pages/leaderboard/index', { contestId: plainId });
    await settle(() => page.data.state === 'ready');
    expect(h.wx.log.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['contest.leaderboard']);
    expect(h.html(page)).not.toContain('综合评审结果');
  });
});
