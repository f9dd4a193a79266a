/** Organizers' side of activities: create, edit, publish, cancel the whole activity. */
import type { ActivityApi, ActivityEditable, ActivityLocation, CancelRule, FormField } from '../../../typings';
import type { Database } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { requireOrganizer } from '../roles/policy';
import { findDoc } from '../platform/documents';
import { withTransaction } from '../platform/transaction';
import { formatShanghai } from '../platform/time';
import { assertSafeImage, assertSafeText } from '../moderation/content-safety';
import { recordAudit, type AuditRecord } from '../audit/log';
import { diffFields } from '../audit/changes';
import { DEFAULT_CANCEL_RULE, type ActivityDoc } from './model';
import { validateActivity } from './form';
import { promoteDue } from './signup';
import { changedMessage, enqueueMany, wakeSender } from './outbox';
import { activeSignups, loadOrganizedActivity, txActivity } from './store';

const { activities: ACTIVITIES, projects: PROJECTS } = COLLECTIONS;

type CreateParams = ActivityApi['create']['req'];

function parseTime(iso: string | undefined): Date | undefined {
  return iso === undefined ? undefined : new Date(iso);
}

function trimmed(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/** The project's planned activity types bound the type an activity may have. */
async function checkProjectType(db: Database, projectId: string | undefined, type: string | undefined): Promise<void> {
  if (!projectId) return;
  const project = await findDoc(db, PROJECTS, projectId);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  const planned: string[] = Array.isArray(project.planned) ? project.planned.map((p: { type: unknown }) => String(p.type)) : [];
  if (type && planned.length && !planned.includes(type)) {
    throw new AppError('BAD_REQUEST', `活动类型须为项目计划中的一种：${planned.join('、')}`);
  }
}

export async function createActivity(ctx: CallContext, p: CreateParams): Promise<{ activityId: string }> {
  await requireOrganizer(ctx, { projectId: p.projectId });
  const draft = {
    title: p.title.trim(),
    startsAt: new Date(p.startsAt),
    endsAt: new Date(p.endsAt),
    signupEndsAt: parseTime(p.signupEndsAt),
    capacity: p.capacity,
    location: p.location,
    fields: p.fields,
    cancelRule: p.cancelRule ?? DEFAULT_CANCEL_RULE,
  };
  validateActivity(draft);
  await checkProjectType(ctx.db, p.projectId, p.type);
  await assertSafeText(ctx, publicTexts(p));
  await assertSafeImage(ctx, [p.coverImage]);
  const doc: Omit<ActivityDoc, '_id'> = {
    ...draft,
    status: p.status ?? 'published',
    confirmed: 0,
    waitlisted: 0,
    pending: 0,
    nextSeq: 1,
    approval: p.approval ?? false,
    requiresSignup: p.requiresSignup ?? false,
    createdBy: ctx.openid,
    createdAt: ctx.now,
  };
  const optional: Partial<ActivityDoc> = {
    type: trimmed(p.type),
    projectId: p.projectId,
    description: trimmed(p.description),
    coverImage: p.coverImage,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (doc as Record<string, unknown>)[key] = value;
  if (!doc.signupEndsAt) delete doc.signupEndsAt;
  if (!doc.location) delete doc.location;
  if (!doc.fields) delete doc.fields;
  const res = await ctx.db.collection(ACTIVITIES).add({ data: doc });
  await auditActivity(ctx, 'activity.create', { _id: res._id, title: doc.title, projectId: p.projectId }, { detail: { projectId: p.projectId } });
  return { activityId: res._id };
}

/** The activity fields the audit log compares, by path (audit/labels.ts names each). */
const ACTIVITY_AUDIT_FIELDS = [
  'title',
  'status',
  'type',
  'startsAt',
  'endsAt',
  'signupEndsAt',
  'capacity',
  'location',
  'description',
  'coverImage',
  'approval',
  'requiresSignup',
  'fields',
  'cancelRule',
] as const;

/** One audit entry about an activity: its title at the time, filed under its project's contest. */
export function auditActivity(
  ctx: CallContext,
  action: string,
  a: Pick<ActivityDoc, '_id' | 'title' | 'projectId'>,
  extra: Pick<AuditRecord, 'changes' | 'detail'> = {},
): Promise<void> {
  return recordAudit(ctx.db, {
    actor: ctx.openid,
    action,
    target: a._id,
    targetKind: 'activity',
    targetTitle: a.title,
    scope: { projectId: a.projectId, activityId: a._id },
    ...extra,
    at: ctx.now,
  });
}

/** What residents will read of an activity: checked by WeChat's content security before storing. */
function publicTexts(p: ActivityEditable): (string | undefined)[] {
  const fieldTexts = (p.fields ?? []).flatMap((f) => [f.label, ...(f.options ?? [])]);
  return [p.title, p.type, p.description, p.location?.name, ...fieldTexts];
}

/** Merges a patch into an activity's editable fields (times parsed). */
function applyPatch(a: ActivityDoc, patch: ActivityEditable): Partial<ActivityDoc> {
  const changes: Partial<ActivityDoc> = {};
  const copy = <K extends keyof ActivityDoc>(key: K, value: ActivityDoc[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  copy('title', patch.title?.trim());
  copy('startsAt', parseTime(patch.startsAt));
  copy('endsAt', parseTime(patch.endsAt));
  copy('signupEndsAt', parseTime(patch.signupEndsAt));
  copy('capacity', patch.capacity);
  copy('type', trimmed(patch.type));
  copy('location', patch.location as ActivityLocation | undefined);
  copy('description', patch.description);
  copy('coverImage', patch.coverImage);
  copy('approval', patch.approval);
  copy('requiresSignup', patch.requiresSignup);
  copy('fields', patch.fields as FormField[] | undefined);
  copy('cancelRule', patch.cancelRule as CancelRule | undefined);
  return changes;
}

/** What residents are told when time or place changes; null when neither did. */
function changeNotice(before: ActivityDoc, after: ActivityDoc): string | null {
  const timeMoved = before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();
  const placeMoved = (before.location?.name ?? '') !== (after.location?.name ?? '');
  if (timeMoved && placeMoved) return `时间改为${formatShanghai(after.startsAt, 'M月D日 HH:mm')}，地点改为${after.location?.name ?? ''}`;
  if (timeMoved) return `时间改为${formatShanghai(after.startsAt, 'M月D日 HH:mm')}`;
  if (placeMoved) return `地点改为${after.location?.name ?? ''}`;
  return null;
}

export async function updateActivity(ctx: CallContext, p: ActivityApi['update']['req']): Promise<ActivityApi['update']['res']> {
  const before = await loadOrganizedActivity(ctx, p.activityId);
  if (p.patch.type !== undefined) await checkProjectType(ctx.db, before.projectId, p.patch.type);
  await assertSafeText(ctx, publicTexts(p.patch));
  await assertSafeImage(ctx, [p.patch.coverImage]);
  const { after, previous } = await withTransaction(ctx.db, async (tx) => {
    const a = await txActivity(tx, p.activityId);
    if (a.status === 'cancelled') throw new AppError('BAD_REQUEST', '活动已取消，不能再修改');
    const changes: Partial<ActivityDoc> = { ...applyPatch(a, p.patch), updatedAt: ctx.now };
    if (p.status) changes.status = p.status;
    const merged: ActivityDoc = { ...a, ...changes };
    validateActivity(merged);
    if (merged.capacity < a.confirmed) throw new AppError('BAD_REQUEST', `名额不能少于已确认的 ${a.confirmed} 人`);
    if (merged.status === 'draft' && a.confirmed + a.waitlisted + (a.pending ?? 0) > 0) {
      throw new AppError('BAD_REQUEST', '已有居民报名，不能改回草稿');
    }
    await tx.collection(ACTIVITIES).doc(a._id).update({ data: changes });
    return { after: merged, previous: a };
  });
  const promoted = await promoteDue(ctx.db, p.activityId, ctx.now);
  const notice = changeNotice(previous, after);
  if (notice && after.status === 'published') {
    await notifyParticipants(ctx.db, after, { key: `changed-${ctx.now.getTime()}`, text: notice }, ctx.now);
  }
  await auditActivity(ctx, 'activity.update', after, { changes: diffFields(previous, after, ACTIVITY_AUDIT_FIELDS) });
  return { activityId: p.activityId, promoted: promoted.length };
}

/**
 * One activityChanged message per resident with an active sign-up. Written after the change
 * commits (a change may concern thousands of people, more than one transaction holds); the
 * deterministic _id makes a repeated call enqueue nothing twice.
 */
async function notifyParticipants(db: Database, a: ActivityDoc, change: { key: string; text: string }, now: Date): Promise<number> {
  const signups = await activeSignups(db, a._id);
  const residents = [...new Set(signups.map((s) => s.openid))];
  await enqueueMany(
    db,
    residents.map((openid) => changedMessage(a, openid, change, now)),
  );
  if (residents.length) wakeSender();
  return residents.length;
}

/** Cancels the whole activity: sign-ups stop, residents who signed up are told. Idempotent. */
export async function cancelActivity(ctx: CallContext, p: ActivityApi['cancelActivity']['req']): Promise<ActivityApi['cancelActivity']['res']> {
  await loadOrganizedActivity(ctx, p.activityId);
  await assertSafeText(ctx, [p.reason]);
  const a = await withTransaction(ctx.db, async (tx) => {
    const current = await txActivity(tx, p.activityId);
    if (current.status !== 'cancelled') {
      await tx
        .collection(ACTIVITIES)
        .doc(current._id)
        .update({ data: { status: 'cancelled', cancelledAt: ctx.now } });
    }
    return { ...current, status: 'cancelled' as const };
  });
  const reason = p.reason?.trim();
  const notified = await notifyParticipants(ctx.db, a, { key: 'cancelled', text: reason ? `活动取消：${reason}` : '活动已取消' }, ctx.now);
  await auditActivity(ctx, 'activity.cancel', a, { detail: { reason: p.reason ?? '', notified } });
  return { status: 'cancelled', notified };
}
