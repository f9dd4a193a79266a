/** Contest and vote calls used by pages (typed through services/cloud). */
import type { ContestSummary } from '../../typings/contest';
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
