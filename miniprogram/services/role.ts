/** Calls of the role function: who holds which role, invitations, names and the audit log. */
import type { RoleApi, RoleName } from '../../typings/role';
import { callCloud, type CallOptions } from './cloud';

const quiet: CallOptions = { loading: false, toast: false };

export function myRoles(options: CallOptions = quiet): Promise<RoleApi['me']['res']> {
  return callCloud('role', 'me', {}, options);
}

export function inviteRole(role: RoleName, projectId?: string): Promise<RoleApi['invite']['res']> {
  return callCloud('role', 'invite', projectId ? { role, projectId } : { role }, { loading: '正在生成邀请' });
}

/** A role to take back: admin, organizer of a project or of one activity, staff or judge of a contest. */
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
