/**
 * 权限与邀请 (admin): who has which role, open invitations, and new invitations — a code to
 * read out and a mini-program code to scan, so nobody types an OPENID. Opened with projectId
 * (from 评选管理) it invites an organiser of that project.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { inviteRole, listRoles, revokeRole, type RevocableRole } from '../../../services/admin';
import { formatDateTime } from '../../../utils/time';
import type { ViewState } from '../../../components/state-view/index';
import type { RoleHolder, RoleInvitation } from '../../../../typings/role';

interface HolderRow {
  openid: string;
  /** Short form for the screen; the full OPENID stays in `openid`. */
  shortId: string;
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

/** OPENIDs are long and meaningless to people: show the tail only. */
function shortId(openid: string): string {
  return openid.length > 10 ? `…${openid.slice(-6)}` : openid;
}

export function holderRows(items: RoleHolder[]): HolderRow[] {
  return items.map((h) => ({
    openid: h.openid,
    shortId: shortId(h.openid),
    roles: h.roles.map((r) => (r === 'admin' ? (h.fromEnv ? '管理员（部署配置）' : '管理员') : '组织者')).join('、'),
    projects: [...h.organizerOf.map((p) => p.title || p.projectId), ...h.organizerOfActivities.map((a) => `活动「${a.title || a.activityId}」`)].join('、'),
    revocable: [
      ...(h.roles.includes('admin') && !h.fromEnv ? [{ role: 'admin' as const, label: '收回管理员' }] : []),
      ...h.organizerOf.map((p) => ({ role: 'organizer' as const, projectId: p.projectId, label: `收回「${p.title || p.projectId}」组织者` })),
      ...h.organizerOfActivities.map((a) => ({ role: 'organizer' as const, activityId: a.activityId, label: `收回活动「${a.title || a.activityId}」组织者` })),
    ],
  }));
}

export function inviteView(inv: Omit<RoleInvitation, 'qrBase64'> & { qrBase64?: string }): InviteView {
  return {
    code: `${inv.code.slice(0, 4)} ${inv.code.slice(4)}`,
    roleText: inv.role === 'admin' ? '管理员' : '项目组织者',
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
        content: `对方（${holder.shortId}）将不能再使用这项权限。`,
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
