/**
 * 报名名单 (organizers): who signed up, phones masked, confirmed / under review / waitlist in
 * order, who has checked in; pending sign-ups are approved or rejected here. One cloud call.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { approveSignup, rejectSignup, rosterOf } from '../../../services/activity';
import { manualCheckin } from '../../../services/checkin';
import { toRosterRow, type RosterRow } from '../../../utils/activity-view';
import type { ViewState } from '../../../components/state-view/index';

interface RosterData {
  state: ViewState;
  errorText: string;
  activityId: string;
  rows: RosterRow[];
  summary: string;
}

const initial: RosterData = { state: 'loading', errorText: '', activityId: '', rows: [], summary: '' };

type RowTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { signupId?: string; name?: string }>;

function summaryOf(rows: RosterRow[]): string {
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const checked = rows.filter((r) => r.checkedIn).length;
  const parts = [`已报名 ${count('confirmed')} 人`, `已签到 ${checked} 人`];
  if (count('waitlisted')) parts.push(`候补 ${count('waitlisted')} 人`);
  if (count('pending')) parts.push(`待审核 ${count('pending')} 人`);
  return parts.join(' · ');
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { items } = await rosterOf(this.data.activityId, { loading: false, toast: false });
        const rows = items.map(toRosterRow);
        this.setData({ state: rows.length ? 'ready' : 'empty', rows, summary: summaryOf(rows) });
      });
    },
    async onApprove(e: RowTap) {
      const id = e.currentTarget.dataset.signupId;
      if (!id) return;
      try {
        const res = await approveSignup(this.data.activityId, id);
        wx.showToast({ title: res.status === 'confirmed' ? '已通过' : `已通过，候补第 ${res.position ?? ''} 位`, icon: 'none' });
        await this.load();
      } catch {
        // callCloud showed why.
      }
    },
    /** 手动签到: for residents without a phone, or someone signed up by a family member. */
    async onManualCheckin(e: RowTap) {
      const { signupId, name } = e.currentTarget.dataset;
      if (!signupId) return;
      const ok = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '确认签到？',
          content: `为 ${name ?? ''} 登记签到。`,
          confirmText: '签到',
          success: (r) => resolve(r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!ok) return;
      try {
        await manualCheckin(this.data.activityId, signupId);
        wx.showToast({ title: `${name ?? ''} 已签到`, icon: 'success' });
        await this.load();
      } catch {
        // callCloud showed why.
      }
    },
    async onReject(e: RowTap) {
      const { signupId, name } = e.currentTarget.dataset;
      if (!signupId) return;
      const ok = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '不通过这条报名？',
          content: `${name ?? ''} 的报名将不被接受。`,
          confirmText: '不通过',
          success: (r) => resolve(r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!ok) return;
      try {
        await rejectSignup(this.data.activityId, signupId);
        await this.load();
      } catch {
        // callCloud showed why.
      }
    },
  },
});
