/**
 * Who may vote (and sign up): verified phones, the resident roster, and ballots recorded for
 * residents at a desk (vote.assisted). A phone is only ever stored as a keyed hash.
 */
import type { IsoTime } from './envelope';

/** Per contest; both off by default. */
export interface VoterRules {
  /**
   * One phone = one voter: residents verify their phone (WeChat's phone-number button) before
   * voting, and votes are counted per phone, across WeChat accounts and together with the
   * assisted ballots recorded for that phone.
   */
  verifiedPhone: boolean;
  /** Only residents on the imported roster may vote or sign up for the contest's activities (implies verifiedPhone). */
  rosterOnly: boolean;
}

/** The roster of a contest as the functions keep it: how many phones, since when (never the list). */
export interface RosterStatus {
  size: number;
  importedAt: IsoTime;
}

/** A roster row that was not imported, and why (row numbers as the spreadsheet shows them). */
export interface RosterSkip {
  row: number;
  reason: string;
}

/** The staff desk's first screen in one call (vote.desk). */
export interface DeskView {
  contest: { contestId: string; title: string; status: string; startsAt: IsoTime; endsAt: IsoTime };
  projects: { projectId: string; title: string; team: string; community?: string }[];
  voters: VoterRules;
  /** Assisted ballots one staff member may record per hour, and the caller's in the current hour and today. */
  perHour: number;
  thisHour: number;
  today: number;
}

/** What vote.assisted answers (API.md: { projectId, votes, receipt }). */
export interface AssistedResult {
  projectId: string;
  /** The project's tally after the ballot; null while counts are hidden. */
  votes: number | null;
  /** The code the resident can find in the audit file. */
  receipt: string;
  /** The voter's phone, masked (to read back to the resident). */
  phoneMasked: string;
}

/** One staff member's assisted ballots (report.dashboard): exact counts from the ledger. */
export interface StaffWorkload {
  contestId: string;
  contestTitle: string;
  /** The staff member's name as the admin gave it, else 工作人员 and the tail of their id. */
  name: string;
  ballots: number;
  /** Ballots in the current Beijing hour. */
  thisHour: number;
  /** The busiest Beijing hour, e.g. "2026-01-09 10:00", and its ballots. */
  busiestHour: string;
  busiestHourBallots: number;
  /** The contest's hourly limit, and whether some hour went over it. */
  perHour: number;
  overLimit: boolean;
}
