/**
 * Calls of the admin and organiser tools (typed through services/cloud): roles and invitations,
 * the dashboard, the export, the audit log, and contest administration.
 */
import type { ActivityApi, ActivityEditable } from '../../typings/activity';
import type { ContestApi } from '../../typings/contest';
import type { ContestPatch, ProjectPatch } from '../../typings/contest-admin';
import type { DashboardFigures } from '../../typings/report';
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

/** A role to take back: admin, or organiser of a project or of one activity. */
export interface RevocableRole {
  role: RoleName;
  projectId?: string;
  activityId?: string;
  label: string;
}

export function revokeRole(openid: string, what: RevocableRole): Promise<RoleApi['revoke']['res']> {
  const { role, projectId, activityId } = what;
  return callCloud('role', 'revoke', { openid, role, ...(projectId ? { projectId } : {}), ...(activityId ? { activityId } : {}) }, { loading: '正在收回' });
}

export function acceptInvite(code: string): Promise<RoleApi['accept']['res']> {
  return callCloud('role', 'accept', { code }, { loading: '正在确认' });
}

export function listRoles(options: CallOptions = quiet): Promise<RoleApi['list']['res']> {
  return callCloud('role', 'list', {}, options);
}

export function auditLog(offset: number, options: CallOptions = quiet): Promise<RoleApi['audit']['res']> {
  return callCloud('role', 'audit', { limit: 20, offset }, options);
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
  const filePath = await new Promise<string>((resolve, reject) => {
    wx.downloadFile({ url, success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new Error(`下载失败（${r.statusCode}）`))), fail: reject });
  });
  await wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}

/** An ISO time as the admin types it: `YYYY-MM-DD HH:mm` in Beijing time. */
export function toBeijingInput(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** `YYYY-MM-DD HH:mm` typed by an admin (Beijing time) → ISO with +08:00, or null. */
export function fromBeijingInput(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const pad = (s: string | undefined, d = '00') => (s ?? d).padStart(2, '0');
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${pad(m[5])}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
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
