/** Data access of check-in: the ledger it writes (activities and sign-ups come from activity/store). */
import type { Database } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { findDoc, insertOnce } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { isMissingCollection } from '../platform/db-errors';
import { checkinFromDoc, checkinId, type CheckinDoc } from './model';
import { personKeyOf } from '../identity';

const CHECKINS = COLLECTIONS.checkins;

/** Inserts a check-in; false when this person already has one for the activity (the dedup). */
export function insertCheckin(db: Database, doc: CheckinDoc): Promise<boolean> {
  return insertOnce(db, CHECKINS, { ...doc });
}

export async function loadCheckin(db: Database, id: string): Promise<CheckinDoc | null> {
  const doc = await findDoc(db, CHECKINS, id);
  return doc ? checkinFromDoc(doc) : null;
}

/**
 * The caller's own check-in to an activity, or null when they did not check in — THE answer
 * to "did this person attend": anything that needs it (ratings…) asks here, so a change of
 * the check-in key scheme changes this one place.
 */
export function checkinOf(db: Database, activityId: string, openid: string): Promise<CheckinDoc | null> {
  return loadCheckin(db, checkinId(activityId, personKeyOf(openid)));
}

/**
 * Records the sign-out once: the condition on `signOutAt` makes a second, concurrent sign-out
 * update nothing, so the first one stands.
 */
export async function recordSignOut(db: Database, id: string, fields: { signOutAt: Date; durationMin: number; countsAsHours: boolean }): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(CHECKINS)
    .where({ _id: id, signOutAt: _.exists(false) })
    .update({ data: fields });
  return res.stats.updated === 1;
}

/** Every check-in of an activity (the ledger: one per person), none when the collection does not exist yet. */
export async function checkinsOf(db: Database, activityId: string): Promise<CheckinDoc[]> {
  try {
    return (await fetchAll(db, CHECKINS, { activityId })).map(checkinFromDoc);
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
}

/** A resident's own check-ins (family members' included: they share the phone's OPENID), newest first. */
export async function checkinsOfResident(db: Database, openid: string, limit = 200): Promise<CheckinDoc[]> {
  try {
    const res = await db.collection(CHECKINS).where({ openid }).orderBy('at', 'desc').limit(limit).get();
    return res.data.map(checkinFromDoc);
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
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
        if (isMissingCollection(e)) return 0;
        throw e;
      });
  const [checkedIn, walkIns, signedOut] = await Promise.all([count({}), count({ walkIn: true }), count({ signOutAt: _.exists(true) })]);
  return { checkedIn, walkIns, signedOut };
}
