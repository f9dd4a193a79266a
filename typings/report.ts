import type { IsoTime } from './envelope';
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
  /** Residents' ratings of the project's activities (居民评价). */
  satisfaction: Satisfaction;
}

/** Residents' ratings: the mean of the stars (one decimal; null while nobody rated) and how many. */
export interface Satisfaction {
  average: number | null;
  count: number;
}

/** 宣传: pieces published (articles, videos) and the views they drew. */
export interface Publicity {
  pieces: number;
  views: number;
}

/** The figures only organizers know, entered per project (report.setOutcomes). */
export interface OutcomesInput {
  /** Resources leveraged (撬动社会资源), yuan. */
  resourcesYuan?: number;
  /** 微事件 solved. */
  eventsSolved?: number;
  publicity?: Publicity;
}

/** pending: entered, waiting for the admin; approved; returned: sent back (left out of the totals). */
export type OutcomesStatus = 'none' | 'pending' | 'approved' | 'returned';

export interface ProjectOutcomes {
  projectId: string;
  title: string;
  status: OutcomesStatus;
  resourcesYuan: number;
  eventsSolved: number;
  publicity: Publicity;
  /** The admin's note when the figures were sent back. */
  note?: string;
  submittedAt?: IsoTime;
  reviewedAt?: IsoTime;
}

/** The figures of the 成果册, per project and in total (API.md report.programme). */
export interface ProgrammeFigures {
  plannedSessions: number;
  heldSessions: number;
  personTimes: number;
  uniquePeople: number;
  volunteerHours: number;
  satisfaction: Satisfaction;
  resourcesYuan: number;
  eventsSolved: number;
  publicity: Publicity;
}

export interface ProgrammeProject extends ProgrammeFigures {
  projectId: string;
  title: string;
  team: string;
  community?: string;
  /** Counted ledger votes and the rank they give (ties share it). */
  votes: number;
  rank: number;
  winner?: boolean;
  /** Review state of the organizer's figures (returned figures count as 0). */
  outcomes: OutcomesStatus;
  coverImage?: string;
}

export interface ProgrammeReport {
  contestId: string;
  title: string;
  /**
   * Sums of the projects' figures, except uniquePeople (distinct people over the whole
   * programme, so at most the sum) and satisfaction (over all ratings).
   */
  totals: ProgrammeFigures & { projects: number; votes: number };
  projects: ProgrammeProject[];
  asOf: IsoTime;
}

export interface ReportApi {
  project: {
    req: { projectId: string };
    res: ProjectReport;
  };
  /**
   * Admin: the contest's workbook (.xlsx). `url` is a short-lived download link (storage is not
   * client-readable: names and phones); `fileID` names the stored file (locally, a path under
   * the data dir); `fileName` is what people see, carrying the programme's title and the day
   * (e.g. …_2026-03-06.xlsx). Rows written per sheet.
   */
  export: { req: { contestId: string }; res: { url: string; fileID: string; fileName?: string; sheets?: ExportSheetCount[] } };
  /** Admin: the programme's figures in one call (a contest's projects only, when given). */
  dashboard: { req: { contestId?: string }; res: DashboardFigures };
  /** Admin: the 成果册 — every project's figures and the programme's totals. */
  programme: { req: { contestId: string }; res: ProgrammeReport };
  /** The project's organizer: the figures only they know; the admin reviews them (reviewOutcomes). */
  setOutcomes: { req: { projectId: string } & OutcomesInput; res: { projectId: string; status: OutcomesStatus } };
  /** The project's organizer or an admin: the figures entered so far (for the form). */
  outcomes: { req: { projectId: string }; res: ProjectOutcomes };
  /** Admin: approve the entered figures, or send them back with a note. */
  reviewOutcomes: { req: { projectId: string; approve: boolean; note?: string }; res: { projectId: string; status: OutcomesStatus } };
  /** Admin: the A4 成果册 PDF (a page per project and a summary), as a short-lived link. */
  programmePdf: { req: { contestId: string }; res: { url: string; pages: number; expiresAt: IsoTime } };
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
