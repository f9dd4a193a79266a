/**
 * Programme figures read from the ledgers (votes, check-ins), never hand-entered: shared by
 * report.dashboard and the export workbook so both show the same numbers.
 */
import type { Satisfaction } from '../../../typings';
import type { Aggregate, Database, Doc } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { isMissingCollection } from '../platform/db-errors';
import { fetchAll } from '../platform/paging';
import { asDate } from '../platform/documents';
import { hasStarted, type ReportActivity } from './project-rows';

/** Aggregations return 20 rows unless told. */
const AGG_LIMIT = 1_000_000;

/** An aggregation over a collection that may not exist yet (no data → no rows). */
export async function aggregateOf(db: Database, collection: string, build: (agg: Aggregate) => Aggregate): Promise<Doc[]> {
  try {
    return (await build(db.collection(collection).aggregate()).end()).list;
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
}

/** All documents of a query, or none when the collection does not exist yet. */
export async function allOf(db: Database, collection: string, where: Doc, fields?: Record<string, boolean>): Promise<Doc[]> {
  try {
    return await fetchAll(db, collection, where, fields);
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
}

export interface ProjectLite {
  _id: string;
  contestId?: string;
  title?: string;
  planned?: { type: string; sessions: number }[];
}

export interface ActivityLite extends ReportActivity {
  projectId?: string;
  title?: string;
  endsAt?: Date;
}

const PROJECT_FIELDS = { _id: true, contestId: true, title: true, planned: true };

function projectLiteOf(d: Doc): ProjectLite {
  return {
    _id: String(d._id),
    contestId: typeof d.contestId === 'string' ? d.contestId : undefined,
    title: typeof d.title === 'string' ? d.title : undefined,
    planned: Array.isArray(d.planned) ? d.planned.map((p: Doc) => ({ type: String(p.type), sessions: Number(p.sessions) })) : undefined,
  };
}

/** The projects of a contest (all projects when no contest is given). */
export async function projectsOf(db: Database, contestId?: string): Promise<ProjectLite[]> {
  return (await allOf(db, COLLECTIONS.projects, contestId ? { contestId } : {}, PROJECT_FIELDS)).map(projectLiteOf);
}

export async function projectLite(db: Database, projectId: string): Promise<ProjectLite | null> {
  const [doc] = await allOf(db, COLLECTIONS.projects, { _id: projectId }, PROJECT_FIELDS);
  return doc ? projectLiteOf(doc) : null;
}

function activityLiteOf(d: Doc): ActivityLite {
  return {
    _id: String(d._id),
    projectId: typeof d.projectId === 'string' ? d.projectId : undefined,
    title: typeof d.title === 'string' ? d.title : undefined,
    type: typeof d.type === 'string' ? d.type : undefined,
    startsAt: asDate(d.startsAt),
    endsAt: d.endsAt === undefined ? undefined : asDate(d.endsAt),
    status: typeof d.status === 'string' ? d.status : undefined,
  };
}

/** Activities of these projects (all activities when no project list is given). */
export async function activitiesOf(db: Database, projectIds?: string[]): Promise<ActivityLite[]> {
  const fields = { _id: true, projectId: true, title: true, type: true, startsAt: true, endsAt: true, status: true };
  if (projectIds && !projectIds.length) return [];
  const where = projectIds ? { projectId: db.command.in(projectIds) } : {};
  return (await allOf(db, COLLECTIONS.activities, where, fields)).map(activityLiteOf);
}

export interface CheckinFigures {
  activitiesHeld: number;
  personTimes: number;
  uniquePeople: number;
}

/**
 * Held = started and at least one check-in; person-times = check-ins of held activities (the
 * ledger has one per person per activity); unique people = distinct `person` among them.
 */
export async function checkinFigures(db: Database, activities: ActivityLite[], now: Date): Promise<CheckinFigures> {
  const started = activities.filter((a) => hasStarted(a, now)).map((a) => a._id);
  if (!started.length) return { activitiesHeld: 0, personTimes: 0, uniquePeople: 0 };
  const _ = db.command;
  const $ = db.command.aggregate;
  const [perActivity, people] = await Promise.all([
    aggregateOf(db, COLLECTIONS.checkins, (agg) =>
      agg
        .match({ activityId: _.in(started) })
        .group({ _id: '$activityId', n: $.sum(1) })
        .limit(AGG_LIMIT),
    ),
    aggregateOf(db, COLLECTIONS.checkins, (agg) =>
      agg
        .match({ activityId: _.in(started) })
        .group({ _id: '$person' })
        .count('n'),
    ),
  ]);
  const counts = perActivity.map((r) => Number(r.n)).filter((n) => n > 0);
  return {
    activitiesHeld: counts.length,
    personTimes: counts.reduce((t, n) => t + n, 0),
    uniquePeople: Number(people[0]?.n ?? 0),
  };
}

/** Counted (not voided) ledger votes and their distinct voters. */
export async function voteFigures(db: Database, contestId?: string): Promise<{ votes: number; voters: number }> {
  const _ = db.command;
  const where: Doc = { voided: _.exists(false) };
  if (contestId) where.contestId = contestId;
  const [votes, voters] = await Promise.all([
    aggregateOf(db, COLLECTIONS.votes, (agg) => agg.match(where).count('n')),
    aggregateOf(db, COLLECTIONS.votes, (agg) => agg.match(where).group({ _id: '$openid' }).count('n')),
  ]);
  return { votes: Number(votes[0]?.n ?? 0), voters: Number(voters[0]?.n ?? 0) };
}

/** Counted ledger votes per project. */
export async function votesPerProject(db: Database, contestId: string): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const list = await aggregateOf(db, COLLECTIONS.votes, (agg) =>
    agg
      .match({ contestId, voided: _.exists(false) })
      .group({ _id: '$projectId', n: $.sum(1) })
      .limit(AGG_LIMIT),
  );
  return new Map(list.map((r) => [String(r._id), Number(r.n)]));
}

/** Stars summed over ratings: kept as sums so project averages and the programme's agree. */
export interface StarSums {
  sum: number;
  count: number;
}

/** Residents' ratings (activity/rating.ts) of these projects' activities, summed per project. */
export async function ratingsByProject(db: Database, projectIds: string[]): Promise<Map<string, StarSums>> {
  if (!projectIds.length) return new Map();
  const _ = db.command;
  const $ = db.command.aggregate;
  const list = await aggregateOf(db, COLLECTIONS.ratings, (agg) =>
    agg
      .match({ projectId: _.in(projectIds) })
      .group({ _id: '$projectId', sum: $.sum('$stars'), count: $.sum(1) })
      .limit(AGG_LIMIT),
  );
  return new Map(list.map((r) => [String(r._id), { sum: Number(r.sum), count: Number(r.count) }]));
}

/** The mean of the stars with one decimal; null while nobody rated. */
export function satisfactionOf(s: StarSums | undefined): Satisfaction {
  if (!s || s.count === 0) return { average: null, count: 0 };
  return { average: Math.round((s.sum / s.count) * 10) / 10, count: s.count };
}

/** Hours with one decimal, summed without floating-point dust (0.1 + 0.2 stays 0.3). */
export function sumHours(hours: number[]): number {
  return Math.round(hours.reduce((t, h) => t + h * 10, 0)) / 10;
}
