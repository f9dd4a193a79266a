import type { RosterSkip, StaffWorkload } from './voters';

export interface ReportRow {
  type: string;
  plannedSessions: number;
  heldSessions: number;
  personTimes: number;
}

/** Volunteer service hours of one person (activities with sign-out), counted sessions only. */
export interface HoursRow {
  /** Stable key of the person within the programme (not an OPENID). */
  person: string;
  name?: string;
  sessions: number;
  hours: number;
}

export interface ProjectReport {
  projectId: string;
  title?: string;
  rows: ReportRow[];
  totals: { plannedSessions: number; heldSessions: number; personTimes: number; uniquePeople: number };
  /** Hours per person for volunteer activities (签退 with enough time), most hours first. */
  hours: HoursRow[];
}

export interface ReportApi {
  project: {
    req: { projectId: string };
    res: ProjectReport;
  };
  /** Admin: the contest's workbook (.xlsx) in cloud storage; rows written per sheet. */
  export: { req: { contestId: string }; res: { fileID: string; sheets?: ExportSheetCount[] } };
  /** Admin: the programme's figures in one call (a contest's projects only, when given). */
  dashboard: { req: { contestId?: string }; res: DashboardFigures };
  /**
   * Admin: the contest's resident roster from an .xlsx (columns 姓名 and 手机号) uploaded to cloud
   * storage. Replaces the previous roster; phones are kept only as keyed hashes and the uploaded
   * file is deleted after reading.
   */
  importRoster: {
    req: { contestId: string; fileID: string };
    res: { size: number; added: number; removed: number; skipped: RosterSkip[] };
  };
}

export interface ExportSheetCount {
  name: string;
  rows: number;
}

/** The figures the programme reports to its funders (seeds 000–004). */
export interface DashboardFigures {
  contestId?: string;
  contests: number;
  projects: number;
  /** Sessions planned by the projects (sum of planned[].sessions). */
  plannedSessions: number;
  /** Activities whose start has passed with at least one check-in. */
  activitiesHeld: number;
  /** 受益人次: check-ins of held activities, once per person per activity. */
  personTimes: number;
  /** Distinct people among those check-ins. */
  uniquePeople: number;
  /** Ledger votes still counted (voided ones left out). */
  votes: number;
  /** Distinct voters of those votes. */
  voters: number;
  /** Of those votes, the ballots staff recorded at a desk (vote.assisted). */
  assistedVotes: number;
  /** Each staff member's assisted ballots against the hourly limit (exact, from the ledger). */
  staff: StaffWorkload[];
  asOf: string;
}
