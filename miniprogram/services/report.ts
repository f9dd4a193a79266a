/** Calls of the report function: the dashboard, a project's report, the workbook, the 成果册 and its PDF. */
import type { DashboardFigures, ReportApi } from '../../typings/report';
import { callCloud, type CallOptions } from './cloud';

const quiet: CallOptions = { loading: false, toast: false };

export function dashboard(contestId?: string, options: CallOptions = quiet): Promise<DashboardFigures> {
  return callCloud('report', 'dashboard', contestId ? { contestId } : {}, options);
}

/**
 * Makes the workbook, downloads it through the short-lived link the function hands out (the
 * file itself is not readable by clients) and opens it in WeChat's document viewer.
 */
export async function exportAndOpen(contestId: string): Promise<void> {
  const { url } = await callCloud('report', 'export', { contestId }, { loading: '正在生成表格' });
  await downloadAndOpen(url, 'xlsx');
}

/** The 成果册 as an A4 PDF, opened in WeChat's document viewer (a page per project and a summary). */
export async function programmePdfAndOpen(contestId: string): Promise<void> {
  const { url } = await callCloud('report', 'programmePdf', { contestId }, { loading: '正在生成成果册' });
  await downloadAndOpen(url, 'pdf');
}

/** Admin: the 成果册's figures, per project and in total. */
export function programmeReport(contestId: string, options: CallOptions = quiet): Promise<ReportApi['programme']['res']> {
  return callCloud('report', 'programme', { contestId }, options);
}

async function downloadAndOpen(url: string, fileType: 'xlsx' | 'pdf'): Promise<void> {
  const filePath = await new Promise<string>((resolve, reject) => {
    wx.downloadFile({ url, success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new Error(`下载失败（${r.statusCode}）`))), fail: reject });
  });
  await wx.openDocument({ filePath, fileType, showMenu: true });
}

export function projectReport(projectId: string, options: CallOptions = {}): Promise<ReportApi['project']['res']> {
  return callCloud('report', 'project', { projectId }, options);
}

/** Admin: the contest's resident roster from an uploaded .xlsx (姓名, 手机号); only phone hashes are kept. */
export function importRoster(contestId: string, fileID: string): Promise<ReportApi['importRoster']['res']> {
  return callCloud('report', 'importRoster', { contestId, fileID }, { loading: '正在导入名单' });
}

/** The project's organizer (or an admin): the figures entered so far and their review. */
export function projectOutcomes(projectId: string, options: CallOptions = quiet): Promise<ReportApi['outcomes']['res']> {
  return callCloud('report', 'outcomes', { projectId }, options);
}

/** The project's organizer: the figures only they know, sent to the admin for review. */
export function submitOutcomes(req: ReportApi['setOutcomes']['req']): Promise<ReportApi['setOutcomes']['res']> {
  return callCloud('report', 'setOutcomes', req, { loading: '正在提交' });
}

/** Admin: approve an organizer's figures, or send them back with a note. */
export function reviewOutcomes(projectId: string, approve: boolean, note?: string): Promise<ReportApi['reviewOutcomes']['res']> {
  return callCloud('report', 'reviewOutcomes', { projectId, approve, ...(note ? { note } : {}) }, { loading: '正在保存' });
}
