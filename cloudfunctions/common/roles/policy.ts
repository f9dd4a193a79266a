import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { findById } from '../platform/documents';

export interface RoleDoc {
  _id: string; // openid
  admin?: boolean;
  /** Project ids this person organises (their activities, rosters, check-ins and reports). */
  organizerOf?: string[];
  /** Single activities this person organises (API.md: organisers per project or activity). */
  organizerOfActivities?: string[];
}

/** Admins named by the deployer in the function's environment. */
export function envAdmins(): string[] {
  return (process.env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function loadRoles(ctx: CallContext): Promise<RoleDoc | null> {
  if (!ctx.openid) return null;
  return findById<RoleDoc>(ctx.db, 'roles', ctx.openid);
}

export async function isAdmin(ctx: CallContext, roles?: RoleDoc | null): Promise<boolean> {
  if (!ctx.openid) return false;
  if (envAdmins().includes(ctx.openid)) return true;
  const doc = roles === undefined ? await loadRoles(ctx) : roles;
  return doc?.admin === true;
}

export async function requireAdmin(ctx: CallContext): Promise<void> {
  if (!(await isAdmin(ctx))) throw new AppError('FORBIDDEN');
}

/** Admins act on everything; organisers on the projects, or single activities, granted them. */
async function requireOrganizer(ctx: CallContext, projectId: string | undefined, activityId?: string): Promise<void> {
  const doc = await loadRoles(ctx);
  if (await isAdmin(ctx, doc)) return;
  if (projectId && doc?.organizerOf?.includes(projectId)) return;
  if (activityId && doc?.organizerOfActivities?.includes(activityId)) return;
  throw new AppError('FORBIDDEN');
}

/** Admins, and organisers of the project. */
export function requireOrganizerOf(ctx: CallContext, projectId: string | undefined): Promise<void> {
  return requireOrganizer(ctx, projectId);
}

/** Admins, organisers of the activity's project, and those granted this one activity. */
export function requireActivityOrganizer(ctx: CallContext, activity: { _id: string; projectId?: string }): Promise<void> {
  return requireOrganizer(ctx, activity.projectId, activity._id);
}
