/**
 * Casting a vote. The order of writes is what keeps it exact without a read-then-write:
 *  1. reserve the person's quota (conditional increment: `count < limit`);
 *  2. insert the ledger row with its deterministic _id (a duplicate IS the refusal);
 *  3. count it on a random tally shard, only while the contest's shards are open.
 * A failure in 2 gives the reservation back; after 2 the vote stands even if 3 fails. A crash
 * between steps leaves a quota that counts one vote too many (the person loses a vote, never
 * gains one) or a tally one short; reconcile recounts both from the ledger.
 * Steady state: 3 database round trips per vote; 2 where the quota cannot bind (quotaBinds:
 * no total, no daily limit below every project's slots), because step 1 is then skipped.
 */
import type { ErrorCode } from '../../../typings';
import type { Database } from '../platform/database';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError } from '../errors';
import { insertOnce } from '../platform/documents';
import { shanghaiDay } from '../platform/time';
import { COLLECTIONS } from '../collections';
import { SHARDS_PER_PROJECT, dayQuotaId, shardId, totalQuotaId, voteId, type ContestDoc, type VoteDoc } from './model';
import { onlineVoterKey } from './eligibility';
import { countsHidden, dailyCapacity, quotaBinds, votesLeft, windowRefusal } from './rules';
import { contestForVote, createShards, tallyAfterVote } from './store';
import { receiptOf } from './chain';
import { appendVoid } from './ledger';
import { BoundedMap } from '../platform/memo';
import { SlidingWindowLimiter } from './rate-limit';
import { oneAtATime } from '../platform/one-at-a-time';
import { requireVisible } from './visibility';

const limiter = new SlidingWindowLimiter();

/**
 * Where no quota document is kept (the quota cannot bind): the votes this instance took from
 * each person today, for the answer's "votes left today". Informational only — the ledger
 * refuses — and the voting page re-counts the ledger when it loads (contest.get).
 */
const votesTakenToday = new BoundedMap<string, number>(200_000);

/** Counts this instance knows for quota documents it created or incremented itself. */
const knownQuotaCounts = new BoundedMap<string, number>(200_000);

/**
 * Ledger rows this instance has seen exist. Rows are never deleted, so "exists" never goes
 * stale: a repeat vote is refused without touching the database.
 */
const knownVotes = new BoundedMap<string, true>(200_000);

export interface CastResult {
  projectId: string;
  votes: number | null;
  votesLeftToday: number;
  receipt: string;
}

interface Reservation {
  dayCount: number;
  totalCount: number;
  release(): Promise<void>;
}

/** One unit taken from a quota document, and whether taking it created the document. */
interface QuotaUnit {
  id: string;
  count: number;
  created: boolean;
}

/**
 * Takes one unit of a quota document if `count < limit`; answers the count after, or null when
 * the quota is used up. The first vote inserts the document (no upsert, no read first).
 */
async function takeQuota(db: Database, id: string, fields: Record<string, string>, limit: number): Promise<QuotaUnit | null> {
  const quotas = db.collection(COLLECTIONS.quotas);
  const _ = db.command;
  const insertFirst = async (): Promise<QuotaUnit | null> => {
    if (!(await insertOnce(db, COLLECTIONS.quotas, { _id: id, ...fields, count: 1 }))) return null;
    knownQuotaCounts.set(id, 1);
    return { id, count: 1, created: true };
  };
  const known = knownQuotaCounts.get(id);
  if (known === undefined && limit >= 1) {
    const first = await insertFirst();
    if (first) return first;
  }
  const res = await quotas.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } });
  if (res.stats.updated === 1) {
    if (known !== undefined) {
      knownQuotaCounts.set(id, known + 1);
      return { id, count: known + 1, created: false };
    }
    const doc = (await quotas.where({ _id: id }).limit(1).get()).data[0];
    const count = Number(doc?.count ?? limit);
    knownQuotaCounts.set(id, count);
    return { id, count, created: false };
  }
  knownQuotaCounts.delete(id);
  // Our remembered count may be from a document that is gone (another data set): try creating it.
  return known !== undefined && limit >= 1 ? insertFirst() : null;
}

/**
 * Gives a unit back. A document this call created goes away again (a failed call writes
 * nothing), unless someone else's unit is in it by now; then it is decremented like any other.
 */
async function giveBack(db: Database, unit: QuotaUnit): Promise<void> {
  const _ = db.command;
  const quotas = db.collection(COLLECTIONS.quotas);
  if (unit.created && (await quotas.where({ _id: unit.id, count: 1 }).remove()).stats.removed === 1) {
    knownQuotaCounts.delete(unit.id);
    return;
  }
  await quotas.where({ _id: unit.id, count: _.gt(0) }).update({ data: { count: _.inc(-1) } });
  const known = knownQuotaCounts.get(unit.id);
  if (known !== undefined) knownQuotaCounts.set(unit.id, Math.max(0, known - 1));
}

/** Whether every slot this person has for the project today is taken (to name the refusal). */
async function projectSlotsFull(db: Database, contest: ContestDoc, projectId: string, openid: string, day: string): Promise<boolean> {
  const _ = db.command;
  const ids = Array.from({ length: contest.voting.perProjectPerDay }, (_u, slot) => voteId(contest._id, projectId, openid, day, slot));
  const res = await db
    .collection(COLLECTIONS.votes)
    .where({ _id: _.in(ids) })
    .count();
  return res.total >= ids.length;
}

const QUOTA_RETRIES = 5;

/** Votes this person has in the ledger today (only read on the refusal path). */
async function ledgerCountToday(db: Database, contestId: string, openid: string, day: string): Promise<number> {
  return (await db.collection(COLLECTIONS.votes).where({ contestId, openid, day }).count()).total;
}

/** No quota document: the ledger's ids refuse; the day's count is what this instance took. */
function ledgerOnly(personDay: string): Reservation {
  const taken = (votesTakenToday.get(personDay) ?? 0) + 1;
  votesTakenToday.set(personDay, taken);
  return {
    dayCount: taken,
    totalCount: 0,
    release: async () => {
      votesTakenToday.set(personDay, Math.max(0, (votesTakenToday.get(personDay) ?? 1) - 1));
    },
  };
}

/**
 * Takes the contest-wide unit first, then the day's. A refusal then writes nothing: a spent
 * total is refused by a conditional update that changes nothing, and a full day gives the
 * contest-wide unit back (removing its document if this call created it).
 */
async function reserveQuotas(db: Database, contest: ContestDoc, projectId: string, openid: string, day: string): Promise<Reservation> {
  const fields = { contestId: contest._id, openid };
  const total = contest.voting.total;
  const totalUnit = total === undefined ? undefined : await takeQuota(db, totalQuotaId(contest._id, openid), { ...fields, day: 'total' }, total);
  if (totalUnit === null) throw new AppError('DAILY_LIMIT_REACHED', '您在本次评选中的投票次数已用完');
  const giveBackTotal = async (): Promise<void> => {
    if (totalUnit) await giveBack(db, totalUnit);
  };
  const dayId = dayQuotaId(contest._id, openid, day);
  const capacity = dailyCapacity(contest.voting, contest.projectIds.length);
  let dayUnit = await takeQuota(db, dayId, { ...fields, day }, capacity);
  // A full quota while the ledger holds fewer votes: a concurrent attempt of the same person in
  // another instance holds a unit it is about to give back (its vote was a duplicate; within
  // one instance, attempts at the same project queue instead). Look again before refusing.
  for (let retry = 1; dayUnit === null && retry <= QUOTA_RETRIES && (await ledgerCountToday(db, contest._id, openid, day)) < capacity; retry++) {
    await new Promise((resolve) => setTimeout(resolve, 25 * retry));
    dayUnit = await takeQuota(db, dayId, { ...fields, day }, capacity);
  }
  if (dayUnit === null) {
    await giveBackTotal();
    if (await projectSlotsFull(db, contest, projectId, openid, day)) throw new AppError('ALREADY_VOTED_TODAY');
    throw new AppError('DAILY_LIMIT_REACHED', '您今天的投票次数已用完，明天再来吧');
  }
  const taken = dayUnit;
  return {
    dayCount: taken.count,
    totalCount: totalUnit?.count ?? 0,
    release: async () => {
      await giveBack(db, taken);
      await giveBackTotal();
    },
  };
}

function allSlotsKnownTaken(contest: ContestDoc, projectId: string, openid: string, day: string): boolean {
  for (let slot = 0; slot < contest.voting.perProjectPerDay; slot++) {
    if (!knownVotes.get(voteId(contest._id, projectId, openid, day, slot))) return false;
  }
  return true;
}

/** Inserts the ledger row into the first free slot; all slots taken → ALREADY_VOTED_TODAY. */
async function insertVote(
  db: Database,
  contest: ContestDoc,
  projectId: string,
  ballot: Ballot,
  at: Date,
  salt: string,
): Promise<{ id: string; receipt: string }> {
  const day = shanghaiDay(at);
  const openid = ballot.voter;
  for (let slot = 0; slot < contest.voting.perProjectPerDay; slot++) {
    const id = voteId(contest._id, projectId, openid, day, slot);
    const receipt = receiptOf(id, salt);
    const inserted = await insertOnce(db, COLLECTIONS.votes, { _id: id, contestId: contest._id, projectId, openid, day, slot, at, receipt, ...ballot.fields });
    knownVotes.set(id, true);
    if (inserted) return { id, receipt };
  }
  throw new AppError('ALREADY_VOTED_TODAY');
}

/** Counts the vote on a random shard while the contest is open; false when it has closed meanwhile. */
async function countOnShard(db: Database, contestId: string, projectId: string): Promise<boolean> {
  const _ = db.command;
  const shards = db.collection(COLLECTIONS.shards);
  const id = shardId(projectId, Math.floor(Math.random() * SHARDS_PER_PROJECT));
  const res = await shards.where({ _id: id, open: true }).update({ data: { n: _.inc(1) } });
  if (res.stats.updated === 1) return true;
  const contest = await contestForVote(db, contestId, true);
  if (contest.status !== 'open') return false;
  // Open contest but no shard: a project created before shards existed, or a damaged store.
  await createShards(db, contestId, projectId, true);
  await shards.where({ _id: id }).update({ data: { n: _.inc(1) } });
  return true;
}

/**
 * Once the ledger row is in, the vote stands: a failed count does not fail the call (that
 * would tell the resident "not counted" about a vote the ledger holds). The tally falls one
 * behind until reconcile (timer) recounts the ledger.
 */
async function countOnShardOrLeaveToReconcile(db: Database, contestId: string, projectId: string): Promise<boolean> {
  try {
    return await countOnShard(db, contestId, projectId);
  } catch (e) {
    console.error('[vote] tally not updated after the ledger insert; reconcile will count the vote', e);
    return true;
  }
}

const LATE_VOTE = '评选已结束（迟到的投票）';

/** A vote that reached the ledger after the contest closed: marked void (and the void appended), never deleted. */
async function voidLateVote(db: Database, contestId: string, vote: { id: string; receipt: string }, at: Date): Promise<void> {
  await db
    .collection(COLLECTIONS.votes)
    .where({ _id: vote.id })
    .update({ data: { voided: { at, reason: LATE_VOTE, by: 'system' } } });
  await appendVoid(db, contestId, vote.id, vote.receipt, LATE_VOTE, at, 'system');
}

/**
 * Whom a ballot counts for (`voter`: an OPENID or a phone key, see model.ts VoteDoc.openid) and
 * what its ledger row records besides (where it came from, who recorded it).
 */
export interface Ballot {
  voter: string;
  fields: Pick<VoteDoc, 'source' | 'staff' | 'hour' | 'account'>;
}

/** The contest of a vote, with the project checked to be one of its own. */
export async function contestWithProject(ctx: CallContext, contestId: string, projectId: string): Promise<ContestDoc> {
  let contest = await contestForVote(ctx.db, contestId);
  if (!contest.projectIds.includes(projectId)) contest = await contestForVote(ctx.db, contestId, true);
  if (!contest.projectIds.includes(projectId)) throw new AppError('NOT_FOUND', '项目不存在');
  await requireVisible(ctx, contest);
  const refusal = windowRefusal(contest.status, contest.voting, ctx.now);
  if (refusal) throw new AppError(refusal);
  return contest;
}

export async function castVote(ctx: CallContext, params: { contestId: string; projectId: string }, salt: string): Promise<CastResult> {
  const openid = requireCaller(ctx);
  const contest = await contestWithProject(ctx, params.contestId, params.projectId);
  const { max, windowSeconds } = contest.settings.rateLimit;
  if (!limiter.allow(`${contest._id}:${openid}`, ctx.now.getTime(), max, windowSeconds * 1000)) throw new AppError('RATE_LIMITED');
  const voter = await onlineVoterKey(ctx.db, contest, openid);
  return castBallot(ctx, contest, params.projectId, { voter, fields: voter === openid ? {} : { account: openid } }, salt);
}

/**
 * One ballot once contest, window and the caller's rights are checked. One person's attempts
 * at one project run one after another in this instance: a repeat then meets the ledger row
 * it knows instead of holding a quota unit it must give back.
 */
export function castBallot(ctx: CallContext, contest: ContestDoc, projectId: string, ballot: Ballot, salt: string): Promise<CastResult> {
  const day = shanghaiDay(ctx.now);
  return oneAtATime(voteId(contest._id, projectId, ballot.voter, day), () => castChecked(ctx, contest, projectId, ballot, day, salt));
}

/** The vote once contest, window and rate are checked: quota, ledger, tally. */
async function castChecked(ctx: CallContext, contest: ContestDoc, projectId: string, ballot: Ballot, day: string, salt: string): Promise<CastResult> {
  const openid = ballot.voter;
  if (allSlotsKnownTaken(contest, projectId, openid, day)) throw new AppError('ALREADY_VOTED_TODAY');
  const reservation = quotaBinds(contest.voting, contest.projectIds.length)
    ? await reserveQuotas(ctx.db, contest, projectId, openid, day)
    : ledgerOnly(`${contest._id}:${openid}:${day}`);
  let vote: { id: string; receipt: string };
  try {
    vote = await insertVote(ctx.db, contest, projectId, ballot, ctx.now, salt);
  } catch (e) {
    await reservation.release();
    throw e;
  }
  if (!(await countOnShardOrLeaveToReconcile(ctx.db, contest._id, projectId))) {
    await voidLateVote(ctx.db, contest._id, vote, ctx.now);
    await reservation.release();
    const fresh = await contestForVote(ctx.db, contest._id, true);
    const code: ErrorCode = windowRefusal(fresh.status, fresh.voting, ctx.now) ?? 'VOTING_ENDED';
    throw new AppError(code);
  }
  const hidden = countsHidden(contest, ctx.now);
  return {
    projectId,
    votes: hidden ? null : await tallyAfterVote(ctx.db, contest._id, projectId).catch(() => null),
    votesLeftToday: votesLeft(contest.voting, contest.projectIds.length, reservation.dayCount, reservation.totalCount),
    receipt: vote.receipt,
  };
}
