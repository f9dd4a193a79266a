/** When residents may sign up and cancel, in words they understand. */
import { formatShanghai } from '../platform/time';
import { DEFAULT_CANCEL_RULE, type ActivityDoc } from './model';

export function signupDeadline(a: Pick<ActivityDoc, 'signupEndsAt' | 'startsAt'>): Date {
  return a.signupEndsAt ?? a.startsAt;
}

/** Why a sign-up is refused right now, in words a resident understands; null when open. */
export function signupClosedReason(a: Pick<ActivityDoc, 'status' | 'signupEndsAt' | 'startsAt'>, now: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消，不能报名';
  if (a.status !== 'published') return '活动还没有开放报名';
  if (now.getTime() >= signupDeadline(a).getTime()) return '报名已经截止';
  return null;
}

/** The last instant a resident may cancel, or null when the activity allows no cancelling. */
export function cancelDeadline(a: Pick<ActivityDoc, 'cancelRule' | 'signupEndsAt' | 'startsAt'>): Date | null {
  const rule = a.cancelRule ?? DEFAULT_CANCEL_RULE;
  switch (rule.kind) {
    case 'none':
      return null;
    case 'untilDeadline':
      return signupDeadline(a);
    case 'beforeStart':
      return new Date(a.startsAt.getTime() - rule.hours * 3_600_000);
  }
}

/** Why cancelling is refused now; null when allowed. */
export function cancelClosedReason(a: Pick<ActivityDoc, 'cancelRule' | 'signupEndsAt' | 'startsAt' | 'status'>, now: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消，报名已自动作废';
  const deadline = cancelDeadline(a);
  if (!deadline) return '这个活动报名后不能取消，如有变化请联系组织者';
  if (now.getTime() >= deadline.getTime()) return `已过取消时间（${formatShanghai(deadline)}），如有变化请联系组织者`;
  return null;
}
