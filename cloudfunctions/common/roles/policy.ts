/** Who may do what: admins (deployment + granted) and organisers (per project or activity). */
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import type { Doc } from '../platform/database';
import { findDoc } from '../platform/documents';

export interface RoleDoc {
  _id: string; // openid
  /** The person's name, captured when a role is granted or an invitation accepted (audit log, roles list). */
  name?: string;
  admin?: boolean;
  /** Project ids this person organises (their activities, rosters, check-ins and reports). */
  organizerOf?: string[];
  /** Single activities this person organises (API.md: organisers per project or activity). */
  organizerOfActivities?: string[];
}

const ids = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

/** A `roles` document as the domain reads it. */
export function roleFromDoc(d: Doc): RoleDoc {
  const doc: RoleDoc = { _id: String(d._id) };
  if (typeof d.name === 'string' && d.name) doc.name = d.name;
  if (typeof d.admin === 'boolean') doc.admin = d.admin;
  const projects = ids(d.organizerOf);
  const activities = ids(d.organizerOfActivities);
  if (projects) doc.organizerOf = projects;
  if (activities) doc.organizerOfActivities = activities;
  return doc;
}

export async function findRoles(ctx: Pick<CallContext, 'db'>, openid: string): Promise<RoleDoc | null> {
  const doc = await findDoc(ctx.db, COLLECTIONS.roles, openid);
  return doc ? roleFromDoc(doc) : null;
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
  return findRoles(ctx, ctx.openid);
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

/** What an organiser's right is checked against: a project, one activity, or an activity of a project. */
export interface OrganizerScope {
  projectId?: string;
  activityId?: string;
}

/**
 * The organiser check: admins act on everything; organisers on the projects, or single
 * activities, granted them (an activity's project's organisers manage the activity too).
 */
export async function requireOrganizer(ctx: CallContext, scope: OrganizerScope): Promise<void> {
  const doc = await loadRoles(ctx);
  if (await isAdmin(ctx, doc)) return;
  if (scope.projectId && doc?.organizerOf?.includes(scope.projectId)) return;
  if (scope.activityId && doc?.organizerOfActivities?.includes(scope.activityId)) return;
  throw new AppError('FORBIDDEN');
}

/** Whether the organiser check passes, without the refusal. */
export async function organises(ctx: CallContext, scope: OrganizerScope): Promise<boolean> {
  if (!ctx.openid) return false;
  return requireOrganizer(ctx, scope).then(
    () => true,
    () => false,
  );
}
