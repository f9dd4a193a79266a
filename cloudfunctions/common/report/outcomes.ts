/**
 * The figures of the 成果册 that no ledger holds (seed 002: 撬动社会资源 62,619 元, 解决微事件
 * 39 件, 宣传 51 篇 / 20,392 次): entered per project by its organizer, reviewed by an admin.
 * Entered figures show at once, marked 待审核; figures the admin sends back count as 0 until
 * the organizer enters them again. An admin who enters figures has reviewed them.
 * One document per project in `project_outcomes` (`_id` = projectId).
 */
import type { OutcomesInput, OutcomesStatus, ProjectOutcomes, Publicity } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import type { CallContext } from '../handler';
import { AppError } from '../errors';
import { COLLECTIONS } from '../collections';
import { isAdmin, requireAdmin, requireOrganizer } from '../roles/policy';
import { recordAudit } from '../audit/log';
import { asDate, asOptionalDate, asOptionalText, compact, findDoc } from '../platform/documents';
import { isMissingCollection } from '../platform/db-errors';
import { toIso } from '../platform/time';
import { loadProject } from '../vote/store';

const OUTCOMES = COLLECTIONS.outcomes;

export interface OutcomesDoc {
  _id: string;
  contestId: string;
  resourcesYuan: number;
  eventsSolved: number;
  publicity: Publicity;
  status: Exclude<OutcomesStatus, 'none'>;
  note?: string;
  submittedAt: Date;
  submittedBy: string;
  reviewedAt?: Date;
  reviewedBy?: string;
}

const STATUSES = new Set(['pending', 'approved', 'returned']);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function outcomesFromDoc(d: Doc): OutcomesDoc {
  const publicity = (d.publicity ?? {}) as Doc;
  return compact<OutcomesDoc>({
    _id: String(d._id),
    contestId: String(d.contestId ?? ''),
    resourcesYuan: num(d.resourcesYuan),
    eventsSolved: num(d.eventsSolved),
    publicity: { pieces: num(publicity.pieces), views: num(publicity.views) },
    status: STATUSES.has(String(d.status)) ? (d.status as OutcomesDoc['status']) : 'pending',
    note: asOptionalText(d.note),
    submittedAt: asDate(d.submittedAt),
    submittedBy: String(d.submittedBy ?? ''),
    reviewedAt: asOptionalDate(d.reviewedAt),
    reviewedBy: asOptionalText(d.reviewedBy),
  });
}

/** The figures that count in the 成果册: everything but what the admin sent back. */
export function countedFigures(doc: OutcomesDoc | undefined): { resourcesYuan: number; eventsSolved: number; publicity: Publicity } {
  if (!doc || doc.status === 'returned') return { resourcesYuan: 0, eventsSolved: 0, publicity: { pieces: 0, views: 0 } };
  return { resourcesYuan: doc.resourcesYuan, eventsSolved: doc.eventsSolved, publicity: { ...doc.publicity } };
}

async function findOutcomes(db: Database, projectId: string): Promise<OutcomesDoc | null> {
  try {
    const doc = await findDoc(db, OUTCOMES, projectId);
    return doc ? outcomesFromDoc(doc) : null;
  } catch (e) {
    if (isMissingCollection(e)) return null;
    throw e;
  }
}

/** The outcomes of these projects (those that have any), by project. */
export async function outcomesOf(db: Database, projectIds: string[]): Promise<Map<string, OutcomesDoc>> {
  if (!projectIds.length) return new Map();
  try {
    const res = await db
      .collection(OUTCOMES)
      .where({ _id: db.command.in(projectIds) })
      .limit(1000)
      .get();
    return new Map(res.data.map(outcomesFromDoc).map((d) => [d._id, d]));
  } catch (e) {
    if (isMissingCollection(e)) return new Map();
    throw e;
  }
}

async function requireProject(db: Database, projectId: string) {
  const project = await loadProject(db, projectId);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  return project;
}

function view(projectId: string, title: string, doc: OutcomesDoc | null): ProjectOutcomes {
  if (!doc) return { projectId, title, status: 'none', resourcesYuan: 0, eventsSolved: 0, publicity: { pieces: 0, views: 0 } };
  return compact<ProjectOutcomes>({
    projectId,
    title,
    status: doc.status,
    resourcesYuan: doc.resourcesYuan,
    eventsSolved: doc.eventsSolved,
    publicity: doc.publicity,
    note: doc.note,
    submittedAt: toIso(doc.submittedAt),
    reviewedAt: doc.reviewedAt ? toIso(doc.reviewedAt) : undefined,
  });
}

export async function getOutcomes(ctx: CallContext, projectId: string): Promise<ProjectOutcomes> {
  await requireOrganizer(ctx, { projectId });
  const project = await requireProject(ctx.db, projectId);
  return view(project._id, project.title, await findOutcomes(ctx.db, projectId));
}

/** report.setOutcomes: figures left out keep their entered value; the whole set goes (back) to review. */
export async function setOutcomes(ctx: CallContext, req: { projectId: string } & OutcomesInput): Promise<{ projectId: string; status: OutcomesStatus }> {
  await requireOrganizer(ctx, { projectId: req.projectId });
  const project = await requireProject(ctx.db, req.projectId);
  const before = await findOutcomes(ctx.db, project._id);
  const reviewedByAdmin = await isAdmin(ctx);
  const doc: OutcomesDoc = compact({
    _id: project._id,
    contestId: project.contestId,
    resourcesYuan: req.resourcesYuan ?? before?.resourcesYuan ?? 0,
    eventsSolved: req.eventsSolved ?? before?.eventsSolved ?? 0,
    publicity: req.publicity ?? before?.publicity ?? { pieces: 0, views: 0 },
    status: reviewedByAdmin ? 'approved' : 'pending',
    submittedAt: ctx.now,
    submittedBy: ctx.openid,
    reviewedAt: reviewedByAdmin ? ctx.now : undefined,
    reviewedBy: reviewedByAdmin ? ctx.openid : undefined,
  });
  const { _id, ...data } = doc;
  await ctx.db.collection(OUTCOMES).doc(_id).set({ data });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'outcomes.set',
    target: project._id,
    detail: { resourcesYuan: doc.resourcesYuan, eventsSolved: doc.eventsSolved, publicity: doc.publicity, status: doc.status },
    at: ctx.now,
  });
  return { projectId: project._id, status: doc.status };
}

/**
 * The admin's review of what was entered. Conditional on the entry the admin saw: figures the
 * organizer changed meanwhile are not approved unseen (CONFLICT).
 */
export async function reviewOutcomes(
  ctx: CallContext,
  req: { projectId: string; approve: boolean; note?: string },
): Promise<{ projectId: string; status: OutcomesStatus }> {
  await requireAdmin(ctx);
  const doc = await findOutcomes(ctx.db, req.projectId);
  if (!doc) throw new AppError('NOT_FOUND', '这个项目还没有填报成效数据');
  const status = req.approve ? 'approved' : 'returned';
  const note = req.note?.trim();
  if (!req.approve && !note) throw new AppError('BAD_REQUEST', '退回时请写明原因，方便组织者修改');
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(OUTCOMES)
    .where({ _id: doc._id, submittedAt: doc.submittedAt })
    .update({ data: { status, note: note || _.remove(), reviewedAt: ctx.now, reviewedBy: ctx.openid } });
  if (res.stats.updated === 0) throw new AppError('CONFLICT', '组织者刚更新了数据，请刷新后再审核');
  await recordAudit(ctx.db, { actor: ctx.openid, action: 'outcomes.review', target: doc._id, detail: { status, ...(note ? { note } : {}) }, at: ctx.now });
  return { projectId: doc._id, status };
}
