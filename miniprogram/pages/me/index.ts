/**
 * 我的: my votes and activities, check-in, help, the 长辈模式 switch, and — for organizers and
 * administrators only (role.me, after the page shows) — the staff entries. The functions
 * check who may use them in any case.
 */
import { pageBehavior } from '../../behaviors/page';
import { hasElderChoice, setElderMode } from '../../utils/elder';
import { ROUTES, openPage, type Route } from '../../utils/nav';
import { myRoles } from '../../services/role';
import type { ContestScope } from '../../../typings/role';

type LinkName = 'myVotes' | 'myActivities' | 'checkin' | 'help' | 'organizer' | 'admin' | 'acceptInvite' | 'myProjects';

Component({
  behaviors: [pageBehavior],
  data: { followsSystem: false, isAdmin: false, isOrganizer: false, staffOf: [] as ContestScope[], judgeOf: [] as ContestScope[] },
  methods: {
    onShow() {
      this.setData({ followsSystem: !hasElderChoice() && this.data.elder });
      void this.loadRoles();
    },
    /** The staff entries stay hidden unless the server says this person has a role. */
    async loadRoles(): Promise<void> {
      try {
        const me = await myRoles();
        this.setData({ isAdmin: me.isAdmin, isOrganizer: me.roles.includes('organizer'), staffOf: me.staffOf ?? [], judgeOf: me.judgeOf ?? [] });
      } catch {
        this.setData({ isAdmin: false, isOrganizer: false, staffOf: [], judgeOf: [] });
      }
    },
    onElderChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const on = Boolean(e.detail.value);
      setElderMode(on);
      this.setData({ followsSystem: false });
      wx.showToast({ title: on ? '已开启长辈模式，字更大了' : '已关闭长辈模式', icon: 'none' });
    },
    onLink(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { to: LinkName }>) {
      const route: Route = ROUTES[e.currentTarget.dataset.to];
      openPage(route);
    },
    /** 线下投票登记 or 评审打分 for one contest (data-to names which). */
    onContestWork(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { to: 'staffDesk' | 'judge'; contestId: string }>) {
      const { to, contestId } = e.currentTarget.dataset;
      openPage(ROUTES[to], { contestId });
    },
  },
});
