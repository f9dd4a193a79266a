import type { IsoTime } from './envelope';

/**
 * admin: everything; organizer: a project or one activity; staff: records assisted ballots
 * (vote.assisted) for a contest; judge: scores a contest's projects (contest.score).
 */
export type RoleName = 'admin' | 'organizer' | 'staff' | 'judge';

/** A contest a staff member or judge is granted, with its title. */
export interface ContestScope {
  contestId: string;
  title?: string;
}

/** An invitation to take a role: a short code and a mini-program code (QR) that carries it. */
export interface RoleInvitation {
  code: string;
  role: RoleName;
  projectId?: string;
  /** Staff and judges: the contest. */
  contestId?: string;
  /** The invitee's name as the admin gave it (staff and judges are shown by it). */
  name?: string;
  expiresAt: IsoTime;
  /** Page and scene the mini-program code opens (the scene is `inv=<code>`). */
  page: string;
  scene: string;
  /** The mini-program code as a PNG, base64 (absent when the code could not be made). */
  qrBase64?: string;
}

/** A person with a role, for the admin's list. */
export interface RoleHolder {
  openid: string;
  roles: RoleName[];
  /** Admin by the deployment's ADMIN_OPENIDS (cannot be revoked in the app). */
  fromEnv: boolean;
  organizerOf: { projectId: string; title?: string }[];
  /** Single activities this person organises. */
  organizerOfActivities: { activityId: string; title?: string }[];
  /** Contests this person records assisted ballots for / judges. */
  staffOf: ContestScope[];
  judgeOf: ContestScope[];
  /** The name the admin gave a staff member or judge. */
  name?: string;
}

export interface RoleChangeRequest {
  openid: string;
  role: RoleName;
  projectId?: string;
  activityId?: string;
  contestId?: string;
  name?: string;
}

/** One audit log entry: who did what to what, when. */
export interface AuditItem {
  id: string;
  actor: string;
  /** `<domain>.<verb>`, e.g. contest.create, vote.void, role.grant, report.export. */
  action: string;
  target: string;
  detail?: Record<string, unknown>;
  at: IsoTime;
}

export interface RoleApi {
  /**
   * An organiser is granted a project (`projectId`) or one activity (`activityId`); staff and
   * judges a contest (`contestId`), optionally with the `name` they are shown by.
   */
  grant: { req: RoleChangeRequest; res: { openid: string; roles: RoleName[] } };
  revoke: { req: RoleChangeRequest; res: { openid: string; roles: RoleName[] } };
  /** Admin: an invitation (single use, expiring) so nobody has to type an OPENID. */
  invite: { req: { role: RoleName; projectId?: string; contestId?: string; name?: string; ttlHours?: number; qr?: boolean }; res: RoleInvitation };
  /** The invitee takes the role with the code (scanned or typed). */
  accept: { req: { code: string }; res: { role: RoleName; projectId?: string; contestId?: string; roles: RoleName[] } };
  /** The caller's own roles (decides whether 我的 shows 管理). */
  me: {
    req: Record<string, never>;
    res: {
      roles: RoleName[];
      isAdmin: boolean;
      organizerOf: string[];
      projects?: { projectId: string; title: string }[];
      /** Single activities I organise (granted per activity). */
      activities?: { activityId: string; title: string }[];
      /** Contests I record assisted ballots for (the staff desk) / judge. */
      staffOf?: ContestScope[];
      judgeOf?: ContestScope[];
    };
  };
  /** Admin: everyone with a role, and open invitations. */
  list: {
    req: Record<string, never>;
    res: { items: RoleHolder[]; invitations: Omit<RoleInvitation, 'qrBase64'>[] };
  };
  /** Admin: the audit log, newest first. */
  audit: {
    /** `type` filters by action (the name `action` is the envelope's). */
    req: { limit?: number; offset?: number; type?: string; target?: string };
    res: { items: AuditItem[]; next: number | null };
  };
}
