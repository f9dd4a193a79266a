/**
 * View models of the 投票 pages: countdown, rules in plain words, project cards with my votes
 * today, filtering by community, the optimistic +1 and its rollback. Pure; Beijing time.
 */
import type { ContestDetail, LeaderboardItem, ProjectCard, VoterView } from '../../typings/contest';
import type { MyVote } from '../../typings/vote';
import type { RankingItem } from '../../typings/judging';
import { formatDateTime, formatDuration } from './time';

export interface ProjectCardView {
  projectId: string;
  title: string;
  team: string;
  community: string;
  summary: string;
  /** The cover's temporary link; empty when the project has none (the card shows no picture). */
  coverUrl: string;
  votesText: string;
  votes: number | null;
  rankText: string;
  winner: boolean;
  /** Votes I may still give this project today. */
  myLeft: number;
  votedToday: boolean;
  buttonText: string;
  canVote: boolean;
  /** No vote button once the result is published: the vote is over for good. */
  showVote: boolean;
}

export interface BannerView {
  statusText: string;
  countdown: string;
  open: boolean;
}

export function bannerOf(contest: ContestDetail, now: number): BannerView {
  const start = new Date(contest.startsAt).getTime();
  const end = new Date(contest.endsAt).getTime();
  if (contest.status === 'published') return { statusText: '结果已公布', countdown: '感谢每一位投票的居民', open: false };
  if (contest.status === 'frozen') return { statusText: '计票中', countdown: '投票已截止，结果即将公布', open: false };
  if (contest.status === 'draft' || now < start)
    return { statusText: '即将开始', countdown: `距开始还有 ${formatDuration(Math.max(0, start - now))}`, open: false };
  if (now >= end) return { statusText: '已截止', countdown: '投票已截止，结果即将公布', open: false };
  return { statusText: '投票中', countdown: `距结束还有 ${formatDuration(end - now)}`, open: true };
}

/** The rules in words a resident reads at a glance. */
export function rulesText(contest: ContestDetail): string[] {
  const v = contest.voting;
  const lines = [`投票时间：${formatDateTime(contest.startsAt)} 至 ${formatDateTime(contest.endsAt)}`];
  lines.push(`每人每天可为每个项目投 ${v.perProjectPerDay} 票`);
  if (v.perDay !== undefined) lines.push(`每人每天最多投 ${v.perDay} 票`);
  if (v.total !== undefined) lines.push(`整个评选期间每人最多投 ${v.total} 票`);
  lines.push(`得票前 ${contest.settings.topN} 名获“最佳人气奖”（票数相同名次并列）`);
  if (contest.blindFrom) lines.push(`${formatDateTime(contest.blindFrom)} 起隐藏票数，结果公布时揭晓`);
  return lines;
}

function buttonText(open: boolean, myLeft: number, votedToday: boolean, leftToday: number): string {
  if (!open) return '不在投票时间';
  if (myLeft > 0 && leftToday > 0) return votedToday ? '再投一票' : '投票';
  if (votedToday) return '今天已投';
  return '今日票数已用完';
}

export function toProjectCards(projects: ProjectCard[], me: VoterView, contest: ContestDetail, open: boolean): ProjectCardView[] {
  return projects.map((p) => {
    const mine = me.votedToday[p.projectId] ?? 0;
    const myLeft = Math.max(0, contest.voting.perProjectPerDay - mine);
    return {
      projectId: p.projectId,
      title: p.title,
      team: p.team,
      community: p.community ?? '',
      summary: p.summary ?? '',
      coverUrl: p.coverUrl ?? '',
      votes: p.votes,
      votesText: p.votes === null ? '票数暂时隐藏' : `${p.votes} 票`,
      // A rank is earned: no "第 1 名" for a project nobody voted for yet.
      rankText: p.rank === null || p.rank === undefined || !p.votes ? '' : `第 ${p.rank} 名`,
      winner: p.winner === true,
      myLeft,
      votedToday: mine > 0,
      buttonText: buttonText(open, myLeft, mine > 0, me.votesLeftToday),
      canVote: open && myLeft > 0 && me.votesLeftToday > 0,
      showVote: contest.status !== 'published',
    };
  });
}

/** Communities to filter by, in the order they first appear. */
export function communitiesOf(projects: ProjectCard[]): string[] {
  const seen: string[] = [];
  for (const p of projects) if (p.community && seen.indexOf(p.community) < 0) seen.push(p.community);
  return seen;
}

export function filterCards(cards: ProjectCardView[], keyword: string, community: string): ProjectCardView[] {
  const k = keyword.trim();
  return cards.filter(
    (c) => (!community || c.community === community) && (!k || c.title.indexOf(k) >= 0 || c.team.indexOf(k) >= 0 || c.community.indexOf(k) >= 0),
  );
}

/** The page state right after tapping 投票, before the server answers. */
export function optimisticVote(me: VoterView, projects: ProjectCard[], projectId: string): { me: VoterView; projects: ProjectCard[] } {
  return {
    me: { ...me, votesLeftToday: Math.max(0, me.votesLeftToday - 1), votedToday: { ...me.votedToday, [projectId]: (me.votedToday[projectId] ?? 0) + 1 } },
    projects: projects.map((p) => (p.projectId === projectId && p.votes !== null ? { ...p, votes: p.votes + 1 } : p)),
  };
}

/** The page state once the server accepted: its own count and quota win over our guess. */
export function confirmVote(
  me: VoterView,
  projects: ProjectCard[],
  projectId: string,
  votes: number | null,
  votesLeftToday: number,
): { me: VoterView; projects: ProjectCard[] } {
  return {
    me: { ...me, votesLeftToday },
    projects: projects.map((p) => (p.projectId === projectId && votes !== null ? { ...p, votes } : p)),
  };
}

export interface BoardRowView extends LeaderboardItem {
  rankText: string;
  votesText: string;
  tie: boolean;
}

export function toBoardRows(items: LeaderboardItem[]): BoardRowView[] {
  return items.map((item) => {
    const ranked = item.rank !== null && item.votes !== 0;
    const tie = ranked && items.filter((o) => o.rank === item.rank).length > 1;
    return {
      ...item,
      rankText: !ranked ? '—' : tie ? `${item.rank}（并列）` : String(item.rank),
      votesText: item.votes === null ? '隐藏' : `${item.votes} 票`,
      tie,
    };
  });
}

export interface MyVoteView {
  key: string;
  projectTitle: string;
  dayText: string;
  receipt: string;
  voided: boolean;
}

export function toMyVotes(items: MyVote[], titles: Record<string, string>): MyVoteView[] {
  return items.map((v, i) => ({
    key: `${v.projectId}-${v.day}-${i}`,
    projectTitle: titles[v.projectId] ?? '项目',
    dayText: formatDateTime(v.at),
    receipt: v.receipt ?? '',
    voided: v.voided === true,
  }));
}

/** One project of the mixed final ranking (评审打分) in words: its parts and its total. */
export interface MixedRowView {
  rank: number;
  projectId: string;
  title: string;
  parts: string;
  total: string;
}

export function mixedRankingRows(items: RankingItem[]): MixedRowView[] {
  return items.map((i) => ({
    rank: i.rank,
    projectId: i.projectId,
    title: i.title,
    parts: `线上得分 ${i.online.points} · 现场得分 ${i.onsite.points} · 评审得分 ${i.judges.points}（${i.judges.count} 位评委）`,
    total: i.total.toFixed(2),
  }));
}
