/**
 * Reports derived from the ledgers. One line per action: the action's schema and the common/
 * function that computes it.
 */
import { action, createFunction } from '../common/handler';
import { projectReport } from '../common/report/project';
import { exportWorkbook } from '../common/report/workbook';
import { dashboard } from '../common/report/dashboard';
import { programmeReport } from '../common/report/programme';
import { getOutcomes, reviewOutcomes, setOutcomes } from '../common/report/outcomes';
import { programmePdf } from '../common/report/pdf';
import { importRoster } from '../common/voters/roster-import';
import * as s from './schemas';

export const main = createFunction('report', {
  project: action(s.byProject, (p, ctx) => projectReport(ctx, p.projectId)),
  export: action(s.byContest, (p, ctx) => exportWorkbook(ctx, p.contestId)),
  dashboard: action(s.dashboard, (p, ctx) => dashboard(ctx, p.contestId)),
  programme: action(s.byContest, (p, ctx) => programmeReport(ctx, p.contestId)),
  programmePdf: action(s.byContest, (p, ctx) => programmePdf(ctx, p.contestId)),
  setOutcomes: action(s.setOutcomes, (p, ctx) => setOutcomes(ctx, p)),
  outcomes: action(s.byProject, (p, ctx) => getOutcomes(ctx, p.projectId)),
  reviewOutcomes: action(s.reviewOutcomes, (p, ctx) => reviewOutcomes(ctx, p)),
  /** Reads a spreadsheet like export writes one (exceljs is bundled here only). */
  importRoster: action(s.importRoster, (p, ctx) => importRoster(ctx, p)),
});
