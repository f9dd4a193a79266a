import type { ContestDetail, LeaderboardItem, ProjectCard, VoterView } from '../../typings/contest';
import { bannerOf, communitiesOf, confirmVote, filterCards, optimisticVote, rulesText, toBoardRows, toProjectCards } from '../../miniprogram/utils/vote-view';

const contest: ContestDetail = {
  contestId: 'c1',
  title: '最佳人气奖',
  status: 'open',
  startsAt: '2026-01-08T09:00:00.000+08:00',
  endsAt: '2026-01-13T00:00:00.000+08:00',
  voting: { startsAt: '2026-01-08T09:00:00.000+08:00', endsAt: '2026-01-13T00:00:00.000+08:00', perProjectPerDay: 1, perDay: 2 },
  settings: {
    topN: 5,
    blindHours: 24,
    hideCountsWhenFrozen: false,
    rateLimit: { max: 30, windowSeconds: 60 },
    voters: { verifiedPhone: false, rosterOnly: false },
    assistedPerHour: 120,
  },
  countsHidden: false,
  blindFrom: '2026-01-12T00:00:00.000+08:00',
};
const projects: ProjectCard[] = [
  { projectId: 'a', title: '共享花园', team: '楼长队', community: '悦园小区', votes: 3, rank: 1 },
  { projectId: 'b', title: '读书角', team: '妇女微家', community: '海南洲', votes: 1, rank: 2 },
];
const me: VoterView = { votesLeftToday: 2, votedToday: {}, day: '2026-01-09', isAdmin: false };
const NOW = Date.parse('2026-01-09T02:00:00Z');

describe('vote-view', () => {
  it('banner: countdown while open, plain words otherwise', () => {
    expect(bannerOf(contest, NOW)).toMatchObject({ statusText: '投票中', open: true });
    expect(bannerOf(contest, NOW).countdown).toMatch(/^距结束还有 /);
    expect(bannerOf({ ...contest, status: 'frozen' }, NOW)).toMatchObject({ statusText: '计票中', open: false });
    expect(bannerOf(contest, Date.parse('2026-01-08T00:00:00Z'))).toMatchObject({ statusText: '即将开始', open: false });
  });
  it('rules in words, including the daily cap, winners and the blind finish', () => {
    const text = rulesText(contest).join('\n');
    expect(text).toContain('每人每天可为每个项目投 1 票');
    expect(text).toContain('每人每天最多投 2 票');
    expect(text).toContain('得票前 5 名');
    expect(text).toContain('起隐藏票数');
  });
  it('cards: what I can still do today', () => {
    const cards = toProjectCards(projects, { ...me, votedToday: { a: 1 }, votesLeftToday: 1 }, contest, true);
    expect(cards.map((c) => [c.projectId, c.canVote, c.buttonText, c.votesText, c.rankText])).toEqual([
      ['a', false, '今天已投', '3 票', '第 1 名'],
      ['b', true, '投票', '1 票', '第 2 名'],
    ]);
    expect(toProjectCards(projects, { ...me, votesLeftToday: 0 }, contest, true)[1]).toMatchObject({ canVote: false, buttonText: '今日票数已用完' });
    expect(toProjectCards([{ ...projects[0], votes: null, rank: null }], me, contest, true)[0]).toMatchObject({ votesText: '票数暂时隐藏', rankText: '' });
  });
  it('filter by community and keyword', () => {
    const cards = toProjectCards(projects, me, contest, true);
    expect(communitiesOf(projects)).toEqual(['悦园小区', '海南洲']);
    expect(filterCards(cards, '', '海南洲').map((c) => c.projectId)).toEqual(['b']);
    expect(filterCards(cards, '花园', '').map((c) => c.projectId)).toEqual(['a']);
  });
  it('optimistic +1, then the server’s figures', () => {
    const guess = optimisticVote(me, projects, 'b');
    expect(guess.projects[1].votes).toBe(2);
    expect(guess.me).toMatchObject({ votesLeftToday: 1, votedToday: { b: 1 } });
    expect(projects[1].votes).toBe(1);
    const after = confirmVote(guess.me, guess.projects, 'b', 5, 1);
    expect(after.projects[1].votes).toBe(5);
    expect(after.me.votesLeftToday).toBe(1);
  });
  it('leaderboard rows say when a rank is shared', () => {
    const items: LeaderboardItem[] = [
      { rank: 1, projectId: 'a', title: 'A', votes: 3 },
      { rank: 1, projectId: 'b', title: 'B', votes: 3 },
      { rank: 3, projectId: 'c', title: 'C', votes: 0 },
    ];
    // No rank for a project nobody voted for: 0 votes is not 第 3 名.
    expect(toBoardRows(items).map((r) => r.rankText)).toEqual(['1（并列）', '1（并列）', '—']);
    expect(toBoardRows([{ rank: null, projectId: 'a', title: 'A', votes: null }])[0]).toMatchObject({ rankText: '—', votesText: '隐藏' });
  });
});
