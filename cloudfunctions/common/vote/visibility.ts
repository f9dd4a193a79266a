/**
 * What a caller may see of a contest. A draft is unannounced: to anyone but an admin it does
 * not exist (NOT_FOUND in every action). While counts are hidden (a blind finish), residents
 * get no number that would reveal them — not a tally, not the ledger's row or block counts.
 */
import { AppError } from '../errors';
import type { CallContext } from '../handler';
import { isAdmin } from '../roles/policy';
import type { ContestDoc } from './model';
import { countsHidden } from './rules';
import { requireContest } from './store';

export async function requireVisible(ctx: CallContext, contest: ContestDoc): Promise<ContestDoc> {
  if (contest.status === 'draft' && !(await isAdmin(ctx))) throw new AppError('NOT_FOUND', '评选活动不存在');
  return contest;
}

export async function requireVisibleContest(ctx: CallContext, contestId: string): Promise<ContestDoc> {
  return requireVisible(ctx, await requireContest(ctx.db, contestId));
}

/** Hidden counts are hidden from residents; admins keep watching the live count. */
export async function countsHiddenFromCaller(ctx: CallContext, contest: ContestDoc): Promise<boolean> {
  return countsHidden(contest, ctx.now) && !(await isAdmin(ctx));
}
