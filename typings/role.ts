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
  /** Who it is meant for, as the admin wrote it (the invitee may correct it on accepting). */
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
  /** The person's name, given when the role was granted or the invitation accepted (or set later). */
  name?: string;
  roles: RoleName[];
  /** Admin by the deployment's ADMIN_OPENIDS (cannot be revoked in the app). */
  fromEnv: boolean;
  organizerOf: { projectId: string; title?: string }[];
  /** Single activities this person organizes. */
  organizerOfActivities: { activityId: string; title?: string }[];
  /** Contests this person records assisted ballots for / judges. */
  staffOf: ContestScope[];
  judgeOf: ContestScope[];
}

export interface RoleChangeRequest {
  openid: string;
  role: RoleName;
  projectId?: string;
  activityId?: string;
  contestId?: string;
  name?: string;
}

/** One changed field of an audit entry, as people read it: 获奖名额 5 → 6. */
export interface AuditChange {
  /** Stored field path, e.g. `settings.topN`. */
  field: string;
  /** Its Chinese name, e.g. 获奖名额. */
  label: string;
  /** Values as text ('' when there was none). */
  before: string;
  after: string;
}

/** One audit log entry: who did what to what, when — ids for links, words for people. */
export interface AuditItem {
  id: string;
  actor: string;
  /** The actor's name (from their role), or what acted: 系统, 微信内容安全; never an OPENID. */
  actorName: string;
  /** `<domain>.<verb>`, e.g. contest.create, vote.void, role.grant, report.export. */
  action: string;
  /** The action in Chinese, e.g. 修改评选设置. */
  actionLabel: string;
  target: string;
  /** What the target is (评选, 项目, 活动, 人员, 邀请码) and its title or name, when known. */
  targetKind?: string;
  targetTitle?: string;
  /** The contest the entry belongs to, when it belongs to one. */
  contestId?: string;
  /** Fields changed, before → after. */
  changes?: AuditChange[];
  /** Other facts in words, e.g. 原因：下雨；已通知 3 人. */
  note?: string;
  detail?: Record<string, unknown>;
  at: IsoTime;
}

/** A choice of the audit log's filters: a value to send back and what people read. */
export interface AuditFilterOption {
  value: string;
  label: string;
}

export interface RoleApi {
  /**
   * An organizer is granted a project (`projectId`) or one activity (`activityId`); staff and
   * judges a contest (`contestId`). `name`: the person's name, shown in the roles list and the audit log.
   */
  grant: { req: RoleChangeRequest; res: { openid: string; roles: RoleName[] } };
  revoke: { req: RoleChangeRequest; res: { openid: string; roles: RoleName[] } };
  /** Admin: an invitation (single use, expiring) so nobody has to type an OPENID. */
  invite: { req: { role: RoleName; projectId?: string; contestId?: string; name?: string; ttlHours?: number; qr?: boolean }; res: RoleInvitation };
  /** The invitee takes the role with the code (scanned or typed), giving their name. */
  accept: { req: { code: string; name?: string }; res: { role: RoleName; projectId?: string; contestId?: string; roles: RoleName[] } };
  /** The caller's own name, or (admin) someone else's: how the roles list and the audit log name them. */
  setName: { req: { openid?: string; name: string }; res: { openid: string; name: string } };
  /** The caller's own roles (decides whether 我的 shows 管理). */
  me: {
    req: Record<string, never>;
    res: {
      roles: RoleName[];
      isAdmin: boolean;
      /** The name others see in the roles list and the audit log. */
      name?: string;
      organizerOf: string[];
      projects?: { projectId: string; title: string }[];
      /** Single activities I organize (granted per activity). */
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
    /**
     * `type` filters by action (the name `action` is the envelope's), `actor` by who acted,
     * `contestId` by contest (entries about it, its projects and their activities).
     */
    req: { limit?: number; offset?: number; type?: string; target?: string; contestId?: string; actor?: string };
    /** `filters` (first page only): the choices of the filter pickers, in words. */
    res: {
      items: AuditItem[];
      next: number | null;
      filters?: { actions: AuditFilterOption[]; people: AuditFilterOption[]; contests: AuditFilterOption[] };
    };
  };
}
