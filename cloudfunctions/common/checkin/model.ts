/**
 * The `checkins` collection — the ledger that check-in writes and the project report reads.
 *
 * Key scheme (other modules, e.g. the activity roster, rely on it):
 *   _id = `${activityId}:${personKey}`
 *   personKey = the keyed hash of the caller's OPENID (identity.ts) for a resident checking in
 *   themself, or the suffix of the sign-up id for someone signed up on another's behalf
 *   (`${key}:other-${n}`).
 * So a check-in's `_id` equals the `_id` of the sign-up it belongs to (`${activityId}:${key}`
 * or `${activityId}:${key}:other-${n}`), walk-ins included (they simply have no sign-up), and
 * names nobody.
 * The unique `_id` is the dedup: a second insert fails, so one person counts once per activity,
 * however many times or from however many phones they scan. Check-ins are never deleted.
 */
import { createHash } from 'node:crypto';
import type { CheckinMethod } from '../../../typings';
import type { Doc } from '../platform/database';
import { asDate, asOptionalDate, asOptionalText, compact } from '../platform/documents';
import { personKeyOf } from '../identity';

export interface CheckinDoc {
  _id: string;
  activityId: string;
  /** Copied from the activity for queries by project; the report groups by activity. */
  projectId?: string;
  type?: string;
  /** Whose phone: the resident, or the one who signed up a family member. */
  openid: string;
  /** personKey (see above): a keyed hash of the OPENID, or `${key}:other-n`. */
  personKey: string;
  /** A stable, non-identifying key of the human being, for unique people and hours. */
  person: string;
  name?: string;
  signupId?: string;
  walkIn: boolean;
  method: CheckinMethod;
  at: Date;
  /** The organizer who recorded a manual or verified check-in. */
  by?: string;
  signOutAt?: Date;
  durationMin?: number;
  countsAsHours?: boolean;
}

export function checkinId(activityId: string, personKey: string): string {
  return `${activityId}:${personKey}`;
}

/** The person part of a sign-up id (`${activityId}:${personKey}`). */
export function personKeyOfSignup(signupId: string, activityId: string): string | null {
  const prefix = `${activityId}:`;
  if (!signupId.startsWith(prefix) || signupId.length === prefix.length) return null;
  return signupId.slice(prefix.length);
}

export function isFamilyKey(personKey: string): boolean {
  return /:other-\d+$/.test(personKey);
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

/**
 * Who a check-in is, across activities: a resident by the keyed hash of their OPENID (the
 * personKey of their own sign-up); a family member (who has no phone of their own here) by
 * name and phone. Reports never carry OPENIDs.
 */
export function personOf(input: { openid: string } | { name: string; phone: string }): string {
  return 'openid' in input ? personOfKey(personKeyOf(input.openid)) : `n_${hash(`named:${input.name}:${input.phone}`)}`;
}

/** The person of a resident's own personKey (not a family slot). */
export function personOfKey(personKey: string): string {
  return `u_${personKey}`;
}

/** A `checkins` document as the domain reads it. */
export function checkinFromDoc(d: Doc): CheckinDoc {
  return compact<CheckinDoc>({
    _id: String(d._id),
    activityId: String(d.activityId),
    openid: String(d.openid ?? ''),
    personKey: String(d.personKey ?? ''),
    person: String(d.person ?? ''),
    walkIn: d.walkIn === true,
    method: String(d.method ?? 'scan') as CheckinMethod,
    at: asDate(d.at),
    projectId: asOptionalText(d.projectId),
    type: asOptionalText(d.type),
    name: asOptionalText(d.name),
    signupId: asOptionalText(d.signupId),
    by: asOptionalText(d.by),
    signOutAt: asOptionalDate(d.signOutAt),
    durationMin: typeof d.durationMin === 'number' ? d.durationMin : undefined,
    countsAsHours: typeof d.countsAsHours === 'boolean' ? d.countsAsHours : undefined,
  });
}
