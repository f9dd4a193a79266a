/** Voting calls used by the 投票 pages (typed through services/cloud). */
import type { ContestApi } from '../../typings/contest';
import type { VoteApi } from '../../typings/vote';
import { callCloud, type CallOptions } from './cloud';

export function getContestPage(req: ContestApi['get']['req'], options: CallOptions = {}): Promise<ContestApi['get']['res']> {
  return callCloud('contest', 'get', req, options);
}

export function castVote(contestId: string, projectId: string, options: CallOptions = {}): Promise<VoteApi['cast']['res']> {
  // Refusals are shown by the page (after rolling back), so no automatic toast here.
  return callCloud('vote', 'cast', { contestId, projectId }, { loading: false, toast: false, ...options });
}

export function myVotes(contestId: string, options: CallOptions = {}): Promise<VoteApi['mine']['res']> {
  return callCloud('vote', 'mine', { contestId }, options);
}

export function getLeaderboard(contestId: string, options: CallOptions = {}): Promise<ContestApi['leaderboard']['res']> {
  return callCloud('contest', 'leaderboard', { contestId }, options);
}

export function getProjectCode(projectId: string, options: CallOptions = {}): Promise<ContestApi['projectCode']['res']> {
  return callCloud('contest', 'projectCode', { projectId }, options);
}

/** Staff: the desk's first screen (the contest's projects, my ballots this hour against the limit). */
export function deskView(contestId: string, options: CallOptions = {}): Promise<VoteApi['desk']['res']> {
  return callCloud('vote', 'desk', { contestId }, options);
}

/** Staff: a ballot recorded for a resident without a phone of their own (线下投票). */
export function castAssisted(req: VoteApi['assisted']['req'], options: CallOptions = {}): Promise<VoteApi['assisted']['res']> {
  return callCloud('vote', 'assisted', req, { loading: '正在登记', ...options });
}
