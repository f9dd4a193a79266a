/**
 * The stored shapes of activities and sign-ups, their keys, and how a stored document is read
 * back (mapped and normalised, never cast).
 */
import type { ActivityLocation, ActivityStatus, CancelRule, CheckinSettings, FormAnswers, FormField, SignupStatus } from '../../../typings';
import type { Doc } from '../platform/database';
import { asDate, asOptionalDate, asOptionalText as text, compact } from '../platform/documents';
import { personKeyOf } from '../identity';

export const MAX_CAPACITY = 10_000;
/** A resident may sign up at most this many family members / neighbours per activity. */
export const MAX_FOR_OTHERS = 2;
export const MAX_FIELDS = 10;

export const DEFAULT_CANCEL_RULE: CancelRule = { kind: 'untilDeadline' };

/** An activity as stored in `activities`. */
export interface ActivityDoc {
  _id: string;
  title: string;
  type?: string;
  projectId?: string;
  startsAt: Date;
  endsAt: Date;
  signupEndsAt?: Date;
  capacity: number;
  location?: ActivityLocation;
  description?: string;
  coverImage?: string;
  /** The printed check-in poster's code (checkin/token.ts), made when a poster is first asked for. */
  posterCode?: string;
  status: ActivityStatus;
  confirmed: number;
  waitlisted: number;
  pending: number;
  /** Arrival counter: the next sign-up's seq. */
  nextSeq: number;
  requiresSignup?: boolean;
  approval?: boolean;
  fields?: FormField[];
  cancelRule: CancelRule;
  /** Check-in settings (checkin.configure); defaults when absent. */
  checkin?: CheckinSettings;
  createdBy: string;
  createdAt: Date;
  updatedAt?: Date;
  cancelledAt?: Date;
}

/** A sign-up as stored in `signups`; `_id` is `${activityId}:${personKey}` or `…:other-<n>` (identity.ts: names nobody). */
export interface SignupDoc {
  _id: string;
  activityId: string;
  /** The resident who signed up (also for a family member). */
  openid: string;
  forOther: boolean;
  name: string;
  phone: string;
  note?: string;
  answers?: FormAnswers;
  status: SignupStatus;
  /** Arrival order within the activity. */
  seq: number;
  createdAt: Date;
  promotedAt?: Date;
  approvedAt?: Date;
  rejectedAt?: Date;
  cancelledAt?: Date;
}

export interface Counters {
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

/** Statuses that hold a place (a seat, a waitlist place or a request under review). */
export const ACTIVE_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted', 'pending'];

export function isActive(status: SignupStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** One sign-up per person and activity: the id is the dedup, and holds a keyed hash, never the OPENID. */
export function ownSignupId(activityId: string, openid: string): string {
  return `${activityId}:${personKeyOf(openid)}`;
}

export function otherSignupId(activityId: string, openid: string, n: number): string {
  return `${ownSignupId(activityId, openid)}:other-${n}`;
}

/** The ids a resident may use for one activity: their own and MAX_FOR_OTHERS family slots. */
export function signupIdsOf(activityId: string, openid: string): string[] {
  const ids = [ownSignupId(activityId, openid)];
  for (let n = 1; n <= MAX_FOR_OTHERS; n++) ids.push(otherSignupId(activityId, openid, n));
  return ids;
}

export function belongsTo(signupId: string, activityId: string, openid: string): boolean {
  return signupIdsOf(activityId, openid).includes(signupId);
}

// ---------------------------------------------------------------------------------------------
// Reading stored documents

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? fallback) || fallback);

/** An `activities` document as the domain reads it. */
export function activityFromDoc(d: Doc): ActivityDoc {
  return compact<ActivityDoc>({
    _id: String(d._id),
    title: String(d.title ?? ''),
    type: text(d.type),
    projectId: text(d.projectId),
    startsAt: asDate(d.startsAt),
    endsAt: asDate(d.endsAt),
    signupEndsAt: asOptionalDate(d.signupEndsAt),
    capacity: num(d.capacity),
    location: d.location ? (d.location as ActivityLocation) : undefined,
    description: text(d.description),
    coverImage: text(d.coverImage),
    posterCode: text(d.posterCode),
    status: (text(d.status) ?? 'published') as ActivityStatus,
    confirmed: num(d.confirmed),
    waitlisted: num(d.waitlisted),
    pending: num(d.pending),
    nextSeq: num(d.nextSeq, 1),
    requiresSignup: typeof d.requiresSignup === 'boolean' ? d.requiresSignup : undefined,
    approval: typeof d.approval === 'boolean' ? d.approval : undefined,
    fields: Array.isArray(d.fields) ? (d.fields as FormField[]) : undefined,
    cancelRule: (d.cancelRule as CancelRule | undefined) ?? DEFAULT_CANCEL_RULE,
    checkin: d.checkin ? (d.checkin as CheckinSettings) : undefined,
    createdBy: String(d.createdBy ?? ''),
    createdAt: asDate(d.createdAt),
    updatedAt: asOptionalDate(d.updatedAt),
    cancelledAt: asOptionalDate(d.cancelledAt),
  });
}

/** A `signups` document as the domain reads it. */
export function signupFromDoc(d: Doc): SignupDoc {
  return compact<SignupDoc>({
    _id: String(d._id),
    activityId: String(d.activityId),
    openid: String(d.openid ?? ''),
    forOther: d.forOther === true,
    name: String(d.name ?? ''),
    phone: String(d.phone ?? ''),
    note: text(d.note),
    answers: d.answers ? (d.answers as FormAnswers) : undefined,
    status: String(d.status) as SignupStatus,
    seq: num(d.seq),
    createdAt: asDate(d.createdAt),
    promotedAt: asOptionalDate(d.promotedAt),
    approvedAt: asOptionalDate(d.approvedAt),
    rejectedAt: asOptionalDate(d.rejectedAt),
    cancelledAt: asOptionalDate(d.cancelledAt),
  });
}
