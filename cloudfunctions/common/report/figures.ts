/**
 * Programme figures read from the ledgers (votes, check-ins), never hand-entered: shared by
 * report.dashboard and the export workbook so both show the same numbers.
 */
import type { Aggregate, Database, Doc } from '../platform/database';
import { fetchAll } from '../platform/paging';
import { hasStarted, type ReportActivity } from './project-rows';

/** Aggregations return 20 rows unless told. */
const AGG_LIMIT = 1_000_000;

export function isMissingCollection(e: unknown): boolean {
  return /collection not exist|COLLECTION_NOT_EXIST|-502005/i.test(e instanceof Error ? e.message : String(e));
}

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
export async function allOf<T>(db: Database, collection: string, where: Doc, fields: Record<string, boolean>): Promise<T[]> {
  try {
    return await fetchAll<T>(() => db.collection(collection).where(where).field(fields), 1000, 1_000_000);
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

export async function projectsOf(db: Database, contestId?: string): Promise<ProjectLite[]> {
  return allOf<ProjectLite>(db, 'projects', contestId ? { contestId } : {}, { _id: true, contestId: true, title: true, planned: true });
}

/** Activities of these projects (all activities when no project list is given). */
export async function activitiesOf(db: Database, projectIds?: string[]): Promise<ActivityLite[]> {
  const fields = { _id: true, projectId: true, title: true, type: true, startsAt: true, endsAt: true, status: true };
  const all = await allOf<ActivityLite>(db, 'activities', {}, fields);
  const keep = projectIds ? new Set(projectIds) : undefined;
  return all
    .filter((a) => !keep || (a.projectId !== undefined && keep.has(a.projectId)))
    .map((a) => ({ ...a, startsAt: new Date(a.startsAt) }));
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
    aggregateOf(db, 'checkins', (agg) => agg.match({ activityId: _.in(started) }).group({ _id: '$activityId', n: $.sum(1) }).limit(AGG_LIMIT)),
    aggregateOf(db, 'checkins', (agg) => agg.match({ activityId: _.in(started) }).group({ _id: '$person' }).count('n')),
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
    aggregateOf(db, 'votes', (agg) => agg.match(where).count('n')),
    aggregateOf(db, 'votes', (agg) => agg.match(where).group({ _id: '$openid' }).count('n')),
  ]);
  return { votes: Number(votes[0]?.n ?? 0), voters: Number(voters[0]?.n ?? 0) };
}

/** Counted ledger votes per project. */
export async function votesPerProject(db: Database, contestId: string): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const list = await aggregateOf(db, 'votes', (agg) =>
    agg.match({ contestId, voided: _.exists(false) }).group({ _id: '$projectId', n: $.sum(1) }).limit(AGG_LIMIT),
  );
  return new Map(list.map((r) => [String(r._id), Number(r.n)]));
}
