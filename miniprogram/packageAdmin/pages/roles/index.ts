/**
 * 权限与邀请 (admin): who has which role, open invitations, and new invitations — a code to
 * read out and a mini-program code to scan, so nobody types an OPENID. Opened with projectId
 * (from 评选管理) it invites an organizer of that project.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { inviteRole, listRoles, revokeRole, type RevocableRole } from '../../../services/role';
import { formatDateTime } from '../../../utils/time';
import type { ViewState } from '../../../components/state-view/index';
import type { RoleHolder, RoleInvitation, RoleName } from '../../../../typings/role';

interface HolderRow {
  openid: string;
  /** The person's name; one who never gave a name is 未登记姓名 (never an OPENID). */
  name: string;
  roles: string;
  projects: string;
  /** What an admin may take back here (not the deployment's admins). */
  revocable: RevocableRole[];
}

interface InviteView {
  code: string;
  roleText: string;
  expires: string;
  qr: string;
}

interface RolesData {
  state: ViewState;
  errorText: string;
  projectId: string;
  holders: HolderRow[];
  open: InviteView[];
  created: InviteView | null;
}

const initial: RolesData = { state: 'loading', errorText: '', projectId: '', holders: [], open: [], created: null };

const ROLE_TEXT: Record<RoleName, string> = { admin: '管理员', organizer: '组织者', staff: '工作人员', judge: '评委' };

/** A title as people read it; an untitled scope (deleted since) is said to be so, never its id. */
const titled = (title: string | undefined) => `「${title || '已删除'}」`;

export function holderRows(items: RoleHolder[]): HolderRow[] {
  return items.map((h) => ({
    openid: h.openid,
    name: h.name || '未登记姓名',
    roles: h.roles.map((r) => (r === 'admin' && h.fromEnv ? '管理员（部署配置）' : ROLE_TEXT[r])).join('、'),
    projects: [
      ...h.organizerOf.map((p) => `项目${titled(p.title)}`),
      ...h.organizerOfActivities.map((a) => `活动${titled(a.title)}`),
      ...(h.staffOf ?? []).map((c) => `评选${titled(c.title)}工作人员`),
      ...(h.judgeOf ?? []).map((c) => `评选${titled(c.title)}评委`),
    ].join('、'),
    revocable: [
      ...(h.roles.includes('admin') && !h.fromEnv ? [{ role: 'admin' as const, label: '收回管理员' }] : []),
      ...h.organizerOf.map((p) => ({ role: 'organizer' as const, projectId: p.projectId, label: `收回项目${titled(p.title)}组织者` })),
      ...h.organizerOfActivities.map((a) => ({ role: 'organizer' as const, activityId: a.activityId, label: `收回活动${titled(a.title)}组织者` })),
      ...(h.staffOf ?? []).map((c) => ({ role: 'staff' as const, contestId: c.contestId, label: `收回评选${titled(c.title)}工作人员` })),
      ...(h.judgeOf ?? []).map((c) => ({ role: 'judge' as const, contestId: c.contestId, label: `收回评选${titled(c.title)}评委` })),
    ],
  }));
}

export function inviteView(inv: Omit<RoleInvitation, 'qrBase64'> & { qrBase64?: string }): InviteView {
  return {
    code: `${inv.code.slice(0, 4)} ${inv.code.slice(4)}`,
    roleText: inv.role === 'organizer' ? '项目组织者' : ROLE_TEXT[inv.role],
    expires: formatDateTime(inv.expiresAt),
    qr: inv.qrBase64 ? `data:image/png;base64,${inv.qrBase64}` : '',
  };
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ projectId: query.projectId ?? '' });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const { items, invitations } = await listRoles();
          this.setData({ state: 'ready', holders: holderRows(items), open: invitations.map(inviteView) });
        },
        { spinner: false },
      );
    },
    async onInviteOrganizer(): Promise<void> {
      await this.invite('organizer');
    },
    async onInviteAdmin(): Promise<void> {
      await this.invite('admin');
    },
    async invite(role: 'admin' | 'organizer'): Promise<void> {
      try {
        const inv = await inviteRole(role, role === 'organizer' ? this.data.projectId : undefined);
        this.setData({ created: inviteView(inv) });
        void this.load();
      } catch {
        // callCloud told why.
      }
    },
    onRevoke(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { holder: number; item: number }>) {
      const holder = this.data.holders[e.currentTarget.dataset.holder];
      const what = holder?.revocable[e.currentTarget.dataset.item];
      if (!holder || !what) return;
      wx.showModal({
        title: what.label,
        content: `${holder.name}将不能再使用这项权限，其他权限不受影响。`,
        confirmText: '收回',
        success: (r) => {
          if (!r.confirm) return;
          revokeRole(holder.openid, what).then(
            () => this.load(),
            () => undefined,
          );
        },
      });
    },
    onCopyCode() {
      const code = this.data.created?.code.replace(' ', '') ?? '';
      if (code) wx.setClipboardData({ data: code });
    },
  },
});
