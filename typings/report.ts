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
  export: { req: { contestId: string }; res: { fileID: string } };
}
