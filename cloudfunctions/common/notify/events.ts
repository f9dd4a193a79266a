/**
 * Messages of domain events, for the functions that own the events. Build the message with
 * these, write it with `enqueueInTransaction(tx, msg)` in the event's transaction (or
 * `enqueue(db, msg)` after a conditional write), then call `requestFlush()` so it goes out now
 * rather than at the next timer tick.
 */
import type { Database } from '../database';
import { isDuplicateKeyError } from '../db';
import { fetchAll } from '../paging';
import { toIso } from '../time';
import { enqueue } from './enqueue';
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

const activityPage = (activityId: string): string => `pages/activity-detail/index?id=${activityId}`;

function activityFacts(a: ActivityFacts): { title: string; startsAt: string; place: string } {
  return { title: a.title, startsAt: toIso(a.startsAt), place: a.location?.name ?? '' };
}

/** 报名成功. `_id` signupConfirmed:<signupId>:<seq>. */
export function signupConfirmedMessage(a: ActivityFacts, s: SignupFacts, now: Date): OutboxMessage {
  return outboxMessage('signupConfirmed', s.openid, { ...activityFacts(a), name: s.name, status: '报名成功' }, {
    dedupKey: `${s._id}:${s.seq}`,
    now,
    page: activityPage(a._id),
    activityId: a._id,
    signupId: s._id,
  });
}

/** 候补成功. `_id` promoted:<signupId>:<seq>. */
export function promotedMessage(a: ActivityFacts, s: SignupFacts, now: Date): OutboxMessage {
  return outboxMessage('promoted', s.openid, { ...activityFacts(a), name: s.name, status: '候补成功，已为您保留名额' }, {
    dedupKey: `${s._id}:${s.seq}`,
    now,
    page: activityPage(a._id),
    activityId: a._id,
    signupId: s._id,
  });
}

/** 活动变更/取消, one per resident and change. `_id` activityChanged:<activityId>:<changeKey>:<openid>. */
export function activityChangedMessage(a: ActivityFacts, touser: string, change: { key: string; text: string }, now: Date): OutboxMessage {
  return outboxMessage('activityChanged', touser, { ...activityFacts(a), change: change.text }, {
    dedupKey: `${a._id}:${change.key}:${touser}`,
    now,
    page: activityPage(a._id),
    activityId: a._id,
  });
}

/** 签到成功, once per resident and activity. `_id` checkinThanks:<activityId>:<openid>. */
export function checkinThanksMessage(a: ActivityFacts, touser: string, checkedInAt: Date, now: Date): OutboxMessage {
  return outboxMessage('checkinThanks', touser, { title: a.title, checkedInAt: toIso(checkedInAt), tip: '感谢您的参与！' }, {
    dedupKey: `${a._id}:${touser}`,
    now,
    page: activityPage(a._id),
    activityId: a._id,
  });
}

/** Residents who asked to hear a contest's result (结果公布时通知我), `_id` resultPublished:<contestId>:<openid>. */
export const WATCHES = 'notify_watches';

export const watchId = (contestId: string, openid: string): string => `resultPublished:${contestId}:${openid}`;

/** Remembers that the resident wants this contest's result (called by notify.grant on accept). */
export async function watchContest(db: Database, contestId: string, openid: string, now: Date): Promise<void> {
  await db
    .collection(WATCHES)
    .add({ data: { _id: watchId(contestId, openid), contestId, openid, template: 'resultPublished', createdAt: now } })
    .catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e;
    });
}

export function resultPublishedMessage(contest: { _id: string; title: string }, touser: string, now: Date): OutboxMessage {
  return outboxMessage('resultPublished', touser, { title: contest.title, result: '评选结果已公布，点击查看获奖项目', publishedAt: toIso(now) }, {
    dedupKey: `${contest._id}:${touser}`,
    now,
    contestId: contest._id,
  });
}

/**
 * For contest.setStatus('published'): one message to every resident who asked. Idempotent
 * (deterministic `_id`s), so a retried publication enqueues nothing twice. Returns how many
 * messages are new. Reads the watchers in pages of 1000 (up to 20,000 per call).
 */
export async function enqueueResultPublished(db: Database, contest: { _id: string; title: string }, now: Date): Promise<number> {
  const watchers = await fetchAll<{ openid: string }>(() => db.collection(WATCHES).where({ contestId: contest._id }).field({ openid: true }));
  let added = 0;
  for (let i = 0; i < watchers.length; i += 50) {
    const slice = watchers.slice(i, i + 50);
    const results = await Promise.all(slice.map((w) => enqueue(db, resultPublishedMessage(contest, w.openid, now))));
    added += results.filter(Boolean).length;
  }
  return added;
}
