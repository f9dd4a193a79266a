/**
 * 组织者工作台 (subpackage): the activities an organiser runs, each opening its check-in screen.
 * One cloud call (activity.list); the functions decide what an organiser may do.
 */
import { pageBehavior } from '../../../behaviors/page';
import { listActivities } from '../../../services/activity';
import { isCloudError } from '../../../services/cloud';
import { toActivityCard, type ActivityCardView } from '../../../utils/cards';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';

interface OrganizerData {
  state: ViewState;
  errorText: string;
  items: ActivityCardView[];
}

const initial: OrganizerData = { state: 'loading', errorText: '', items: [] };

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    async load(): Promise<void> {
      this.setData({ state: 'loading' });
      try {
        const { items } = await listActivities({}, { loading: false, toast: false });
        const now = Date.now();
        const cards = items.map((a) => toActivityCard(a, now)).filter((c) => !c.past);
        this.setData({ state: cards.length ? 'ready' : 'empty', items: cards });
      } catch (e) {
        this.setData({ state: 'error', errorText: isCloudError(e) ? e.message : '加载失败了' });
      }
    },
    onRetry() {
      void this.load();
    },
    onOpenActivity(e: WechatMiniprogram.CustomEvent<{ activityId: string }>) {
      openPage(ROUTES.checkinScreen, { activityId: e.detail.activityId });
    },
  },
});
