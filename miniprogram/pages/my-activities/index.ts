/**
 * 我的活动: what I (and my family) signed up for — upcoming, waiting with my place, and past
 * ones with whether I checked in. One cloud call (activity.mine).
 */
import { pageBehavior } from '../../behaviors/page';
import { myActivities } from '../../services/activity';
import { isCloudError } from '../../services/cloud';
import { toMineRow, type MineRow } from '../../utils/activity-view';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface MineData {
  state: ViewState;
  errorText: string;
  upcoming: MineRow[];
  waitlisted: MineRow[];
  past: MineRow[];
}

const initial: MineData = { state: 'loading', errorText: '', upcoming: [], waitlisted: [], past: [] };

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      if (this.data.state === 'ready') void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      if (this.data.state !== 'ready') this.setData({ state: 'loading' });
      try {
        const { items } = await myActivities({ loading: false, toast: false });
        const now = Date.now();
        const rows = (bucket: string) => items.filter((i) => i.bucket === bucket).map((i) => toMineRow(i, now));
        this.setData({ state: items.length ? 'ready' : 'empty', upcoming: rows('upcoming'), waitlisted: rows('waitlisted'), past: rows('past') });
      } catch (e) {
        this.setData({ state: 'error', errorText: isCloudError(e) ? e.message : '加载失败了' });
      }
    },
    onRetry() {
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { activityId?: string }>) {
      const activityId = e.currentTarget.dataset.activityId;
      if (activityId) openPage(ROUTES.activity, { activityId });
    },
    /** 签到码: the personal code the organiser scans at the door (核验). */
    onCode(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { activityId?: string; signupId?: string; title?: string }>) {
      const { activityId, signupId, title } = e.currentTarget.dataset;
      if (activityId) openPage(ROUTES.checkinCode, { activityId, signupId: signupId ?? '', title: title ?? '' });
    },
    onBrowse() {
      openPage(ROUTES.activities);
    },
  },
});
