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
  /** The person's name (grant): how the roles list and the audit log name them from now on. */
  name?: string;
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
  const named = change.name ? { name: change.name } : {};
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
  const scope = { projectId: change.projectId, activityId: change.activityId };
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
