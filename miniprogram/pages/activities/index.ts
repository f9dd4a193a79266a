/**
 * 活动: upcoming activities first (soonest on top), then past ones. One cloud call (activity.list).
 */
import { pageBehavior } from '../../behaviors/page';
import { listActivities } from '../../services/activity';
import { isCloudError } from '../../services/cloud';
import { toActivityCard, type ActivityCardView } from '../../utils/cards';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface ActivitiesData {
  state: ViewState;
  errorText: string;
  upcoming: ActivityCardView[];
  past: ActivityCardView[];
}

const initial: ActivitiesData = { state: 'loading', errorText: '', upcoming: [], past: [] };

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      if (this.data.state !== 'ready') this.setData({ state: 'loading' });
      try {
        const { items } = await listActivities({}, { loading: false, toast: false });
        const now = Date.now();
        const sorted = items.slice().sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
        const cards = sorted.map((a) => toActivityCard(a, now));
        const upcoming = cards.filter((c) => !c.past);
        const past = cards.filter((c) => c.past).reverse();
        this.setData({ state: cards.length ? 'ready' : 'empty', upcoming, past });
      } catch (e) {
        this.setData({ state: 'error', errorText: isCloudError(e) ? e.message : '加载失败了' });
      }
    },
    onRetry() {
      void this.load();
    },
    onOpenActivity(e: WechatMiniprogram.CustomEvent<{ activityId: string }>) {
      openPage(ROUTES.activity, { activityId: e.detail.activityId });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const next = this.data.upcoming[0];
      return {
        title: next ? `社区活动：${next.title}，一起来参加吧` : '家门口社区活动，欢迎报名参加',
        path: ROUTES.activities,
      };
    },
  },
});
