/**
 * Reports derived from the ledgers. One line per action: the action's schema and the common/
 * function that computes it (report.export belongs to the admin tools and plugs in the same way).
 */
import { z } from 'zod';
import { action, createFunction } from '../common/handler';
import { AppError } from '../common/errors';
import { requireAdmin } from '../common/roles';
import { projectReport } from '../common/report/project';

const id = z.string().min(1).max(128);

export const main = createFunction('report', {
  project: action(z.object({ projectId: id }), (p, ctx) => projectReport(ctx, p.projectId)),
  // Placeholder until the admin tools' workbook export lands here (replace this line).
  export: action(z.object({ contestId: id }), async (_p, ctx) => {
    await requireAdmin(ctx);
    throw new AppError('NOT_FOUND', '导出功能即将上线');
  }),
});
