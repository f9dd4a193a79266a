/** The mini-program code of a project page, for the 拉票海报 (wxacode.getUnlimited, scene = project id). */
import type { ContestApi } from '../../../typings';
import type { CallContext } from '../handler';
import { getCloud } from '../platform/cloud';
import { AppError } from '../errors';
import { requireVisibleContest } from './visibility';
import { loadProject } from './store';

export const PROJECT_PAGE = 'pages/vote-project/index';

interface WxacodeResult {
  buffer?: Buffer | Uint8Array;
  contentType?: string;
  errCode?: number;
  errMsg?: string;
}

type GetUnlimited = (params: { scene: string; page: string; width: number; checkPath: boolean }) => Promise<WxacodeResult>;

export async function projectCode(ctx: CallContext, req: ContestApi['projectCode']['req']): Promise<ContestApi['projectCode']['res']> {
  const project = await loadProject(ctx.db, req.projectId);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  await requireVisibleContest(ctx, project.contestId);
  // scene ≤ 32 visible characters: project ids are short by construction.
  const scene = project._id.slice(0, 32);
  const wxacode = getCloud().openapi.wxacode as { getUnlimited: GetUnlimited };
  const res = await wxacode.getUnlimited({ scene, page: PROJECT_PAGE, width: req.width ?? 430, checkPath: false });
  if (!res.buffer || (res.errCode !== undefined && res.errCode !== 0)) throw new AppError('INTERNAL', '小程序码生成失败，请稍后再试');
  return { contentType: res.contentType ?? 'image/png', base64: Buffer.from(res.buffer).toString('base64'), scene, page: PROJECT_PAGE };
}
