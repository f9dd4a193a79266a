/** report.dashboard: the programme's figures for an admin, in one call. */
import type { DashboardFigures } from '../../../typings';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { requireAdmin } from '../roles/policy';
import { findDoc } from '../platform/documents';
import { isMissingCollection } from '../platform/db-errors';
import { COLLECTIONS } from '../collections';
import { toIso } from '../platform/time';
import { activitiesOf, checkinFigures, projectsOf, voteFigures } from './figures';
import { assistedVotes, staffWorkloads } from './staff';

async function contestCount(ctx: CallContext): Promise<number> {
  try {
    return (await ctx.db.collection(COLLECTIONS.contests).count()).total;
  } catch (e) {
    if (isMissingCollection(e)) return 0;
    throw e;
  }
}

export async function dashboard(ctx: CallContext, contestId?: string): Promise<DashboardFigures> {
  await requireAdmin(ctx);
  if (contestId && !(await findDoc(ctx.db, COLLECTIONS.contests, contestId))) throw new AppError('NOT_FOUND', '评选活动不存在');
  const [contests, projects, votes, assisted, staff] = await Promise.all([
    contestId ? Promise.resolve(1) : contestCount(ctx),
    projectsOf(ctx.db, contestId),
    voteFigures(ctx.db, contestId),
    assistedVotes(ctx.db, contestId),
    staffWorkloads(ctx.db, ctx.now, contestId),
  ]);
  const activities = await activitiesOf(ctx.db, contestId ? projects.map((p) => p._id) : undefined);
  const held = await checkinFigures(ctx.db, activities, ctx.now);
  const figures: DashboardFigures = {
    contests,
    projects: projects.length,
    plannedSessions: projects.reduce((t, p) => t + (p.planned ?? []).reduce((s, x) => s + x.sessions, 0), 0),
    ...held,
    ...votes,
    assistedVotes: assisted,
    staff,
    asOf: toIso(ctx.now),
  };
  if (contestId) figures.contestId = contestId;
  return figures;
}
