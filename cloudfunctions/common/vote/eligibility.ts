/**
 * Whom a vote counts for, and who may vote or sign up, under a contest's voter rules
 * (typings/voters.ts):
 * - by default a vote counts for the WeChat account (OPENID);
 * - `verifiedPhone`: for the phone the account verified (its keyed hash), so several accounts of
 *   one phone, and the ballots staff record for that phone, are one voter;
 * - `rosterOnly`: only phones on the contest's imported roster may vote, or sign up for the
 *   activities of its projects.
 * Every check reads through the instance's copies (voters/store.ts), so a vote in steady
 * state costs no extra round trip.
 */
import type { Database } from '../platform/database';
import type { VoterRules } from '../../../typings';
import type { CallContext } from '../handler';
import { AppError } from '../errors';
import { BoundedMap, ExpiringMap } from '../platform/memo';
import { findBinding, onRoster, type PhoneBinding } from '../voters/store';
import { keyedPhone, type KeyedPhone } from '../voters/phone-key';
import type { ContestDoc } from './model';
import { loadContest, loadProject } from './store';

function notListed(masked?: string): AppError {
  const who = masked ? `手机号 ${masked} ` : '您的手机号';
  return new AppError('FORBIDDEN', `${who}不在本次评选的居民名单中，请联系社区工作人员`);
}

/** The key an online vote of `openid` counts for in this contest (refusals: unverified, not listed). */
export async function onlineVoterKey(db: Database, contest: Pick<ContestDoc, '_id' | 'settings'>, openid: string): Promise<string> {
  const rules = contest.settings.voters;
  if (!rules.verifiedPhone) return openid;
  const binding = await findBinding(db, openid);
  if (!binding) throw new AppError('PHONE_NOT_VERIFIED');
  if (rules.rosterOnly && !(await onRoster(db, contest._id, binding.phoneKey))) throw notListed();
  return binding.phoneKey;
}

/** A phone typed at a desk may vote in a roster-only contest only when it is listed. */
export async function requireListedPhone(db: Database, contest: Pick<ContestDoc, '_id' | 'settings'>, phone: KeyedPhone): Promise<void> {
  if (contest.settings.voters.rosterOnly && !(await onRoster(db, contest._id, phone.key))) throw notListed(phone.masked);
}

/** What the voting page shows about the caller: the key their votes are under (null: must verify first). */
export async function voterOfViewer(
  db: Database,
  contest: Pick<ContestDoc, '_id' | 'settings'>,
  openid: string,
): Promise<{ key: string | null; binding: PhoneBinding | null; onRoster?: boolean }> {
  const rules = contest.settings.voters;
  const binding = await findBinding(db, openid);
  if (!rules.verifiedPhone) return { key: openid, binding };
  if (!binding) return { key: null, binding };
  if (!rules.rosterOnly) return { key: binding.phoneKey, binding };
  return { key: binding.phoneKey, binding, onRoster: await onRoster(db, contest._id, binding.phoneKey) };
}

// Sign-ups: an activity's project names its contest (that never changes); the contest's rules
// are re-read at most every ten seconds. Most sign-ups are in contests without a roster.
const contestOfProject = new BoundedMap<string, string | null>(20_000);
const rulesOfContest = new ExpiringMap<string, { contestId: string; voters: VoterRules }>(2_000, 10_000);

async function rulesForProject(db: Database, projectId: string): Promise<{ contestId: string; voters: VoterRules } | null> {
  let contestId = contestOfProject.get(projectId);
  if (contestId === undefined) {
    contestId = (await loadProject(db, projectId))?.contestId ?? null;
    contestOfProject.set(projectId, contestId);
  }
  if (contestId === null) return null;
  const known = rulesOfContest.get(contestId);
  if (known) return known;
  const contest = await loadContest(db, contestId);
  if (!contest) return null;
  const rules = { contestId, voters: contest.settings.voters };
  rulesOfContest.set(contestId, rules);
  return rules;
}

/**
 * Sign-ups for an activity of a roster-only contest's project: the resident must have verified
 * a listed phone; someone they sign up (family, a neighbour) must be listed too.
 */
export async function requireSignupAllowed(ctx: CallContext, projectId: string | undefined, otherPhone?: string): Promise<void> {
  if (!projectId) return;
  const rules = await rulesForProject(ctx.db, projectId);
  if (!rules?.voters.rosterOnly) return;
  const binding = await findBinding(ctx.db, ctx.openid);
  if (!binding) throw new AppError('PHONE_NOT_VERIFIED', '本活动仅限名单内居民报名，请先验证手机号');
  if (!(await onRoster(ctx.db, rules.contestId, binding.phoneKey))) throw notListed();
  const other = otherPhone === undefined ? undefined : keyedPhone(otherPhone);
  if (other && !(await onRoster(ctx.db, rules.contestId, other.key))) throw notListed(other.masked);
}

/** Forgets this instance's copy of a contest's rules (after an admin changed them). */
export function forgetContestRules(contestId: string): void {
  rulesOfContest.delete(contestId);
}
