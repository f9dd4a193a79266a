/**
 * Who may do what: admins (deployment + granted), organizers (per project or activity), staff
 * who record assisted ballots and judges who score (both per contest).
 */
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import type { Doc } from '../platform/database';
import { findDoc } from '../platform/documents';
import { ExpiringMap } from '../platform/memo';

export interface RoleDoc {
  _id: string; // openid
  /** The person's name, captured when a role is granted or an invitation accepted (audit log, roles list). */
  name?: string;
  admin?: boolean;
  /** Project ids this person organizes (their activities, rosters, check-ins and reports). */
  organizerOf?: string[];
  /** Single activities this person organizes (API.md: organizers per project or activity). */
  organizerOfActivities?: string[];
  /** Contests this person records assisted ballots for (vote.assisted). */
  staffOf?: string[];
  /** Contests this person judges (contest.score). */
  judgeOf?: string[];
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
  const staffOf = ids(d.staffOf);
  const judgeOf = ids(d.judgeOf);
  if (staffOf) doc.staffOf = staffOf;
  if (judgeOf) doc.judgeOf = judgeOf;
  if (typeof d.name === 'string' && d.name) doc.name = d.name;
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

/** What an organizer's right is checked against: a project, one activity, or an activity of a project. */
export interface OrganizerScope {
  projectId?: string;
  activityId?: string;
}

/**
 * The organizer check: admins act on everything; organizers on the projects, or single
 * activities, granted them (an activity's project's organizers manage the activity too).
 */
export async function requireOrganizer(ctx: CallContext, scope: OrganizerScope): Promise<void> {
  const doc = await loadRoles(ctx);
  if (await isAdmin(ctx, doc)) return;
  if (scope.projectId && doc?.organizerOf?.includes(scope.projectId)) return;
  if (scope.activityId && doc?.organizerOfActivities?.includes(scope.activityId)) return;
  throw new AppError('FORBIDDEN');
}

/** Whether the organizer check passes, without the refusal. */
export async function organizes(ctx: CallContext, scope: OrganizerScope): Promise<boolean> {
  if (!ctx.openid) return false;
  return requireOrganizer(ctx, scope).then(
    () => true,
    () => false,
  );
}

/**
 * A desk records ballots one after another: its staff member's right is re-read at most every
 * 30 seconds (a revocation reaches a warm instance within that), so an assisted ballot costs
 * no round trip more than an online vote. A refusal is never cached.
 */
const STAFF_TTL_MS = 30_000;
const staffRights = new ExpiringMap<string, true>(10_000, STAFF_TTL_MS);

/** Staff of the contest (or an admin) may record assisted ballots. */
export async function requireStaff(ctx: CallContext, contestId: string): Promise<void> {
  const key = `${ctx.openid}:${contestId}`;
  if (staffRights.get(key)) return;
  const doc = await loadRoles(ctx);
  if (!doc?.staffOf?.includes(contestId) && !(await isAdmin(ctx, doc))) throw new AppError('FORBIDDEN', '只有本次评选的工作人员可以录入线下选票');
  staffRights.set(key, true);
}

/** Judges score the contests granted them (admins do not score: they see progress). */
export async function isJudge(ctx: CallContext, contestId: string, roles?: RoleDoc | null): Promise<boolean> {
  if (!ctx.openid) return false;
  const doc = roles === undefined ? await loadRoles(ctx) : roles;
  return doc?.judgeOf?.includes(contestId) === true;
}

/** How staff and judges are named to others: the admin's name for them, else the tail of their id. */
export function displayName(doc: Pick<RoleDoc, '_id' | 'name'>, role: '工作人员' | '评委'): string {
  return doc.name ?? `${role}（${doc._id.slice(-4)}）`;
}
