/**
 * Editing a contest after it was created (admin): its rules and texts, its projects, their
 * order. Texts others will read pass the content check before anything is written; every
 * change lands in the audit log.
 */
import type { ContestAdminApi, ContestPatch, ProjectPatch } from '../../../typings';
import type { Doc } from '../platform/database';
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { requireAdmin } from '../roles/policy';
import { recordAudit } from '../audit/log';
import { diffFields } from '../audit/changes';
import { SEC_SCENE, assertSafeImage, assertSafeText } from '../moderation/content-safety';
import { COLLECTIONS } from '../collections';
import { forgetContest, loadProject, loadProjects, requireContest } from './store';
import { settingsWithDefaults, voterRulesRefusal, votingFromRequest } from './rules';
import { adoptBindingQuota } from './vote-admin';
import { forgetContestRules } from './eligibility';

type Res<A extends keyof ContestAdminApi> = ContestAdminApi[A]['res'];

function notPublished(status: string): void {
  if (status === 'published') throw new AppError('BAD_REQUEST', '评选结果已公布，不能再修改');
}

/** The contest fields a patch sets (settings merged over the stored ones). */
function contestChanges(patch: ContestPatch, settings: Parameters<typeof settingsWithDefaults>[0]): Doc {
  const changesSettings = ['topN', 'blindHours', 'hideCountsWhenFrozen', 'rateLimit', 'voters', 'assistedPerHour'] as const;
  const changes: Doc = {};
  if (patch.title !== undefined) changes.title = patch.title.trim();
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.voting) {
    const voting = votingFromRequest(patch.voting);
    if (typeof voting === 'string') throw new AppError('BAD_REQUEST', voting);
    changes.voting = voting;
  }
  if (changesSettings.some((key) => patch[key] !== undefined)) {
    changes.settings = settingsWithDefaults({
      ...settings,
      ...(patch.topN !== undefined ? { topN: patch.topN } : {}),
      ...(patch.blindHours !== undefined ? { blindHours: patch.blindHours } : {}),
      ...(patch.hideCountsWhenFrozen !== undefined ? { hideCountsWhenFrozen: patch.hideCountsWhenFrozen } : {}),
      ...(patch.voters !== undefined ? { voters: { ...settings.voters, ...patch.voters } } : {}),
      ...(patch.rateLimit !== undefined ? { rateLimit: patch.rateLimit } : {}),
      ...(patch.assistedPerHour !== undefined ? { assistedPerHour: patch.assistedPerHour } : {}),
    });
  }
  return changes;
}

/** The contest fields the audit log compares, by path (audit/labels.ts names each). */
export const CONTEST_AUDIT_FIELDS = [
  'title',
  'description',
  'voting.startsAt',
  'voting.endsAt',
  'voting.perProjectPerDay',
  'voting.perDay',
  'voting.total',
  'settings.topN',
  'settings.blindHours',
  'settings.hideCountsWhenFrozen',
  'settings.rateLimit.max',
  'settings.rateLimit.windowSeconds',
] as const;

const PROJECT_AUDIT_FIELDS = ['title', 'team', 'community', 'summary', 'planned', 'coverImage'] as const;

export async function updateContest(ctx: CallContext, req: { contestId: string; patch: ContestPatch }): Promise<Res<'update'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  notPublished(contest.status);
  if (req.patch.voters !== undefined) {
    const refusal = voterRulesRefusal(contest.status, contest.voting, ctx.now);
    if (refusal) throw new AppError('BAD_REQUEST', refusal);
  }
  const changes = contestChanges(req.patch, contest.settings);
  if (!Object.keys(changes).length) return { contestId: contest._id };
  await assertSafeText(ctx, [req.patch.title, req.patch.description], SEC_SCENE.forum);
  await ctx.db
    .collection(COLLECTIONS.contests)
    .doc(contest._id)
    .update({ data: { ...changes, updatedAt: ctx.now } });
  forgetContest(contest._id);
  forgetContestRules(contest._id);
  const after = await requireContest(ctx.db, contest._id);
  await adoptBindingQuota(ctx.db, contest, after, ctx.now);
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'contest.update',
    target: contest._id,
    targetKind: 'contest',
    targetTitle: after.title,
    scope: { contestId: contest._id },
    changes: diffFields(contest, after, CONTEST_AUDIT_FIELDS),
    at: ctx.now,
  });
  return { contestId: contest._id };
}

function projectChanges(patch: ProjectPatch): Doc {
  const changes: Doc = {};
  for (const key of ['title', 'team', 'community', 'summary'] as const) {
    const value = patch[key];
    if (value !== undefined) changes[key] = value.trim();
  }
  if (patch.planned !== undefined) changes.planned = patch.planned.map((p) => ({ type: p.type.trim(), sessions: p.sessions }));
  if (patch.coverImage !== undefined) changes.coverImage = patch.coverImage;
  return changes;
}

export async function updateProject(ctx: CallContext, req: { projectId: string; patch: ProjectPatch }): Promise<Res<'updateProject'>> {
  await requireAdmin(ctx);
  const project = await loadProject(ctx.db, req.projectId);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  const contest = await requireContest(ctx.db, project.contestId);
  notPublished(contest.status);
  const changes = projectChanges(req.patch);
  if (!Object.keys(changes).length) return { projectId: project._id };
  const p = req.patch;
  await assertSafeText(ctx, [p.title, p.team, p.community, p.summary, ...(p.planned ?? []).map((x) => x.type)], SEC_SCENE.forum);
  await assertSafeImage(ctx, [p.coverImage], SEC_SCENE.forum);
  await ctx.db
    .collection(COLLECTIONS.projects)
    .doc(project._id)
    .update({ data: { ...changes, updatedAt: ctx.now } });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'project.update',
    target: project._id,
    targetKind: 'project',
    targetTitle: String(changes.title ?? project.title),
    scope: { contestId: contest._id },
    changes: diffFields(project, { ...project, ...changes }, PROJECT_AUDIT_FIELDS),
    detail: { contestId: contest._id },
    at: ctx.now,
  });
  return { projectId: project._id };
}

/** The new order must name every project of the contest exactly once. */
export function checkOrder(current: string[], wanted: string[]): void {
  const same = wanted.length === current.length && new Set(wanted).size === wanted.length && wanted.every((id) => current.includes(id));
  if (!same) throw new AppError('BAD_REQUEST', '排序须包含本评选的全部项目，且每个只出现一次');
}

export async function reorderProjects(ctx: CallContext, req: { contestId: string; projectIds: string[] }): Promise<Res<'reorderProjects'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  const projects = await loadProjects(ctx.db, contest._id);
  checkOrder(
    projects.map((p) => p._id),
    req.projectIds,
  );
  await Promise.all(req.projectIds.map((id, order) => ctx.db.collection(COLLECTIONS.projects).doc(id).update({ data: { order } })));
  await ctx.db
    .collection(COLLECTIONS.contests)
    .doc(contest._id)
    .update({ data: { projectIds: req.projectIds } });
  forgetContest(contest._id);
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'project.reorder',
    target: contest._id,
    targetKind: 'contest',
    targetTitle: contest.title,
    scope: { contestId: contest._id },
    detail: { projectIds: req.projectIds },
    at: ctx.now,
  });
  return { projectIds: req.projectIds };
}
