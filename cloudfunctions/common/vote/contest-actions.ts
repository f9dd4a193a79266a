/** The contest function's actions: create, projects, states, and what the voting pages read. */
import type { ContestApi, ContestDetail, ContestStatus, LeaderboardItem, ProjectCard, VoterView } from '../../../typings';
import type { CallContext } from '../handler';
import { AppError } from '../errors';
import { isAdmin, requireAdmin } from '../roles/policy';
import { countsHiddenFromCaller, requireVisibleContest } from './visibility';
import { shanghaiDay, toIso } from '../platform/time';
import { COLLECTIONS } from '../collections';
import { dayQuotaId, totalQuotaId, voteId, type ContestDoc, type ProjectDoc } from './model';
import { blindFrom, canTransition, countsHidden, settingsWithDefaults, votesLeft, votingFromRequest } from './rules';
import { rankByVotes } from './ranking';
import { fetchAll } from '../platform/paging';
import { asDate } from '../platform/documents';
import { createShards, forgetContest, loadProject, loadProjects, newId, readTallies, requireContest, setShardsOpen } from './store';
import { sealLedger } from './ledger';
import { recordAudit } from '../audit/log';
import { assertSafeText } from '../moderation/content-safety';
import { adoptBindingQuota, reconcileContest } from './vote-admin';
import { enqueueResultPublished } from '../notify/result-watch';
import { requestFlush } from '../notify/transport';
import { voterOfViewer } from './eligibility';
import { closeScoringAt } from '../judging/store';
import { withPictureLinks } from './showcase';

type Req<A extends keyof ContestApi> = ContestApi[A]['req'];
type Res<A extends keyof ContestApi> = ContestApi[A]['res'];

const STATUS_NAMES: Record<ContestStatus, string> = { draft: '草稿', open: '投票中', frozen: '已封票', published: '已公布' };

export async function createContest(ctx: CallContext, req: Req<'create'>): Promise<Res<'create'>> {
  await requireAdmin(ctx);
  const voting = votingFromRequest(req.voting);
  if (typeof voting === 'string') throw new AppError('BAD_REQUEST', voting);
  const contestId = newId('c');
  const settings = settingsWithDefaults({
    topN: req.topN,
    blindHours: req.blindHours,
    hideCountsWhenFrozen: req.hideCountsWhenFrozen,
    rateLimit: req.rateLimit,
    voters: req.voters,
    assistedPerHour: req.assistedPerHour,
  });
  const doc: ContestDoc = {
    _id: contestId,
    title: req.title,
    ...(req.description !== undefined ? { description: req.description } : {}),
    status: req.draft ? 'draft' : 'open',
    voting,
    settings,
    projectIds: [],
    createdAt: ctx.now,
    createdBy: ctx.openid,
  };
  await assertSafeText(ctx, [req.title, req.description]);
  await ctx.db.collection(COLLECTIONS.contests).add({ data: doc });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'contest.create',
    target: contestId,
    targetKind: 'contest',
    targetTitle: req.title,
    scope: { contestId },
    at: ctx.now,
  });
  return { contestId };
}

export async function addProject(ctx: CallContext, req: Req<'addProject'>): Promise<Res<'addProject'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  if (contest.status === 'published') throw new AppError('BAD_REQUEST', '评选结果已公布，不能再添加项目');
  const projectId = newId('p');
  const doc: ProjectDoc = {
    _id: projectId,
    contestId: contest._id,
    title: req.title,
    team: req.team,
    ...(req.community !== undefined ? { community: req.community } : {}),
    ...(req.summary !== undefined ? { summary: req.summary } : {}),
    ...(req.planned !== undefined ? { planned: req.planned } : {}),
    votes: 0,
    order: contest.projectIds.length,
    createdAt: ctx.now,
  };
  await assertSafeText(ctx, [req.title, req.team, req.community, req.summary, ...(req.planned ?? []).map((p) => p.type)]);
  await ctx.db.collection(COLLECTIONS.projects).add({ data: doc });
  // Shards before membership: a vote can only name a project whose counters exist.
  await createShards(ctx.db, contest._id, projectId, contest.status === 'open');
  const _ = ctx.db.command;
  await ctx.db
    .collection(COLLECTIONS.contests)
    .doc(contest._id)
    .update({ data: { projectIds: _.push(projectId) } });
  forgetContest(contest._id);
  await adoptBindingQuota(ctx.db, contest, { ...contest, projectIds: [...contest.projectIds, projectId] }, ctx.now);
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'project.create',
    target: projectId,
    targetKind: 'project',
    targetTitle: req.title,
    scope: { contestId: contest._id },
    detail: { contestId: contest._id },
    at: ctx.now,
  });
  return { projectId };
}

/** Writes the shard sums into projects.votes (the roll-up that exports and reports read). */
async function rollUpTallies(ctx: CallContext, contestId: string): Promise<void> {
  const tallies = await readTallies(ctx.db, contestId);
  await Promise.all([...tallies].map(([projectId, votes]) => ctx.db.collection(COLLECTIONS.projects).doc(projectId).update({ data: { votes } })));
}

/** 结果公布时通知我: messages to the voters who asked; notify's timer finishes anything left. */
async function announceResult(ctx: CallContext, contest: ContestDoc): Promise<void> {
  try {
    await enqueueResultPublished(ctx.db, { _id: contest._id, title: contest.title }, ctx.now);
    requestFlush();
  } catch (e) {
    console.warn('[contest] result messages left to the notify timer', e);
  }
}

export async function setStatus(ctx: CallContext, req: Req<'setStatus'>): Promise<Res<'setStatus'>> {
  await requireAdmin(ctx);
  const contest = await requireContest(ctx.db, req.contestId);
  if (!canTransition(contest.status, req.status)) {
    throw new AppError('BAD_REQUEST', `评选${STATUS_NAMES[contest.status]}，不能改为${STATUS_NAMES[req.status]}`);
  }
  if (contest.status === req.status) return { status: contest.status };
  // Conditional on the status we read: two admins racing cannot both apply a transition.
  const res = await ctx.db
    .collection(COLLECTIONS.contests)
    .where({ _id: contest._id, status: contest.status })
    .update({ data: { status: req.status, [`statusAt.${req.status}`]: ctx.now } });
  if (res.stats.updated === 0) throw new AppError('CONFLICT', '评选状态刚被修改，请刷新后重试');
  forgetContest(contest._id);
  await setShardsOpen(ctx.db, contest._id, req.status === 'open');
  const action = req.status === 'published' ? 'contest.publish' : 'contest.status';
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action,
    target: contest._id,
    targetKind: 'contest',
    targetTitle: contest.title,
    scope: { contestId: contest._id },
    changes: [{ field: 'status', before: contest.status, after: req.status }],
    detail: { from: contest.status, to: req.status },
    at: ctx.now,
  });
  if (req.status === 'open') return { status: req.status };
  const sealed = await sealLedger(ctx.db, contest._id, ctx.now);
  // The published result is the ledger's: repair any counter a crash left behind first.
  if (req.status === 'published') await reconcileContest(ctx.db, contest._id, ctx.openid, ctx.now);
  // Publication shows the judges' scores: their scoring is over.
  if (req.status === 'published' && contest.scoring && !contest.scoring.closedAt) await closeScoringAt(ctx.db, contest._id, ctx.now);
  await rollUpTallies(ctx, contest._id);
  if (req.status === 'published') await announceResult(ctx, contest);
  return { status: req.status, sealed: { blocks: sealed.blocks, rows: sealed.rows } };
}

export async function listContests(ctx: CallContext, req: Req<'list'>): Promise<Res<'list'>> {
  const admin = await isAdmin(ctx);
  const where = req.status ? { status: req.status } : {};
  const docs = await fetchAll(ctx.db, COLLECTIONS.contests, where, { title: true, status: true, voting: true, createdAt: true });
  const items = docs
    .filter((d) => admin || d.status !== 'draft')
    .map((d) => ({ doc: d, created: asDate(d.createdAt).getTime() }))
    .sort((a, b) => b.created - a.created)
    .map(({ doc }) => ({
      contestId: String(doc._id),
      title: String(doc.title),
      status: doc.status as ContestStatus,
      startsAt: toIso(asDate(doc.voting.startsAt)),
      endsAt: toIso(asDate(doc.voting.endsAt)),
    }));
  return { items };
}

function contestDetail(contest: ContestDoc, now: Date): ContestDetail {
  const blind = blindFrom(contest.voting, contest.settings);
  return {
    contestId: contest._id,
    title: contest.title,
    ...(contest.description !== undefined ? { description: contest.description } : {}),
    status: contest.status,
    startsAt: toIso(contest.voting.startsAt),
    endsAt: toIso(contest.voting.endsAt),
    voting: {
      startsAt: toIso(contest.voting.startsAt),
      endsAt: toIso(contest.voting.endsAt),
      perProjectPerDay: contest.voting.perProjectPerDay,
      ...(contest.voting.perDay !== undefined ? { perDay: contest.voting.perDay } : {}),
      ...(contest.voting.total !== undefined ? { total: contest.voting.total } : {}),
    },
    settings: contest.settings,
    countsHidden: countsHidden(contest, now),
    ...(blind ? { blindFrom: toIso(blind) } : {}),
    ...(contest.roster ? { roster: { size: contest.roster.size, importedAt: toIso(contest.roster.importedAt) } } : {}),
    ...(contest.scoring ? { scoring: { closed: contest.scoring.closedAt !== undefined } } : {}),
  };
}

/** Projects with their tallies and ranks, as residents may see them now. */
function rankedCards(contest: ContestDoc, projects: ProjectDoc[], tallies: Map<string, number>, hidden: boolean): ProjectCard[] {
  const ranked = rankByVotes(
    projects.map((p) => ({ projectId: p._id, votes: tallies.get(p._id) ?? 0, order: p.order })),
    contest.settings.topN,
    contest.status === 'published',
  );
  const byId = new Map(ranked.map((r) => [r.projectId, r]));
  return projects.map((p) => {
    const r = byId.get(p._id);
    return {
      projectId: p._id,
      title: p.title,
      team: p.team,
      ...(p.community !== undefined ? { community: p.community } : {}),
      ...(p.summary !== undefined ? { summary: p.summary } : {}),
      ...(p.planned !== undefined ? { planned: p.planned } : {}),
      votes: hidden ? null : (r?.votes ?? 0),
      rank: hidden ? null : (r?.rank ?? null),
      ...(r?.winner ? { winner: true } : {}),
      ...(p.coverImage !== undefined ? { coverImage: p.coverImage } : {}),
      ...(p.gallery?.length ? { gallery: p.gallery } : {}),
    };
  });
}

/**
 * My ledger rows of the day, looked up by their deterministic ids (the primary key), so the cost
 * does not grow with the ledger; a contest with very many slots falls back to a field query.
 */
async function myVotesToday(ctx: CallContext, contest: ContestDoc, openid: string, day: string) {
  const ids: string[] = [];
  for (const projectId of contest.projectIds) {
    for (let slot = 0; slot < contest.voting.perProjectPerDay; slot++) ids.push(voteId(contest._id, projectId, openid, day, slot));
  }
  const votes = ctx.db.collection(COLLECTIONS.votes);
  if (ids.length <= 1000)
    return votes
      .where({ _id: ctx.db.command.in(ids) })
      .field({ projectId: true })
      .limit(1000)
      .get();
  return votes.where({ contestId: contest._id, openid, day }).field({ projectId: true }).limit(1000).get();
}

async function voterView(ctx: CallContext, contest: ContestDoc): Promise<VoterView> {
  const day = shanghaiDay(ctx.now);
  const empty: VoterView = { votesLeftToday: 0, votedToday: {}, day, isAdmin: false };
  const fresh = votesLeft(contest.voting, contest.projectIds.length, 0, 0);
  if (!ctx.openid) return { ...empty, votesLeftToday: fresh };
  const [viewer, admin] = await Promise.all([voterOfViewer(ctx.db, contest, ctx.openid), isAdmin(ctx)]);
  const phone: Partial<VoterView> = {
    ...(viewer.binding ? { phoneMasked: viewer.binding.phoneMasked } : {}),
    ...(contest.settings.voters.verifiedPhone ? { phoneVerified: viewer.binding !== null } : {}),
    ...(viewer.onRoster !== undefined ? { onRoster: viewer.onRoster } : {}),
  };
  // Not verified yet in a verified-phone contest: nothing counted for this account so far.
  if (!viewer.key) return { ...empty, votesLeftToday: fresh, isAdmin: admin, ...phone };
  const voter = viewer.key;
  const _ = ctx.db.command;
  const [mine, quotas] = await Promise.all([
    myVotesToday(ctx, contest, voter, day),
    ctx.db
      .collection(COLLECTIONS.quotas)
      .where({ _id: _.in([dayQuotaId(contest._id, voter, day), totalQuotaId(contest._id, voter)]) })
      .get(),
  ]);
  const votedToday: Record<string, number> = {};
  for (const v of mine.data) votedToday[String(v.projectId)] = (votedToday[String(v.projectId)] ?? 0) + 1;
  const quotaOf = (d: string) => Number(quotas.data.find((q) => q.day === d)?.count ?? 0);
  // The quota is what the vote enforces; it can only be ahead of the ledger (a reservation in flight).
  const usedToday = Math.max(mine.data.length, quotaOf(day));
  const usedTotal = quotaOf('total');
  const view: VoterView = {
    votesLeftToday: votesLeft(contest.voting, contest.projectIds.length, usedToday, usedTotal),
    votedToday,
    day,
    isAdmin: admin,
    ...phone,
  };
  if (contest.voting.total !== undefined) view.votesLeftTotal = Math.max(0, contest.voting.total - usedTotal);
  return view;
}

/** The first page in one call: contest, projects with votes, and the caller's votes today. */
export async function getContest(ctx: CallContext, req: Req<'get'>): Promise<Res<'get'>> {
  let contestId = req.contestId;
  if (contestId === undefined) {
    const project = await loadProject(ctx.db, String(req.projectId));
    if (!project) throw new AppError('NOT_FOUND', '项目不存在');
    contestId = project.contestId;
  }
  const contest = await requireVisibleContest(ctx, contestId);
  const hidden = await countsHiddenFromCaller(ctx, contest);
  const [projects, tallies, me] = await Promise.all([loadProjects(ctx.db, contest._id), readTallies(ctx.db, contest._id), voterView(ctx, contest)]);
  const cards = await withPictureLinks(rankedCards(contest, projects, tallies, hidden), req.projectId);
  return { contest: contestDetail(contest, ctx.now), projects: cards, me, now: toIso(ctx.now) };
}

/** Ranks from the shard sums: the cost depends on the number of projects, not of votes. */
export async function leaderboard(ctx: CallContext, req: Req<'leaderboard'>): Promise<Res<'leaderboard'>> {
  const contest = await requireVisibleContest(ctx, req.contestId);
  const hidden = await countsHiddenFromCaller(ctx, contest);
  const [projects, tallies] = await Promise.all([loadProjects(ctx.db, contest._id), readTallies(ctx.db, contest._id)]);
  const byId = new Map(projects.map((p) => [p._id, p]));
  const ranked = rankByVotes(
    projects.map((p) => ({ projectId: p._id, votes: tallies.get(p._id) ?? 0, order: p.order })),
    contest.settings.topN,
    contest.status === 'published',
  );
  // While hidden, residents see the projects in the order they were added, without numbers.
  const ordered = hidden ? [...ranked].sort((a, b) => a.order - b.order) : ranked;
  const items: LeaderboardItem[] = ordered.slice(0, req.limit ?? ordered.length).map((r) => {
    const p = byId.get(r.projectId) as ProjectDoc;
    return {
      rank: hidden ? null : r.rank,
      projectId: r.projectId,
      title: p.title,
      team: p.team,
      ...(p.community !== undefined ? { community: p.community } : {}),
      votes: hidden ? null : r.votes,
      ...(r.winner ? { winner: true } : {}),
    };
  });
  const total = hidden ? null : ranked.reduce((sum, r) => sum + r.votes, 0);
  const judged = contest.scoring !== undefined && contest.status === 'published';
  return { items, hidden, status: contest.status, total, ...(judged ? { judged } : {}) };
}
