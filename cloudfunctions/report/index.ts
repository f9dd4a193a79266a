/**
 * Reports derived from the ledgers. One line per action: the action's schema and the common/
 * function that computes it (report.export belongs to the admin tools and plugs in the same way).
 */
import { z } from 'zod';
import { action, createFunction } from '../common/handler';
import { projectReport } from '../common/report/project';
import { exportWorkbook } from '../common/report/workbook';
import { dashboard } from '../common/report/dashboard';

const id = z.string().min(1).max(128);

export const main = createFunction('report', {
  project: action(z.object({ projectId: id }), (p, ctx) => projectReport(ctx, p.projectId)),
  export: action(z.object({ contestId: id }), (p, ctx) => exportWorkbook(ctx, p.contestId)),
  dashboard: action(z.object({ contestId: id.optional() }), (p, ctx) => dashboard(ctx, p.contestId)),
});
