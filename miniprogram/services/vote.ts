/** Calls of the vote function: casting, my votes, the staff desk, flags and voids (typed through services/cloud). */
import type { VoteApi } from '../../typings/vote';
import { callCloud, type CallOptions } from './cloud';

const quiet: CallOptions = { loading: false, toast: false };

export function castVote(contestId: string, projectId: string, options: CallOptions = {}): Promise<VoteApi['cast']['res']> {
  // Refusals are shown by the page (after rolling back), so no automatic toast here.
  return callCloud('vote', 'cast', { contestId, projectId }, { loading: false, toast: false, ...options });
}

export function myVotes(contestId: string, options: CallOptions = {}): Promise<VoteApi['mine']['res']> {
  return callCloud('vote', 'mine', { contestId }, options);
}

/** Staff: the desk's first screen (the contest's projects, my ballots this hour against the limit). */
export function deskView(contestId: string, options: CallOptions = {}): Promise<VoteApi['desk']['res']> {
  return callCloud('vote', 'desk', { contestId }, options);
}

/** Staff: a ballot recorded for a resident without a phone of their own (线下投票). */
export function castAssisted(req: VoteApi['assisted']['req'], options: CallOptions = {}): Promise<VoteApi['assisted']['res']> {
  return callCloud('vote', 'assisted', req, { loading: '正在登记', ...options });
}

export function voteFlags(contestId: string, options: CallOptions = quiet): Promise<VoteApi['flags']['res']> {
  return callCloud('vote', 'flags', { contestId }, options);
}

export function voidVotes(contestId: string, voteIds: string[], reason: string): Promise<VoteApi['void']['res']> {
  return callCloud('vote', 'void', { contestId, voteIds, reason }, { loading: '正在作废' });
}

/** The resident's phone, from WeChat's phone-number button: the code is exchanged by the function, once per account. */
export function verifyPhone(code: string, contestId: string): Promise<VoteApi['verifyPhone']['res']> {
  return callCloud('vote', 'verifyPhone', { code, contestId }, { loading: '正在验证' });
}
