/**
 * Messages of domain events, for the functions that own the events. Build the message with
 * these, write it with `putInTransaction(tx, msg)` in the event's transaction when its `_id`
 * is new by construction (it carries a seq only that transaction hands out), or with
 * `enqueue(db, msg)` after the event committed (a repeat leaves one message), then call
 * `requestFlush()` so it goes out now rather than at the next timer tick.
 */
import { toIso } from '../platform/time';
import { outboxMessage, type OutboxMessage } from './message';

export interface ActivityFacts {
  _id: string;
  title: string;
  startsAt: Date;
  location?: { name?: string };
}

export interface SignupFacts {
  _id: string;
  openid: string;
  name: string;
  /** Arrival counter: a later sign-up of the same slot is a new event with a new message. */
  seq: number;
}

const activityPage = (activityId: string): string => `pages/activity/index?id=${activityId}`;

function activityFacts(a: ActivityFacts): { title: string; startsAt: string; place: string } {
  return { title: a.title, startsAt: toIso(a.startsAt), place: a.location?.name ?? '' };
}

/** A message about one sign-up, with the sign-up's state in words. `_id` <template>:<signupId>:<seq>. */
function signupMessage(template: 'signupConfirmed' | 'promoted', status: string, a: ActivityFacts, s: SignupFacts, now: Date): OutboxMessage {
  return outboxMessage(
    template,
    s.openid,
    { ...activityFacts(a), name: s.name, status },
    {
      dedupKey: `${s._id}:${s.seq}`,
      now,
      page: activityPage(a._id),
      activityId: a._id,
      signupId: s._id,
    },
  );
}

/** 报名成功. */
export function signupConfirmedMessage(a: ActivityFacts, s: SignupFacts, now: Date): OutboxMessage {
  return signupMessage('signupConfirmed', '报名成功', a, s, now);
}

/** 候补成功. */
export function promotedMessage(a: ActivityFacts, s: SignupFacts, now: Date): OutboxMessage {
  return signupMessage('promoted', '候补成功，已为您保留名额', a, s, now);
}

/** 活动变更/取消, one per resident and change. `_id` activityChanged:<activityId>:<changeKey>:<openid>. */
export function activityChangedMessage(a: ActivityFacts, touser: string, change: { key: string; text: string }, now: Date): OutboxMessage {
  return outboxMessage(
    'activityChanged',
    touser,
    { ...activityFacts(a), change: change.text },
    {
      dedupKey: `${a._id}:${change.key}:${touser}`,
      now,
      page: activityPage(a._id),
      activityId: a._id,
    },
  );
}

/** 签到成功, once per resident and activity. `_id` checkinThanks:<activityId>:<openid>. */
export function checkinThanksMessage(a: ActivityFacts, touser: string, checkedInAt: Date, now: Date): OutboxMessage {
  return outboxMessage(
    'checkinThanks',
    touser,
    { title: a.title, checkedInAt: toIso(checkedInAt), tip: '感谢您的参与！' },
    {
      dedupKey: `${a._id}:${touser}`,
      now,
      page: activityPage(a._id),
      activityId: a._id,
    },
  );
}

export { enqueueResultPublished, resultPublishedMessage, watchContest } from './result-watch';
