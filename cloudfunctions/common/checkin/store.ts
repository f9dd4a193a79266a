/** Data access of check-in: activities and sign-ups it reads, the ledger it writes. */
import type { SignupDoc } from '../activity/rules';
import type { Database } from '../platform/database';
import { findById, isDuplicateKeyError } from '../platform/documents';
import { AppError } from '../errors';
import { CHECKINS, type CheckinDoc } from './model';
import type { CheckinActivity } from './rules';

export const ACTIVITIES = 'activities';
export const SIGNUPS = 'signups';

export interface StoredActivity extends CheckinActivity {
  projectId?: string;
  type?: string;
  confirmed?: number;
}

/** The part of a sign-up that check-in reads. */
export type StoredSignup = Pick<SignupDoc, '_id' | 'activityId' | 'openid' | 'forOther' | 'name' | 'phone' | 'status'>;

export async function loadActivity(db: Database, activityId: string): Promise<StoredActivity> {
  const a = await findById<StoredActivity>(db, ACTIVITIES, activityId);
  if (!a) throw new AppError('NOT_FOUND', '活动不存在或已被删除');
  return a;
}

export function loadSignup(db: Database, signupId: string): Promise<StoredSignup | null> {
  return findById<StoredSignup>(db, SIGNUPS, signupId);
}

/** Inserts a check-in; false when this person already has one for the activity (the dedup). */
export async function insertCheckin(db: Database, doc: CheckinDoc): Promise<boolean> {
  try {
    await db.collection(CHECKINS).add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
}

export function loadCheckin(db: Database, id: string): Promise<CheckinDoc | null> {
  return findById<CheckinDoc>(db, CHECKINS, id);
}

/**
 * Records the sign-out once: the condition on `signOutAt` makes a second, concurrent sign-out
 * update nothing, so the first one stands.
 */
export async function recordSignOut(db: Database, id: string, fields: { signOutAt: Date; durationMin: number; countsAsHours: boolean }): Promise<boolean> {
  const _ = db.command;
  const res = await db.collection(CHECKINS).where({ _id: id, signOutAt: _.exists(false) }).update({ data: fields });
  return res.stats.updated === 1;
}

export interface ActivityCounts {
  checkedIn: number;
  walkIns: number;
  signedOut: number;
}

export async function countCheckins(db: Database, activityId: string): Promise<ActivityCounts> {
  const _ = db.command;
  const count = (extra: Record<string, unknown>) =>
    db
      .collection(CHECKINS)
      .where({ activityId, ...extra })
      .count()
      .then((r) => r.total)
      .catch((e: unknown) => {
        if (/collection not exist|-502005/i.test(String(e instanceof Error ? e.message : e))) return 0;
        throw e;
      });
  const [checkedIn, walkIns, signedOut] = await Promise.all([count({}), count({ walkIn: true }), count({ signOutAt: _.exists(true) })]);
  return { checkedIn, walkIns, signedOut };
}
