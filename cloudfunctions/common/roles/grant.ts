import type { RoleChangeRequest, RoleName } from '../../../typings';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { envAdmins, findRoles, requireAdmin, type RoleDoc } from './policy';
import { findDoc, insertOnce } from '../platform/documents';
import { COLLECTIONS } from '../collections';
import { recordAudit } from '../audit/log';

/** Organizer scope: a project, or one activity; staff and judge scope: a contest. `name` (grant) names the person from now on. */
type RoleChange = RoleChangeRequest;

/** The roles a role document (plus the environment's admins) gives a person. */
export function rolesOf(openid: string, doc: RoleDoc | null): RoleName[] {
  const roles: RoleName[] = [];
  if (envAdmins().includes(openid) || doc?.admin) roles.push('admin');
  if (doc?.organizerOf?.length || doc?.organizerOfActivities?.length) roles.push('organizer');
  if (doc?.staffOf?.length) roles.push('staff');
  if (doc?.judgeOf?.length) roles.push('judge');
  return roles;
}

type ScopeField = 'organizerOf' | 'organizerOfActivities' | 'staffOf' | 'judgeOf';

/** Staff and judges work for one contest. */
function contestScope(change: RoleChange, field: 'staffOf' | 'judgeOf', label: string): { field: ScopeField; id: string } {
  if (change.projectId || change.activityId) throw new AppError('BAD_REQUEST', `${label}角色请指定评选，而不是项目或活动`);
  if (!change.contestId) throw new AppError('BAD_REQUEST', `授予${label}角色时需要指定评选`);
  return { field, id: change.contestId };
}

/** The field and value a change touches; admins have no scope. */
function organizerScope(change: RoleChange): { field: ScopeField; id: string } | undefined {
  if (change.role === 'staff') return contestScope(change, 'staffOf', '工作人员');
  if (change.role === 'judge') return contestScope(change, 'judgeOf', '评委');
  if (change.role !== 'organizer') return undefined;
  if (change.contestId) throw new AppError('BAD_REQUEST', '组织者角色请指定项目或活动，而不是评选');
  if (change.projectId && change.activityId) throw new AppError('BAD_REQUEST', '组织者角色请只指定一个项目或一个活动');
  if (change.projectId) return { field: 'organizerOf', id: change.projectId };
  if (change.activityId) return { field: 'organizerOfActivities', id: change.activityId };
  throw new AppError('BAD_REQUEST', '授予组织者角色时需要指定项目或活动');
}

/** A grant names a contest, project or activity that exists (a typo would grant nothing usable). */
async function requireScopeExists(ctx: CallContext, change: RoleChange): Promise<void> {
  if (change.contestId && !(await findDoc(ctx.db, COLLECTIONS.contests, change.contestId))) throw new AppError('NOT_FOUND', '评选活动不存在');
  if (change.projectId && !(await findDoc(ctx.db, COLLECTIONS.projects, change.projectId))) throw new AppError('NOT_FOUND', '项目不存在');
  if (change.activityId && !(await findDoc(ctx.db, COLLECTIONS.activities, change.activityId))) throw new AppError('NOT_FOUND', '活动不存在');
}

export async function grantRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  const scope = organizerScope(change);
  await requireScopeExists(ctx, change);
  const _ = ctx.db.command;
  const named = change.name?.trim() ? { name: change.name.trim() } : {};
  const update = { ...(scope ? { [scope.field]: _.addToSet(scope.id) } : { admin: true }), ...named };
  const roles = ctx.db.collection(COLLECTIONS.roles);
  const res = await roles.doc(change.openid).update({ data: update });
  // No document changed: either this is the person's first role, or they already had this one
  // (a repeated grant changes nothing). Only an insert tells them apart without overwriting.
  if (res.stats.updated === 0) {
    const fresh = { ...(scope ? { [scope.field]: [scope.id] } : { admin: true }), ...named };
    if (!(await insertOnce(ctx.db, COLLECTIONS.roles, { _id: change.openid, ...fresh }))) {
      await roles.doc(change.openid).update({ data: update }); // created meanwhile
    }
  }
  const doc = await findRoles(ctx, change.openid);
  await auditChange(ctx, 'role.grant', change, doc?.name);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}

function auditChange(ctx: CallContext, action: 'role.grant' | 'role.revoke', change: RoleChange, name: string | undefined): Promise<void> {
  const detail: Record<string, unknown> = { role: change.role };
  if (change.projectId) detail.projectId = change.projectId;
  if (change.activityId) detail.activityId = change.activityId;
  if (change.contestId) detail.contestId = change.contestId;
  const scope = { projectId: change.projectId, activityId: change.activityId, contestId: change.contestId };
  return recordAudit(ctx.db, { actor: ctx.openid, action, target: change.openid, targetKind: 'person', targetTitle: name, scope, detail, at: ctx.now });
}

export async function revokeRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  const scope = organizerScope(change);
  const _ = ctx.db.command;
  const update = scope ? { [scope.field]: _.pull(scope.id) } : { admin: false };
  await ctx.db.collection(COLLECTIONS.roles).doc(change.openid).update({ data: update });
  const doc = await findRoles(ctx, change.openid);
  await auditChange(ctx, 'role.revoke', change, doc?.name);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}

/**
 * How a person is named in the roles list and the audit log: anyone holding a role names
 * themself; an admin names anyone. Kept on the role document, so it outlives a revoked role.
 */
export async function setName(ctx: CallContext, req: { openid?: string; name: string }) {
  const openid = req.openid ?? ctx.openid;
  if (!openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序后再试');
  const held = await findRoles(ctx, openid);
  if (openid !== ctx.openid) await requireAdmin(ctx);
  else if (!rolesOf(openid, held).length) throw new AppError('FORBIDDEN', '只有管理员和组织者需要登记姓名');
  const roles = ctx.db.collection(COLLECTIONS.roles);
  const res = await roles.doc(openid).update({ data: { name: req.name } });
  if (res.stats.updated === 0 && !held && !(await insertOnce(ctx.db, COLLECTIONS.roles, { _id: openid, name: req.name }))) {
    await roles.doc(openid).update({ data: { name: req.name } }); // created meanwhile
  }
  if (held?.name !== req.name) {
    await recordAudit(ctx.db, {
      actor: ctx.openid,
      action: 'role.name',
      target: openid,
      targetKind: 'person',
      targetTitle: req.name,
      changes: [{ field: 'name', before: held?.name ?? null, after: req.name }],
      at: ctx.now,
    });
  }
  return { openid, name: req.name };
}
