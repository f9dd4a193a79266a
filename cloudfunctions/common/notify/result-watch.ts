/**
 * 结果公布时通知我: residents who asked to hear a contest's result (`notify_watches`, `_id`
 * resultPublished:<contestId>:<openid>) get one message when it is published. contest.setStatus
 * enqueues the first part right away; the every-minute timer enqueues the rest, so a contest
 * with more watchers than one call can handle still reaches them all. Each watch is marked
 * `enqueued` after its message exists; message `_id`s are deterministic, so a repeat adds nothing.
 */
import type { Database } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { insertOnce } from '../platform/documents';
import { toIso } from '../platform/time';
import { enqueueMany } from './enqueue';
import { outboxMessage, type OutboxMessage } from './message';

const { watches: WATCHES, contests: CONTESTS } = COLLECTIONS;
const RECENT_MS = 7 * 24 * 3_600_000;

export const watchId = (contestId: string, openid: string): string => `resultPublished:${contestId}:${openid}`;

export interface ContestFacts {
  _id: string;
  title: string;
}

/** Remembers that the resident wants this contest's result (notify.grant on accept). */
export async function watchContest(db: Database, contestId: string, openid: string, now: Date): Promise<void> {
  await insertOnce(db, WATCHES, { _id: watchId(contestId, openid), contestId, openid, template: 'resultPublished', enqueued: false, createdAt: now });
}

export function resultPublishedMessage(contest: ContestFacts, touser: string, now: Date): OutboxMessage {
  return outboxMessage(
    'resultPublished',
    touser,
    { title: contest.title, result: '评选结果已公布，点击查看获奖项目', publishedAt: toIso(now) },
    {
      dedupKey: `${contest._id}:${touser}`,
      now,
      contestId: contest._id,
    },
  );
}

/**
 * For contest.setStatus('published'): enqueues the result message for up to `limit` residents
 * who asked and are not yet served; returns how many messages are new. Call `requestFlush()`
 * after it. Safe to repeat.
 */
export async function enqueueResultPublished(db: Database, contest: ContestFacts, now: Date, limit = 2000): Promise<number> {
  const _ = db.command;
  let added = 0;
  for (let done = 0; done < limit;) {
    const page = await db
      .collection(WATCHES)
      .where({ contestId: contest._id, enqueued: false })
      .limit(Math.min(500, limit - done))
      .field({ openid: true })
      .get();
    const watches = page.data.map((w) => ({ _id: String(w._id), openid: String(w.openid) }));
    if (watches.length === 0) break;
    for (let i = 0; i < watches.length; i += 50) {
      const slice = watches.slice(i, i + 50);
      added += await enqueueMany(
        db,
        slice.map((w) => resultPublishedMessage(contest, w.openid, now)),
      );
      await db
        .collection(WATCHES)
        .where({ _id: _.in(slice.map((w) => w._id)) })
        .update({ data: { enqueued: true } });
    }
    done += watches.length;
  }
  return added;
}

/** The timer's part: finishes enqueueing for every published contest with watchers left. */
export async function continueResultPublished(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  // Contests published in the last week: older ones were served long ago.
  const since = new Date(now.getTime() - RECENT_MS);
  const published = await db
    .collection(CONTESTS)
    .where({ status: 'published', 'statusAt.published': _.gte(since) })
    .field({ title: true })
    .limit(100)
    .get();
  let added = 0;
  for (const c of published.data) added += await enqueueResultPublished(db, { _id: String(c._id), title: String(c.title) }, now, 5000);
  return added;
}
