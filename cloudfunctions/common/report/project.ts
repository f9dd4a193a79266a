/**
 * report.project: reads the plan, the project's activities and three aggregates over the
 * check-in ledger (per activity, distinct people, volunteer minutes) — a fixed number of round
 * trips whatever the number of activities or check-ins.
 */
import type { ProjectReport } from '../../../typings';
import type { Aggregate, Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { requireOrganizer } from '../roles/policy';
import { activitiesOf, aggregateOf, projectLite, ratingsByProject, satisfactionOf } from './figures';
import { buildRows, hasStarted, hoursRows } from './project-rows';

/** Aggregations return 20 rows unless told; a project never has this many activities or people. */
const AGG_LIMIT = 100_000;

function aggregate(db: Database, build: (agg: Aggregate) => Aggregate): Promise<Doc[]> {
  return aggregateOf(db, COLLECTIONS.checkins, build);
}

async function checkinsPerActivity(db: Database, activityIds: string[]): Promise<Map<string, number>> {
  if (!activityIds.length) return new Map();
  const _ = db.command;
  const $ = db.command.aggregate;
  const list = await aggregate(db, (agg) =>
    agg
      .match({ activityId: _.in(activityIds) })
      .group({ _id: '$activityId', n: $.sum(1) })
      .limit(AGG_LIMIT),
  );
  return new Map(list.map((r) => [String(r._id), Number(r.n)]));
}

async function distinctPeople(db: Database, activityIds: string[]): Promise<number> {
  if (!activityIds.length) return 0;
  const _ = db.command;
  const list = await aggregate(db, (agg) =>
    agg
      .match({ activityId: _.in(activityIds) })
      .group({ _id: '$person' })
      .count('n'),
  );
  return Number(list[0]?.n ?? 0);
}

async function volunteerMinutes(db: Database, activityIds: string[]) {
  if (!activityIds.length) return [];
  const _ = db.command;
  const $ = db.command.aggregate;
  const list = await aggregate(db, (agg) =>
    agg
      .match({ activityId: _.in(activityIds), countsAsHours: true })
      .group({ _id: '$person', minutes: $.sum('$durationMin'), sessions: $.sum(1), name: $.first('$name') })
      .limit(AGG_LIMIT),
  );
  return list.map((r) => ({
    person: String(r._id),
    name: typeof r.name === 'string' ? r.name : undefined,
    minutes: Number(r.minutes),
    sessions: Number(r.sessions),
  }));
}

export async function projectReport(ctx: CallContext, projectId: string): Promise<ProjectReport> {
  await requireOrganizer(ctx, { projectId });
  return buildProjectReport(ctx.db, projectId, ctx.now);
}

/** The report itself, for a caller already checked (report.project, the 成果册, the workbook). */
export async function buildProjectReport(db: Database, projectId: string, now: Date): Promise<ProjectReport> {
  const [project, activities, ratings] = await Promise.all([projectLite(db, projectId), activitiesOf(db, [projectId]), ratingsByProject(db, [projectId])]);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  const started = activities.filter((a) => hasStarted(a, now)).map((a) => a._id);
  const [perActivity, uniquePeople, minutes] = await Promise.all([
    checkinsPerActivity(db, started),
    distinctPeople(db, started),
    volunteerMinutes(db, started),
  ]);
  const { rows, totals } = buildRows(project.planned ?? [], activities, perActivity, now);
  const report: ProjectReport = {
    projectId,
    rows,
    totals: { ...totals, uniquePeople },
    hours: hoursRows(minutes),
    satisfaction: satisfactionOf(ratings.get(projectId)),
  };
  if (project.title) report.title = project.title;
  return report;
}
