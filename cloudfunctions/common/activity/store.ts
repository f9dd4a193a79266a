/**
 * Data access of activities and sign-ups: every stored document is read back through
 * `activityFromDoc` / `signupFromDoc`, inside a transaction or not.
 */
import type { Database, Transaction } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { findDoc } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { isMissingCollection } from '../platform/db-errors';
import { oneAtATime } from '../platform/one-at-a-time';
import { txGet } from '../platform/transaction';
import { requireOrganizer } from '../roles/policy';
import { ACTIVE_STATUSES, activityFromDoc, signupFromDoc, signupIdsOf, type ActivityDoc, type SignupDoc } from './model';

const { activities: ACTIVITIES, signups: SIGNUPS, checkins: CHECKINS } = COLLECTIONS;

const NOT_FOUND = '活动不存在或已被删除';

export async function findActivity(db: Database, activityId: string): Promise<ActivityDoc | null> {
  const doc = await findDoc(db, ACTIVITIES, activityId);
  return doc ? activityFromDoc(doc) : null;
}

/** The activity a printed poster's code belongs to; an unknown code is TOKEN_INVALID. */
export async function activityOfPoster(db: Database, posterCode: string): Promise<ActivityDoc> {
  const res = await db.collection(ACTIVITIES).where({ posterCode: posterCode.trim() }).limit(1).get();
  if (!res.data.length) throw new AppError('TOKEN_INVALID', '这个签到码已失效，请扫描组织者手机上的签到码');
  return activityFromDoc(res.data[0]);
}

/** The activity, or NOT_FOUND. */
export async function loadActivity(db: Database, activityId: string): Promise<ActivityDoc> {
  const a = await findActivity(db, activityId);
  if (!a) throw new AppError('NOT_FOUND', NOT_FOUND);
  return a;
}

/** The activity, if the caller organizes it (admins, its project's organizers, its own); else FORBIDDEN. */
export async function loadOrganizedActivity(ctx: CallContext, activityId: string): Promise<ActivityDoc> {
  const a = await loadActivity(ctx.db, activityId);
  await requireOrganizer(ctx, { projectId: a.projectId, activityId: a._id });
  return a;
}

export async function findSignup(db: Database, signupId: string): Promise<SignupDoc | null> {
  const doc = await findDoc(db, SIGNUPS, signupId);
  return doc ? signupFromDoc(doc) : null;
}

/** The activity inside a transaction (snapshot), or NOT_FOUND. */
export async function txActivity(tx: Transaction, activityId: string): Promise<ActivityDoc> {
  const doc = await txGet(tx, ACTIVITIES, activityId);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND);
  return activityFromDoc(doc);
}

export async function txSignup(tx: Transaction, signupId: string): Promise<SignupDoc | null> {
  const doc = await txGet(tx, SIGNUPS, signupId);
  return doc ? signupFromDoc(doc) : null;
}

/** Active sign-ups of an activity, in arrival order. */
export async function activeSignups(db: Database, activityId: string): Promise<SignupDoc[]> {
  const _ = db.command;
  const docs = await fetchAll(db, SIGNUPS, { activityId, status: _.in([...ACTIVE_STATUSES]) });
  return docs.map(signupFromDoc).sort((a, b) => a.seq - b.seq);
}

/** The caller's own sign-up and family sign-ups for one activity (by their ids). */
export async function signupsOfResident(db: Database, activityId: string, openid: string): Promise<SignupDoc[]> {
  const _ = db.command;
  const res = await db
    .collection(SIGNUPS)
    .where({ _id: _.in(signupIdsOf(activityId, openid)) })
    .get();
  return res.data.map(signupFromDoc);
}

/** 1-based place in the waitlist: how many waiting people arrived no later than this one. */
export async function waitlistPosition(db: Database, activityId: string, seq: number): Promise<number> {
  const _ = db.command;
  const res = await db
    .collection(SIGNUPS)
    .where({ activityId, status: 'waitlisted', seq: _.lte(seq) })
    .count();
  return res.total;
}

/** Which of these sign-ups have checked in (by id: the check-in shares the sign-up's `_id`). */
export async function checkedInAmong(db: Database, signupIds: string[]): Promise<Set<string>> {
  if (!signupIds.length) return new Set();
  const _ = db.command;
  try {
    const res = await db
      .collection(CHECKINS)
      .where({ _id: _.in(signupIds) })
      .limit(1000)
      .field({ _id: true })
      .get();
    return new Set(res.data.map((r) => String(r._id)));
  } catch (e) {
    if (isMissingCollection(e)) return new Set();
    throw e;
  }
}

/**
 * Sign-ups for the same activity queue within this instance instead of colliding in
 * transactions and retrying (see oneAtATime). Exactness never depends on it: the transaction
 * alone guarantees that.
 */
export function queued<T>(activityId: string, work: () => Promise<T>): Promise<T> {
  return oneAtATime(`activity:${activityId}`, work);
}
