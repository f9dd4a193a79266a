/** 报名审核 by the activity's organizers: approve or reject a pending sign-up, on the audit log by name. */
import type { ActivityApi } from '../../../typings';
import type { CallContext } from '../handler';
import { approveSignup, rejectSignup } from './signup';
import { loadOrganizedActivity, waitlistPosition } from './store';
import { auditActivity } from './manage';

type Review = ActivityApi['approve']['req'];

export async function approve(ctx: CallContext, p: Review): Promise<ActivityApi['approve']['res']> {
  const a = await loadOrganizedActivity(ctx, p.activityId);
  const res = await approveSignup(ctx.db, { ...p, now: ctx.now });
  await auditActivity(ctx, 'activity.approve', a, { detail: { name: res.name, status: res.status } });
  if (res.status === 'confirmed') return { status: res.status };
  return { status: res.status, position: await waitlistPosition(ctx.db, p.activityId, res.seq) };
}

export async function reject(ctx: CallContext, p: Review): Promise<ActivityApi['reject']['res']> {
  const a = await loadOrganizedActivity(ctx, p.activityId);
  const res = await rejectSignup(ctx.db, { ...p, now: ctx.now });
  await auditActivity(ctx, 'activity.reject', a, { detail: { name: res.name } });
  return { status: res.status };
}
