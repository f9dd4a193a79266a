/**
 * View models for cards: what a card shows, computed once from the contract's records so that
 * WXML stays free of logic. Times are Beijing time.
 */
import type { ContestSummary } from '../../typings/contest';
import type { ActivityView } from '../../typings/activity';
import { formatDate, formatDuration, formatRange } from './time';

export type Tone = 'primary' | 'success' | 'warning' | 'default' | 'danger';

export interface ContestCardView {
  contestId: string;
  title: string;
  statusText: string;
  tone: Tone;
  periodText: string;
  /** e.g. `距结束还有 2天5小时` */
  hint: string;
  open: boolean;
}

export function toContestCard(c: ContestSummary, now: number = Date.now()): ContestCardView {
  const start = new Date(c.startsAt).getTime();
  const end = new Date(c.endsAt).getTime();
  let statusText = '投票中';
  let tone: Tone = 'primary';
  let hint = '';
  let open = false;
  if (c.status === 'published') {
    statusText = '结果已公布';
    tone = 'success';
    hint = '点击查看获奖项目';
  } else if (c.status === 'frozen') {
    statusText = '计票中';
    tone = 'warning';
    hint = '投票已截止，结果即将公布';
  } else if (c.status === 'draft') {
    statusText = '筹备中';
    tone = 'default';
  } else if (now < start) {
    statusText = '即将开始';
    tone = 'warning';
    hint = `距开始还有 ${formatDuration(start - now)}`;
  } else if (now >= end) {
    statusText = '已截止';
    tone = 'default';
    hint = '投票已截止，结果即将公布';
  } else {
    open = true;
    hint = `距结束还有 ${formatDuration(end - now)}`;
  }
  return {
    contestId: c.contestId,
    title: c.title,
    statusText,
    tone,
    periodText: `${formatDate(c.startsAt, now)} 至 ${formatDate(c.endsAt, now)}`,
    hint,
    open,
  };
}

export interface ActivityCardView {
  activityId: string;
  title: string;
  typeText: string;
  timeText: string;
  placeText: string;
  seatsText: string;
  badge: string;
  tone: Tone;
  past: boolean;
}

export function toActivityCard(a: ActivityView, now: number = Date.now()): ActivityCardView {
  const left = Math.max(0, a.capacity - a.confirmed);
  const ended = new Date(a.endsAt).getTime() <= now;
  const started = new Date(a.startsAt).getTime() <= now;
  const closed = a.signupEndsAt ? new Date(a.signupEndsAt).getTime() <= now : new Date(a.startsAt).getTime() <= now;
  let badge = left > 0 ? `余 ${left} 位` : '已满可候补';
  let tone: Tone = left > 0 ? 'success' : 'warning';
  if (a.status === 'cancelled') {
    badge = '已取消';
    tone = 'default';
  } else if (ended) {
    badge = '已结束';
    tone = 'default';
  } else if (started) {
    badge = '进行中';
    tone = 'primary';
  } else if (closed) {
    badge = '报名已截止';
    tone = 'default';
  }
  if (a.me && a.status !== 'cancelled') {
    if (a.me.status === 'confirmed') {
      badge = a.me.checkedIn ? '已签到' : '已报名';
      tone = 'primary';
    } else if (a.me.status === 'waitlisted') {
      badge = a.me.position ? `候补第 ${a.me.position} 位` : '候补中';
      tone = 'warning';
    } else if (a.me.status === 'pending') {
      badge = '待审核';
      tone = 'warning';
    }
  }
  return {
    activityId: a.activityId,
    title: a.title,
    typeText: a.type ?? '',
    timeText: formatRange(a.startsAt, a.endsAt, now),
    placeText: a.location?.name ?? '',
    seatsText: `已报名 ${a.confirmed}/${a.capacity}${a.waitlisted > 0 ? ` · 候补 ${a.waitlisted}` : ''}`,
    badge,
    tone,
    past: ended,
  };
}
