import type { RoleName } from '../../typings';
import { AppError } from './errors';
import type { CallContext } from './handler';
import { envAdmins, requireAdmin, type RoleDoc } from './roles';
import { findById } from './db';
import { recordAudit } from './audit';

interface RoleChange {
  openid: string;
  role: RoleName;
  projectId?: string;
}

/** The roles a role document (plus the environment's admins) gives a person. */
export function rolesOf(openid: string, doc: RoleDoc | null): RoleName[] {
  const roles: RoleName[] = [];
  if (envAdmins().includes(openid) || doc?.admin) roles.push('admin');
  if (doc?.organizerOf?.length) roles.push('organizer');
  return roles;
}

function requireScope(change: RoleChange): void {
  if (change.role === 'organizer' && !change.projectId) {
    throw new AppError('BAD_REQUEST', '授予组织者角色时需要指定项目');
  }
}

export async function grantRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  requireScope(change);
  const _ = ctx.db.command;
  const update =
    change.role === 'admin' ? { admin: true } : { organizerOf: _.addToSet(change.projectId as string) };
  const roles = ctx.db.collection('roles');
  const res = await roles.doc(change.openid).update({ data: update });
  if (res.stats.updated === 0) {
    // First role of this person: create the document; a racing creator makes us update instead.
    const fresh = change.role === 'admin' ? { admin: true } : { organizerOf: [change.projectId] };
    await roles.doc(change.openid).set({ data: fresh }).catch(async () => roles.doc(change.openid).update({ data: update }));
  }
  await auditChange(ctx, 'role.grant', change);
  const doc = await findById<RoleDoc>(ctx.db, 'roles', change.openid);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}

function auditChange(ctx: CallContext, action: 'role.grant' | 'role.revoke', change: RoleChange): Promise<void> {
  const detail: Record<string, unknown> = { role: change.role };
  if (change.projectId) detail.projectId = change.projectId;
  return recordAudit(ctx.db, { actor: ctx.openid, action, target: change.openid, detail, at: ctx.now });
}

export async function revokeRole(ctx: CallContext, change: RoleChange) {
  await requireAdmin(ctx);
  requireScope(change);
  const _ = ctx.db.command;
  const update = change.role === 'admin' ? { admin: false } : { organizerOf: _.pull(change.projectId as string) };
  await ctx.db.collection('roles').doc(change.openid).update({ data: update });
  await auditChange(ctx, 'role.revoke', change);
  const doc = await findById<RoleDoc>(ctx.db, 'roles', change.openid);
  return { openid: change.openid, roles: rolesOf(change.openid, doc) };
}
