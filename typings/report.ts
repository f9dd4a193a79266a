export interface ReportRow {
  type: string;
  plannedSessions: number;
  heldSessions: number;
  personTimes: number;
}

export interface ReportApi {
  project: {
    req: { projectId: string };
    res: { rows: ReportRow[]; totals: { plannedSessions: number; heldSessions: number; personTimes: number; uniquePeople: number } };
  };
  export: { req: { contestId: string }; res: { fileID: string } };
}
