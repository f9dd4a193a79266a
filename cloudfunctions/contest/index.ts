import { action, createFunction } from '../common/handler';
import { requireAdmin, isAdmin } from '../common/roles/policy';
import { AppError } from '../common/errors';
import * as s from './schemas';
import { addProject, createContest, getContest, leaderboard, listContests, setStatus } from '../common/vote/contest-actions';
import { auditFile, auditHead, sealLedger } from '../common/vote/ledger';
import { projectCode } from '../common/vote/project-code';
import { requireContest } from '../common/vote/store';
import { countsHiddenFromCaller, requireVisibleContest } from '../common/vote/visibility';
import { fetchAll } from '../common/platform/paging';
import { COLLECTIONS } from '../common/collections';
import { reorderProjects, updateContest, updateProject } from '../common/vote/contest-admin';
import { applyMediaVerdict } from '../common/moderation/media-verdict';
import { setShowcase } from '../common/vote/showcase';
import { allScores, closeScoring, mixedRankingOf, scoreSheet, setScoring, submitScore } from '../common/judging/actions';

export const main = createFunction(
  'contest',
  {
    create: action(s.createContest, (p, ctx) => createContest(ctx, p)),
    addProject: action(s.addProject, (p, ctx) => addProject(ctx, p)),
    setStatus: action(s.setStatus, (p, ctx) => setStatus(ctx, p)),
    update: action(s.updateContestSchema, (p, ctx) => updateContest(ctx, p)),
    updateProject: action(s.updateProjectSchema, (p, ctx) => updateProject(ctx, p)),
    reorderProjects: action(s.reorderProjectsSchema, (p, ctx) => reorderProjects(ctx, p)),
    setShowcase: action(s.setShowcaseSchema, (p, ctx) => setShowcase(ctx, p)),
    list: action(s.listContests, (p, ctx) => listContests(ctx, p)),
    get: action(s.getContest, (p, ctx) => getContest(ctx, p)),
    leaderboard: action(s.leaderboard, (p, ctx) => leaderboard(ctx, p)),
    projectCode: action(s.projectCode, (p, ctx) => projectCode(ctx, p)),
    setScoring: action(s.setScoring, (p, ctx) => setScoring(ctx, p)),
    closeScoring: action(s.byContest, (p, ctx) => closeScoring(ctx, p)),
    scoreSheet: action(s.byContest, (p, ctx) => scoreSheet(ctx, p)),
    score: action(s.score, (p, ctx) => submitScore(ctx, p)),
    scores: action(s.byContest, (p, ctx) => allScores(ctx, p)),
    ranking: action(s.byContest, (p, ctx) => mixedRankingOf(ctx, p)),
    seal: action(s.byContest, async (p, ctx) => {
      await requireAdmin(ctx);
      await requireContest(ctx.db, p.contestId);
      return sealLedger(ctx.db, p.contestId, ctx.now);
    }),
    audit: action(s.byContest, async (p, ctx) => {
      const contest = await requireVisibleContest(ctx, p.contestId);
      // While counts are hidden, the ledger's sizes would reveal them: residents learn only that.
      if (await countsHiddenFromCaller(ctx, contest)) return { head: null, blocks: 0, unsealed: 0, hidden: true };
      return auditHead(ctx.db, p.contestId);
    }),
    auditFile: action(s.auditFile, async (p, ctx) => {
      const contest = await requireVisibleContest(ctx, p.contestId);
      // Published for everyone once the result is; admins may check it any time.
      if (contest.status !== 'published' && !(await isAdmin(ctx))) throw new AppError('FORBIDDEN', '结果公布后才能查看审计文件');
      return auditFile(ctx.db, p.contestId, p.fromBlock ?? 1, p.limitBlocks ?? 5);
    }),
  },
  {
    /** Seals new ledger rows of the contests still taking or settling votes. */
    seal: async (ctx) => {
      const _ = ctx.db.command;
      const contests = await fetchAll(ctx.db, COLLECTIONS.contests, { status: _.in(['open', 'frozen']) }, { _id: true });
      const sealed = [];
      for (const c of contests) sealed.push({ contestId: String(c._id), ...(await sealLedger(ctx.db, String(c._id), ctx.now)) });
      return { sealed };
    },
  },
  {
    /** 消息推送: WeChat's verdict on a public image sent to mediaCheckAsync. */
    wxa_media_check: (ctx, event) => applyMediaVerdict(ctx, event),
  },
);
