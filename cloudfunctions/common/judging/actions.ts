/**
 * The contest function's judging actions (typings/judging.ts): the admin sets criteria and the
 * ranking's weights and closes the scoring; a judge scores each project once (never their own
 * team's: a project they organize), and sees only their own scores until the scoring closes;
 * the mixed ranking is read from the ledger (votes by source) and the scores.
 */
import type { ContestStatus, JudgeScores, JudgingApi, ScoringView, SheetProject } from '../../../typings';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError } from '../errors';
import { isAdmin, isJudge, loadRoles, requireAdmin, type RoleDoc } from '../roles/policy';
import { insertOnce } from '../platform/documents';
import { toIso } from '../platform/time';
import { COLLECTIONS } from '../collections';
import { recordAudit } from '../audit/log';
import type { ContestDoc, ScoringDoc } from '../vote/model';
import { forgetContest, loadProjects, requireContest } from '../vote/store';
import { votesBySource } from '../vote/vote-admin';
import { SCORE_MAX, criteriaFromRequest, formulaText, judgeTotal, mixedRanking, scoresRefusal, weightsRefusal } from './rules';
import { anyScore, closeScoringAt, scoreId, scoresOfContest, type ScoreDoc } from './store';

type Req<A extends keyof JudgingApi> = JudgingApi[A]['req'];
type Res<A extends keyof JudgingApi> = JudgingApi[A]['res'];

function scoringView(scoring: ScoringDoc): ScoringView {
  return {
    criteria: scoring.criteria,
    weights: scoring.weights,
    scoreMax: SCORE_MAX,
    ...(scoring.closedAt ? { closedAt: toIso(scoring.closedAt) } : {}),
    formula: formulaText(scoring.weights, scoring.criteria),
  };
}

function requireScoring(contest: ContestDoc): ScoringDoc {
  if (!contest.scoring) throw new AppError('NOT_FOUND', '本次评选没有设置评审打分');
  return contest.scoring;
}

/** A project of the judge's own team: one they organize. */
function ownTeam(roles: RoleDoc | null, projectId: string): boolean {
  return roles?.organizerOf?.includes(projectId) === true;
}

export async function setScoring(ctx: CallContext, req: Req<'setScoring'>): Promise<Res<'setScoring'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  if (contest.status === 'published') throw new AppError('BAD_REQUEST', '评选结果已公布，不能再修改评审设置');
  const criteria = criteriaFromRequest(req.criteria);
  if (typeof criteria === 'string') throw new AppError('BAD_REQUEST', criteria);
  const refusal = weightsRefusal(req.weights);
  if (refusal) throw new AppError('BAD_REQUEST', refusal);
  // Scores are stored per criterion key: changing the criteria under them would change their meaning.
  if (await anyScore(ctx.db, contest._id)) throw new AppError('BAD_REQUEST', '已有评委打分，不能再修改评分项和权重');
  const scoring: ScoringDoc = { criteria, weights: req.weights };
  await ctx.db
    .collection(COLLECTIONS.contests)
    .doc(contest._id)
    .update({ data: { scoring: ctx.db.command.set(scoring) } });
  forgetContest(contest._id);
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'contest.setScoring',
    target: contest._id,
    detail: { criteria: criteria.length, weights: req.weights },
    at: ctx.now,
  });
  return scoringView(scoring);
}

export async function closeScoring(ctx: CallContext, req: Req<'closeScoring'>): Promise<Res<'closeScoring'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  requireScoring(contest);
  await closeScoringAt(ctx.db, contest._id, ctx.now);
  await recordAudit(ctx.db, { actor: ctx.openid, action: 'contest.closeScoring', target: contest._id, at: ctx.now });
  return scoringView(requireScoring(await requireContest(ctx.db, contest._id)));
}

/** Judges of the contest and admins; anyone else is refused. */
async function judgeOrAdmin(ctx: CallContext, contestId: string): Promise<{ roles: RoleDoc | null; admin: boolean; judge: boolean }> {
  requireCaller(ctx);
  const roles = await loadRoles(ctx);
  const [admin, judge] = await Promise.all([isAdmin(ctx, roles), isJudge(ctx, contestId, roles)]);
  if (!admin && !judge) throw new AppError('FORBIDDEN', '只有本次评选的评委可以打分');
  return { roles, admin, judge };
}

function judgedCounts(scores: ScoreDoc[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of scores) counts.set(s.projectId, (counts.get(s.projectId) ?? 0) + 1);
  return counts;
}

export async function scoreSheet(ctx: CallContext, req: Req<'scoreSheet'>): Promise<Res<'scoreSheet'>> {
  const who = await judgeOrAdmin(ctx, req.contestId);
  const contest = await requireContest(ctx.db, req.contestId);
  const scoring = requireScoring(contest);
  const [projects, mine, all] = await Promise.all([
    loadProjects(ctx.db, contest._id),
    who.judge ? scoresOfContest(ctx.db, contest._id, ctx.openid) : Promise.resolve([]),
    // Admins follow the progress (how many judges scored each project), not the scores.
    who.admin ? scoresOfContest(ctx.db, contest._id) : Promise.resolve([]),
  ]);
  const mineByProject = new Map(mine.map((s) => [s.projectId, s]));
  const counts = judgedCounts(all);
  const items: SheetProject[] = projects.map((p) => {
    const own = mineByProject.get(p._id);
    return {
      projectId: p._id,
      title: p.title,
      team: p.team,
      ...(p.community !== undefined ? { community: p.community } : {}),
      ownTeam: ownTeam(who.roles, p._id),
      mine: own ? { scores: own.scores, total: own.total, at: toIso(own.at) } : null,
      ...(who.admin ? { judged: counts.get(p._id) ?? 0 } : {}),
    };
  });
  return {
    contest: { contestId: contest._id, title: contest.title, status: contest.status },
    scoring: scoringView(scoring),
    projects: items,
    isAdmin: who.admin,
  };
}

export async function submitScore(ctx: CallContext, req: Req<'score'>): Promise<Res<'score'>> {
  const openid = requireCaller(ctx);
  const roles = await loadRoles(ctx);
  if (!(await isJudge(ctx, req.contestId, roles))) throw new AppError('FORBIDDEN', '只有本次评选的评委可以打分');
  const contest = await requireContest(ctx.db, req.contestId);
  const scoring = requireScoring(contest);
  if (scoring.closedAt || contest.status === 'published') throw new AppError('BAD_REQUEST', '评审打分已经结束');
  if (!contest.projectIds.includes(req.projectId)) throw new AppError('NOT_FOUND', '项目不存在');
  if (ownTeam(roles, req.projectId)) throw new AppError('FORBIDDEN', '评委不能给自己团队的项目打分');
  const refusal = scoresRefusal(scoring.criteria, req.scores);
  if (refusal) throw new AppError('BAD_REQUEST', refusal);
  const total = judgeTotal(scoring.criteria, req.scores);
  const doc: ScoreDoc = {
    _id: scoreId(contest._id, req.projectId, openid),
    contestId: contest._id,
    projectId: req.projectId,
    judge: openid,
    scores: req.scores,
    total,
    at: ctx.now,
  };
  if (!(await insertOnce(ctx.db, COLLECTIONS.judgeScores, { ...doc }))) throw new AppError('CONFLICT', '您已经给这个项目打过分了，每个项目只能打一次');
  return { projectId: req.projectId, total };
}

/** Before the scoring closes nobody reads another judge's scores; after it, judges and admins; after publication, everyone. */
async function requireScoresVisible(ctx: CallContext, contest: ContestDoc, scoring: ScoringDoc, what: string): Promise<void> {
  if (contest.status === 'published') return;
  if (!scoring.closedAt) throw new AppError('FORBIDDEN', `评审打分结束前不能查看${what}`);
  if (await isAdmin(ctx)) return;
  if (what === '各位评委的评分' && (await isJudge(ctx, contest._id))) return;
  throw new AppError('FORBIDDEN', `结果公布后才能查看${what}`);
}

/** 评委1, 评委2 … in the order they first scored: the same numbering on every project. */
function judgeLabels(scores: ScoreDoc[]): Map<string, string> {
  const first = new Map<string, number>();
  for (const s of scores) first.set(s.judge, Math.min(first.get(s.judge) ?? Infinity, s.at.getTime()));
  const ordered = [...first.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return new Map(ordered.map(([judge], i) => [judge, `评委${i + 1}`]));
}

export async function allScores(ctx: CallContext, req: Req<'scores'>): Promise<Res<'scores'>> {
  const contest = await requireContest(ctx.db, req.contestId);
  const scoring = requireScoring(contest);
  await requireScoresVisible(ctx, contest, scoring, '各位评委的评分');
  const [projects, scores] = await Promise.all([loadProjects(ctx.db, contest._id), scoresOfContest(ctx.db, contest._id)]);
  const labels = judgeLabels(scores);
  const items: JudgeScores[] = projects.map((p) => {
    const mine = scores
      .filter((s) => s.projectId === p._id)
      .sort((a, b) => (labels.get(a.judge) ?? '').localeCompare(labels.get(b.judge) ?? '', 'zh-CN', { numeric: true }));
    const average = mine.length ? Math.round((mine.reduce((t, s) => t + s.total, 0) / mine.length) * 100) / 100 : null;
    return {
      projectId: p._id,
      title: p.title,
      byJudge: mine.map((s) => ({ judge: labels.get(s.judge) ?? '评委', total: s.total, scores: s.scores })),
      average,
    };
  });
  return { scoring: scoringView(scoring), items };
}

export async function mixedRankingOf(ctx: CallContext, req: Req<'ranking'>): Promise<Res<'ranking'>> {
  const contest = await requireContest(ctx.db, req.contestId);
  const scoring = requireScoring(contest);
  await requireScoresVisible(ctx, contest, scoring, '综合排名');
  const [projects, votes, scores] = await Promise.all([
    loadProjects(ctx.db, contest._id),
    votesBySource(ctx.db, contest._id),
    scoresOfContest(ctx.db, contest._id),
  ]);
  const items = mixedRanking(
    scoring.weights,
    projects.map((p) => ({
      projectId: p._id,
      title: p.title,
      team: p.team,
      order: p.order,
      online: votes.online.get(p._id) ?? 0,
      onsite: votes.assisted.get(p._id) ?? 0,
      judgeTotals: scores.filter((s) => s.projectId === p._id).map((s) => s.total),
    })),
  );
  const status: ContestStatus = contest.status;
  return { scoring: scoringView(scoring), items, status, asOf: toIso(ctx.now) };
}
