/**
 * Pure voting rules: defaults, the window, states, quotas and what residents may see.
 * Plain values in, plain values out; no database, no clock.
 */
import type { ContestSettings, ContestStatus, ErrorCode, VoterRules, VotingRules } from '../../../typings';
import type { ContestDoc, StoredVoting } from './model';

export const DEFAULT_SETTINGS: ContestSettings = {
  topN: 5,
  blindHours: 0,
  hideCountsWhenFrozen: false,
  rateLimit: { max: 30, windowSeconds: 60 },
  voters: { verifiedPhone: false, rosterOnly: false },
  // A desk enters a ballot in 15–30 s: 120 an hour is a busy desk, more is worth a look.
  assistedPerHour: 120,
};

const HOUR_MS = 3600_000;

/** Stored voting rules from the request's, with defaults; refuses an empty or inverted window. */
export function votingFromRequest(rules: VotingRules): StoredVoting | string {
  const startsAt = new Date(rules.startsAt);
  const endsAt = new Date(rules.endsAt);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return '投票时间格式不正确';
  if (endsAt.getTime() <= startsAt.getTime()) return '投票结束时间必须晚于开始时间';
  const voting: StoredVoting = { startsAt, endsAt, perProjectPerDay: rules.perProjectPerDay ?? 1 };
  if (rules.perDay !== undefined) voting.perDay = rules.perDay;
  if (rules.total !== undefined) voting.total = rules.total;
  return voting;
}

/** Voter rules with defaults; a roster-only contest always needs a verified phone (the roster is matched by phone). */
export function voterRulesOf(partial: Partial<VoterRules> | undefined): VoterRules {
  const rosterOnly = partial?.rosterOnly === true;
  return { verifiedPhone: rosterOnly || partial?.verifiedPhone === true, rosterOnly };
}

export function settingsWithDefaults(partial: Omit<Partial<ContestSettings>, 'voters'> & { voters?: Partial<VoterRules> }): ContestSettings {
  return {
    topN: partial.topN ?? DEFAULT_SETTINGS.topN,
    blindHours: partial.blindHours ?? DEFAULT_SETTINGS.blindHours,
    hideCountsWhenFrozen: partial.hideCountsWhenFrozen ?? DEFAULT_SETTINGS.hideCountsWhenFrozen,
    rateLimit: partial.rateLimit ?? DEFAULT_SETTINGS.rateLimit,
    voters: voterRulesOf(partial.voters),
    assistedPerHour: partial.assistedPerHour ?? DEFAULT_SETTINGS.assistedPerHour,
  };
}

/** Who may vote changes which votes are duplicates: fixed once voting has started. */
export function voterRulesRefusal(status: ContestStatus, voting: Pick<StoredVoting, 'startsAt'>, now: Date): string | null {
  if (status === 'draft' || now.getTime() < voting.startsAt.getTime()) return null;
  return '投票开始后不能再更改投票人验证方式';
}

/** Why a vote cast at `now` is refused by the contest's state or window, or null when it may proceed. */
export function windowRefusal(status: ContestStatus, voting: Pick<StoredVoting, 'startsAt' | 'endsAt'>, now: Date): ErrorCode | null {
  if (status === 'draft') return 'VOTING_NOT_STARTED';
  if (status === 'frozen' || status === 'published') return 'VOTING_ENDED';
  if (now.getTime() < voting.startsAt.getTime()) return 'VOTING_NOT_STARTED';
  if (now.getTime() >= voting.endsAt.getTime()) return 'VOTING_ENDED';
  return null;
}

/** Allowed status changes: draft→open; open⇄frozen; frozen or open→published (final). */
const TRANSITIONS: Record<ContestStatus, ContestStatus[]> = {
  draft: ['open'],
  open: ['frozen', 'published'],
  frozen: ['open', 'published'],
  published: [],
};

export function canTransition(from: ContestStatus, to: ContestStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** The most votes a person may cast in one day: perDay if set, else every project's allowance. */
export function dailyCapacity(voting: Pick<StoredVoting, 'perDay' | 'perProjectPerDay'>, projectCount: number): number {
  const all = projectCount * voting.perProjectPerDay;
  return voting.perDay === undefined ? all : Math.min(voting.perDay, all);
}

/**
 * Whether a person's quota can refuse a vote that the ledger would take: a contest-wide total,
 * or a daily limit below "every slot of every project". When it cannot, the ledger's
 * deterministic ids (one per project, day and slot) are the whole rule and no quota document is
 * kept: a vote costs one write less.
 */
export function quotaBinds(voting: Pick<StoredVoting, 'perDay' | 'perProjectPerDay' | 'total'>, projectCount: number): boolean {
  return voting.total !== undefined || dailyCapacity(voting, projectCount) < projectCount * voting.perProjectPerDay;
}

/** Votes left today after `usedToday` today and `usedTotal` over the contest. */
export function votesLeft(
  voting: Pick<StoredVoting, 'perDay' | 'perProjectPerDay' | 'total'>,
  projectCount: number,
  usedToday: number,
  usedTotal: number,
): number {
  const today = dailyCapacity(voting, projectCount) - usedToday;
  const total = voting.total === undefined ? today : voting.total - usedTotal;
  return Math.max(0, Math.min(today, total));
}

/** When the blind finish starts, or null when the contest has none. */
export function blindFrom(voting: Pick<StoredVoting, 'endsAt'>, settings: Pick<ContestSettings, 'blindHours'>): Date | null {
  if (settings.blindHours <= 0) return null;
  return new Date(voting.endsAt.getTime() - settings.blindHours * HOUR_MS);
}

/**
 * Whether residents see counts and ranks now. Publication reveals everything; a frozen contest
 * may hide them; a blind finish hides them from its start until publication.
 */
export function countsHidden(contest: Pick<ContestDoc, 'status' | 'voting' | 'settings'>, now: Date): boolean {
  if (contest.status === 'published') return false;
  if (contest.status === 'frozen' && contest.settings.hideCountsWhenFrozen) return true;
  const blind = blindFrom(contest.voting, contest.settings);
  return blind !== null && now.getTime() >= blind.getTime();
}
