import type { RoleName } from '../../../typings';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { envAdmins, findRoles, requireAdmin, type RoleDoc } from './policy';
import { insertOnce } from '../platform/documents';
import { COLLECTIONS } from '../collections';
import { recordAudit } from '../audit/log';

interface RoleChange {
  openid: string;
  role: RoleName;
  /** Organiser scope: a project, or one activity. */
  projectId?: string;
  activityId?: string;
}

/** The roles a role document (plus the environment's admins) gives a person. */
export function rolesOf(openid: string, doc: RoleDoc | null): RoleName[] {
  const roles: RoleName[] = [];
  if (envAdmins().includes(openid) || doc?.admin) roles.push('admin');
  if (doc?.organizerOf?.length || doc?.organizerOfActivities?.length) roles.push('organizer');
  return roles;
}

/** The field and value an organiser change touches; admins have no scope. */
function organizerScope(change: RoleChange): { field: 'organizerOf' | 'organizerOfActivities'; id: string } | undefined {
  if (change.role !== 'organizer') return undefined;
  if (change.projectId && change.activityId) throw new AppError('BAD_REQUEST', '组织者角色请只指定一个项目或一个活动');
  if (change.projectId) return { field: 'organizerOf', id: change.projectId };
  if (change.activityId) return { field: 'organizerOfActivities', id: change.activityId };
  throw new AppError('BAD_REQUEST', '授予组织者角色时需要指定项目或活动');
}

export async function grantRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  const scope = organizerScope(change);
  const _ = ctx.db.command;
  const update = scope ? { [scope.field]: _.addToSet(scope.id) } : { admin: true };
  const roles = ctx.db.collection(COLLECTIONS.roles);
  const res = await roles.doc(change.openid).update({ data: update });
  // No document changed: either this is the person's first role, or they already had this one
  // (a repeated grant changes nothing). Only an insert tells them apart without overwriting.
  if (res.stats.updated === 0) {
    const fresh = scope ? { [scope.field]: [scope.id] } : { admin: true };
    if (!(await insertOnce(ctx.db, COLLECTIONS.roles, { _id: change.openid, ...fresh }))) {
      await roles.doc(change.openid).update({ data: update }); // created meanwhile
    }
  }
  await auditChange(ctx, 'role.grant', change);
  const doc = await findRoles(ctx, change.openid);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}

function auditChange(ctx: CallContext, action: 'role.grant' | 'role.revoke', change: RoleChange): Promise<void> {
  const detail: Record<string, unknown> = { role: change.role };
  if (change.projectId) detail.projectId = change.projectId;
  if (change.activityId) detail.activityId = change.activityId;
  return recordAudit(ctx.db, { actor: ctx.openid, action, target: change.openid, detail, at: ctx.now });
}

export async function revokeRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  const scope = organizerScope(change);
  const _ = ctx.db.command;
  const update = scope ? { [scope.field]: _.pull(scope.id) } : { admin: false };
  await ctx.db.collection(COLLECTIONS.roles).doc(change.openid).update({ data: update });
  await auditChange(ctx, 'role.revoke', change);
  const doc = await findRoles(ctx, change.openid);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}
