import type { IsoTime } from './envelope';
import type { AssistedResult, DeskView } from './voters';

export interface MyVote {
  projectId: string;
  day: string;
  at: IsoTime;
  /** Short code to find this vote in the published audit file. */
  receipt?: string;
  voided?: boolean;
  /** Recorded for this phone at a desk (vote.assisted). */
  assisted?: boolean;
}

/** A counter the reconcile job found different from the ledger, and what it did. */
export interface TallyFix {
  projectId: string;
  ledger: number;
  counted: number;
  fixed: boolean;
}

export interface ReconcileReport {
  contestId: string;
  projects: number;
  ledgerRows: number;
  fixes: TallyFix[];
  quotasFixed: number;
  /** Mismatches seen but left alone because votes were landing while we counted. */
  unsettled: number;
}

export type FlagKind = 'project-burst' | 'new-voter-burst' | 'rapid-voter';

/** A suspicious pattern for an admin to look at; nothing is voided automatically. */
export interface VoteFlag {
  kind: FlagKind;
  projectId?: string;
  voterHash?: string;
  from: IsoTime;
  to: IsoTime;
  votes: number;
  detail: string;
  /** Ledger row ids involved (a sample), for vote.void. */
  voteIds: string[];
}

export interface VoteApi {
  cast: {
    req: { contestId: string; projectId: string };
    res: { projectId: string; votes: number | null; votesLeftToday: number; receipt?: string };
  };
  mine: {
    req: { contestId: string };
    res: { items: MyVote[] };
  };
  /** Admin: recount the ledger, repair counters, report what was fixed. */
  reconcile: { req: { contestId?: string }; res: { reports: ReconcileReport[] } };
  /** Admin: suspicious patterns. */
  flags: { req: { contestId: string; windowMinutes?: number }; res: { items: VoteFlag[] } };
  /**
   * Staff (granted for the contest): a ballot recorded at a desk for a resident, identified by
   * name and phone (kept only as a keyed hash). Same quotas and per-project-per-day dedup as
   * `cast`, by the phone; in a verified-phone contest it shares them with that phone's own votes.
   */
  assisted: {
    req: { contestId: string; projectId: string; voter: { name: string; phone: string } };
    res: AssistedResult;
  };
  /** Staff: the desk's first screen (contest, projects, my ballots this hour against the limit). */
  desk: { req: { contestId: string }; res: DeskView };
  /**
   * The caller's phone from WeChat's phone-number button (`code` from bindgetphonenumber):
   * bound to this WeChat account once. With `contestId`: whether it is on that contest's roster.
   */
  verifyPhone: {
    req: { code: string; contestId?: string };
    res: { phoneMasked: string; onRoster?: boolean };
  };
  /** Admin: take votes out of the tally (ledger rows are marked, never deleted; audited). */
  void: {
    req: { contestId: string; voteIds?: string[]; receipts?: string[]; reason: string };
    res: { voided: number; alreadyVoid: number; notFound: number };
  };
}
