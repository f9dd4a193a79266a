/** Calls of the contest function: the list, the admin's contest and project editing, judges' scoring. */
import type { ContestApi, ContestSummary } from '../../typings/contest';
import type { ContestAdminApi, ContestPatch, ProjectPatch } from '../../typings/contest-admin';
import type { JudgingApi } from '../../typings/judging';
import { callCloud, type CallOptions } from './cloud';

export function listContests(options: CallOptions = {}): Promise<{ items: ContestSummary[] }> {
  return callCloud('contest', 'list', {}, options);
}

/** Judge: the projects to score, the criteria, and my own scores so far. */
export function scoreSheet(contestId: string, options: CallOptions = {}): Promise<JudgingApi['scoreSheet']['res']> {
  return callCloud('contest', 'scoreSheet', { contestId }, options);
}

/** Judge: one project's scores, once. */
export function submitScore(req: JudgingApi['score']['req'], options: CallOptions = {}): Promise<JudgingApi['score']['res']> {
  return callCloud('contest', 'score', req, { loading: '正在提交', ...options });
}

export function createContest(req: ContestApi['create']['req']): Promise<ContestApi['create']['res']> {
  return callCloud('contest', 'create', req, { loading: '正在保存' });
}

export function updateContest(contestId: string, patch: ContestPatch): Promise<{ contestId: string }> {
  return callCloud('contest', 'update', { contestId, patch }, { loading: '正在保存' });
}

export function setContestStatus(contestId: string, status: 'open' | 'frozen' | 'published'): Promise<ContestApi['setStatus']['res']> {
  return callCloud('contest', 'setStatus', { contestId, status }, { loading: '正在更新' });
}

export function addProject(req: ContestApi['addProject']['req']): Promise<{ projectId: string }> {
  return callCloud('contest', 'addProject', req, { loading: '正在保存' });
}

export function updateProject(projectId: string, patch: ProjectPatch): Promise<{ projectId: string }> {
  return callCloud('contest', 'updateProject', { projectId, patch }, { loading: '正在保存' });
}

/** The project's organizer or an admin: the cover (null removes it) and the whole list of activity photos. */
export function setShowcase(req: ContestAdminApi['setShowcase']['req']): Promise<ContestAdminApi['setShowcase']['res']> {
  return callCloud('contest', 'setShowcase', req, { loading: '正在保存' });
}

export function reorderProjects(contestId: string, projectIds: string[]): Promise<{ projectIds: string[] }> {
  return callCloud('contest', 'reorderProjects', { contestId, projectIds }, { loading: '正在排序' });
}

/** The first page in one call (contest, projects with votes, my votes today); the admin's pages read it too. */
export function getContestPage(req: ContestApi['get']['req'], options: CallOptions = {}): Promise<ContestApi['get']['res']> {
  return callCloud('contest', 'get', req, options);
}

export function getLeaderboard(contestId: string, options: CallOptions = {}): Promise<ContestApi['leaderboard']['res']> {
  return callCloud('contest', 'leaderboard', { contestId }, options);
}

export function getProjectCode(projectId: string, options: CallOptions = {}): Promise<ContestApi['projectCode']['res']> {
  return callCloud('contest', 'projectCode', { projectId }, options);
}

/** Admin: the judges' criteria and the mix of online vote, on-site ballots and judges (percent each). */
export function setScoring(req: JudgingApi['setScoring']['req']): Promise<JudgingApi['setScoring']['res']> {
  return callCloud('contest', 'setScoring', req, { loading: '正在保存' });
}

/** Admin: close the judges' scoring; the mixed ranking can then be read. */
export function closeScoring(contestId: string): Promise<JudgingApi['closeScoring']['res']> {
  return callCloud('contest', 'closeScoring', { contestId }, { loading: '正在结束评分' });
}

/** The mixed final ranking, each project's parts and total (admins after scoring closes; everyone after publication). */
export function mixedRanking(contestId: string, options: CallOptions = {}): Promise<JudgingApi['ranking']['res']> {
  return callCloud('contest', 'ranking', { contestId }, options);
}
