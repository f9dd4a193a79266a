/**
 * Calls of the admin and organiser tools (typed through services/cloud): roles and invitations,
 * the dashboard, the export, the audit log, and contest administration.
 */
import type { ActivityApi, ActivityEditable } from '../../typings/activity';
import type { ContestApi } from '../../typings/contest';
import type { ContestPatch, ProjectPatch } from '../../typings/contest-admin';
import type { DashboardFigures, ReportApi } from '../../typings/report';
import type { RoleApi, RoleName } from '../../typings/role';
import type { VoteApi } from '../../typings/vote';
import { callCloud, type CallOptions } from './cloud';

const quiet: CallOptions = { loading: false, toast: false };

export function myRoles(options: CallOptions = quiet): Promise<RoleApi['me']['res']> {
  return callCloud('role', 'me', {}, options);
}

export function inviteRole(role: RoleName, projectId?: string): Promise<RoleApi['invite']['res']> {
  return callCloud('role', 'invite', projectId ? { role, projectId } : { role }, { loading: '正在生成邀请' });
}

/** A role to take back: admin, organiser of a project or of one activity, staff or judge of a contest. */
export interface RevocableRole {
  role: RoleName;
  projectId?: string;
  activityId?: string;
  contestId?: string;
  label: string;
}

export function revokeRole(openid: string, what: RevocableRole): Promise<RoleApi['revoke']['res']> {
  const { role, projectId, activityId, contestId } = what;
  const scope = { ...(projectId ? { projectId } : {}), ...(activityId ? { activityId } : {}), ...(contestId ? { contestId } : {}) };
  return callCloud('role', 'revoke', { openid, role, ...scope }, { loading: '正在收回' });
}

export function acceptInvite(code: string): Promise<RoleApi['accept']['res']> {
  return callCloud('role', 'accept', { code }, { loading: '正在确认' });
}

export function listRoles(options: CallOptions = quiet): Promise<RoleApi['list']['res']> {
  return callCloud('role', 'list', {}, options);
}

/** The audit log's filters, as the pickers chose them ('' = all). */
export interface AuditFilters {
  type: string;
  actor: string;
  contestId: string;
}

export function auditLog(offset: number, filters: AuditFilters, options: CallOptions = quiet): Promise<RoleApi['audit']['res']> {
  const chosen = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  return callCloud('role', 'audit', { limit: 20, offset, ...chosen }, options);
}

export function dashboard(contestId?: string, options: CallOptions = quiet): Promise<DashboardFigures> {
  return callCloud('report', 'dashboard', contestId ? { contestId } : {}, options);
}

export function contestDetail(contestId: string, options: CallOptions = quiet): Promise<ContestApi['get']['res']> {
  return callCloud('contest', 'get', { contestId }, options);
}

export function createContest(req: ContestApi['create']['req']): Promise<ContestApi['create']['res']> {
  return callCloud('contest', 'create', req, { loading: '正在保存' });
}

export function updateContest(contestId: string, patch: ContestPatch): Promise<{ contestId: string }> {
  return callCloud('contest', 'update', { contestId, patch }, { loading: '正在保存' });
}

export function setContestStatus(contestId: string, status: 'open' | 'frozen' | 'published'): Promise<ContestApi['setStatus']['res']> {
  return callCloud('contest', 'setStatus', { contestId, status }, { loading: '正在更新' });
}

export function addProject(req: ContestApi['addProject']['req']): Promise<{ projectId: string }> {
  return callCloud('contest', 'addProject', req, { loading: '正在保存' });
}

export function updateProject(projectId: string, patch: ProjectPatch): Promise<{ projectId: string }> {
  return callCloud('contest', 'updateProject', { projectId, patch }, { loading: '正在保存' });
}

export function reorderProjects(contestId: string, projectIds: string[]): Promise<{ projectIds: string[] }> {
  return callCloud('contest', 'reorderProjects', { contestId, projectIds }, { loading: '正在排序' });
}

export function voteFlags(contestId: string, options: CallOptions = quiet): Promise<VoteApi['flags']['res']> {
  return callCloud('vote', 'flags', { contestId }, options);
}

export function voidVotes(contestId: string, voteIds: string[], reason: string): Promise<VoteApi['void']['res']> {
  return callCloud('vote', 'void', { contestId, voteIds, reason }, { loading: '正在作废' });
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

/** Organiser: create, edit and cancel activities (activity function; the server checks the project's organiser). */
export function createActivity(req: ActivityApi['create']['req']): Promise<ActivityApi['create']['res']> {
  return callCloud('activity', 'create', req, { loading: '正在保存' });
}

export function updateActivity(activityId: string, patch: ActivityEditable): Promise<ActivityApi['update']['res']> {
  return callCloud('activity', 'update', { activityId, patch }, { loading: '正在保存' });
}

export function cancelActivity(activityId: string, reason: string): Promise<ActivityApi['cancelActivity']['res']> {
  return callCloud('activity', 'cancelActivity', { activityId, reason }, { loading: '正在取消' });
}
