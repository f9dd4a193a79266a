/** What residents and organizers read of an activity, and in which order. */
import type { ActivityView, SignupStatus } from '../../../typings';
import { toIso } from '../platform/time';
import { DEFAULT_CANCEL_RULE, type ActivityDoc } from './model';
import { seatsLeft } from './seats';
import { signupClosedReason } from './windows';

export function toActivityView(a: ActivityDoc, now: Date): ActivityView {
  return {
    activityId: a._id,
    title: a.title,
    type: a.type,
    projectId: a.projectId,
    startsAt: toIso(a.startsAt),
    endsAt: toIso(a.endsAt),
    signupEndsAt: a.signupEndsAt ? toIso(a.signupEndsAt) : undefined,
    capacity: a.capacity,
    confirmed: a.confirmed,
    waitlisted: a.waitlisted,
    pending: a.pending,
    seatsLeft: seatsLeft(a),
    location: a.location,
    description: a.description,
    coverImage: a.coverImage,
    status: a.status,
    approval: a.approval ?? false,
    requiresSignup: a.requiresSignup ?? false,
    fields: a.fields,
    cancelRule: a.cancelRule ?? DEFAULT_CANCEL_RULE,
    signupOpen: signupClosedReason(a, now) === null,
  };
}

/** 我的活动 sections: waiting people see their place; ended activities go to the past. */
export function bucketOf(status: SignupStatus, endsAt: Date, now: Date): 'upcoming' | 'waitlisted' | 'past' {
  if (endsAt.getTime() <= now.getTime()) return 'past';
  return status === 'waitlisted' ? 'waitlisted' : 'upcoming';
}

/** Upcoming activities first (soonest first), then past ones (latest first). */
export function compareForList(a: Pick<ActivityDoc, 'startsAt' | 'endsAt'>, b: Pick<ActivityDoc, 'startsAt' | 'endsAt'>, now: Date): number {
  const aPast = a.endsAt.getTime() <= now.getTime();
  const bPast = b.endsAt.getTime() <= now.getTime();
  if (aPast !== bPast) return aPast ? 1 : -1;
  return aPast ? b.startsAt.getTime() - a.startsAt.getTime() : a.startsAt.getTime() - b.startsAt.getTime();
}
