/**
 * Messages that activity events leave in the `outbox` collection for the notify function to
 * send as subscription messages. Each is written in the same transaction as its event (a
 * confirmation, a promotion) so an event is never without its message, nor a message without
 * its event. The `_id` is deterministic, so an event enqueues at most one message.
 * Values in `data` are plain (ISO times, full titles): the sender formats them to WeChat's
 * field limits.
 */
import type { TemplateKey } from '../../typings';
import type { ActivityDoc, SignupDoc } from './activity-rules';
import { toIso } from './time';

export const OUTBOX = 'outbox';

export interface OutboxDoc {
  _id: string;
  template: TemplateKey;
  touser: string;
  page: string;
  data: Record<string, string | number>;
  status: 'pending';
  activityId: string;
  signupId?: string;
  createdAt: Date;
}

/** The page a message opens: the activity's detail page. */
export function activityPage(activityId: string): string {
  return `pages/activity-detail/index?id=${activityId}`;
}

function activityFacts(a: ActivityDoc): Record<string, string> {
  return { title: a.title, startsAt: toIso(a.startsAt), place: a.location?.name ?? '' };
}

/** 报名成功: a sign-up took a seat (directly or when approved). */
export function confirmedMessage(a: ActivityDoc, s: SignupDoc, now: Date): OutboxDoc {
  return {
    _id: `signupConfirmed:${s._id}:${s.seq}`,
    template: 'signupConfirmed',
    touser: s.openid,
    page: activityPage(a._id),
    data: { ...activityFacts(a), name: s.name, status: '报名成功' },
    status: 'pending',
    activityId: a._id,
    signupId: s._id,
    createdAt: now,
  };
}

/** 候补成功: the head of the waitlist got a freed seat. */
export function promotedMessage(a: ActivityDoc, s: SignupDoc, now: Date): OutboxDoc {
  return {
    _id: `promoted:${s._id}:${s.seq}`,
    template: 'promoted',
    touser: s.openid,
    page: activityPage(a._id),
    data: { ...activityFacts(a), name: s.name, status: '候补成功，已为您保留名额' },
    status: 'pending',
    activityId: a._id,
    signupId: s._id,
    createdAt: now,
  };
}

/** 活动变更/取消: one message per resident (not per family sign-up) and per change. */
export function changedMessage(a: ActivityDoc, touser: string, change: { key: string; text: string }, now: Date): OutboxDoc {
  return {
    _id: `activityChanged:${a._id}:${change.key}:${touser}`,
    template: 'activityChanged',
    touser,
    page: activityPage(a._id),
    data: { ...activityFacts(a), change: change.text },
    status: 'pending',
    activityId: a._id,
    createdAt: now,
  };
}
