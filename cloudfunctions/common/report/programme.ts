/**
 * report.programme: the 成果册 (seed 002's 成绩单) — per project and in total: activities
 * planned and held, person-times, distinct residents, volunteer hours, satisfaction, votes and
 * rank, and the organizers' figures (resources, 微事件, publicity).
 *
 * Each project's figures are its report.project (same function, same numbers); the totals are
 * their sums, except distinct residents (counted over the whole programme: a resident who took
 * part in two projects is one person) and satisfaction (over every rating, from the star sums).
 */
import type { ProgrammeFigures, ProgrammeProject, ProgrammeReport, ProjectReport, Publicity } from '../../../typings';
import type { CallContext } from '../handler';
import { requireAdmin } from '../roles/policy';
import { toIso } from '../platform/time';
import { requireContest, loadProjects } from '../vote/store';
import { rankByVotes } from '../vote/ranking';
import { activitiesOf, checkinFigures, ratingsByProject, satisfactionOf, sumHours, votesPerProject, type StarSums } from './figures';
import { buildProjectReport } from './project';
import { countedFigures, outcomesOf } from './outcomes';

/** Reports built at once: enough to overlap round trips, few enough to stay gentle on the database. */
const PARALLEL = 4;

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

const addPublicity = (a: Publicity, b: Publicity): Publicity => ({ pieces: a.pieces + b.pieces, views: a.views + b.views });

export async function programmeReport(ctx: CallContext, contestId: string): Promise<ProgrammeReport> {
  await requireAdmin(ctx);
  return (await buildProgramme(ctx, contestId)).report;
}

/** What the PDF shows of a project beyond its figures: the activity table and the texts. */
export interface ProjectDetail {
  rows: ProjectReport['rows'];
  summary?: string;
}

/** The 成果册 for a caller already checked (report.programme, the PDF, the workbook), with each project's details. */
export async function buildProgramme(ctx: CallContext, contestId: string): Promise<{ report: ProgrammeReport; details: ProjectDetail[] }> {
  const contest = await requireContest(ctx.db, contestId);
  const projects = await loadProjects(ctx.db, contest._id);
  const ids = projects.map((p) => p._id);
  const [reports, tallies, ratings, outcomes, activities] = await Promise.all([
    inBatches(ids, PARALLEL, (id) => buildProjectReport(ctx.db, id, ctx.now)),
    votesPerProject(ctx.db, contest._id),
    ratingsByProject(ctx.db, ids),
    outcomesOf(ctx.db, ids),
    activitiesOf(ctx.db, ids),
  ]);
  const people = await checkinFigures(ctx.db, activities, ctx.now);
  const ranked = new Map(
    rankByVotes(
      projects.map((p) => ({ projectId: p._id, votes: tallies.get(p._id) ?? 0, order: p.order })),
      contest.settings.topN,
      contest.status === 'published',
    ).map((r) => [r.projectId, r]),
  );

  const rows: ProgrammeProject[] = projects.map((p, i) => {
    const report = reports[i];
    const r = ranked.get(p._id);
    const doc = outcomes.get(p._id);
    const row: ProgrammeProject = {
      projectId: p._id,
      title: p.title,
      team: p.team,
      plannedSessions: report.totals.plannedSessions,
      heldSessions: report.totals.heldSessions,
      personTimes: report.totals.personTimes,
      uniquePeople: report.totals.uniquePeople,
      volunteerHours: sumHours(report.hours.map((h) => h.hours)),
      satisfaction: report.satisfaction,
      ...countedFigures(doc),
      votes: r?.votes ?? 0,
      rank: r?.rank ?? projects.length,
      outcomes: doc?.status ?? 'none',
    };
    if (p.community) row.community = p.community;
    if (r?.winner) row.winner = true;
    if (p.coverImage) row.coverImage = p.coverImage;
    return row;
  });

  const stars = [...ratings.values()].reduce<StarSums>((t, s) => ({ sum: t.sum + s.sum, count: t.count + s.count }), { sum: 0, count: 0 });
  const sum = (k: 'plannedSessions' | 'heldSessions' | 'personTimes' | 'resourcesYuan' | 'eventsSolved' | 'votes') => rows.reduce((t, r) => t + r[k], 0);
  const totals: ProgrammeFigures & { projects: number; votes: number } = {
    projects: rows.length,
    plannedSessions: sum('plannedSessions'),
    heldSessions: sum('heldSessions'),
    personTimes: sum('personTimes'),
    uniquePeople: people.uniquePeople,
    volunteerHours: sumHours(rows.map((r) => r.volunteerHours)),
    satisfaction: satisfactionOf(stars),
    resourcesYuan: Math.round(sum('resourcesYuan') * 100) / 100,
    eventsSolved: sum('eventsSolved'),
    publicity: rows.reduce<Publicity>((t, r) => addPublicity(t, r.publicity), { pieces: 0, views: 0 }),
    votes: sum('votes'),
  };
  const details = projects.map((p, i) => ({ rows: reports[i].rows, ...(p.summary ? { summary: p.summary } : {}) }));
  return { report: { contestId: contest._id, title: contest.title, totals, projects: rows, asOf: toIso(ctx.now) }, details };
}
