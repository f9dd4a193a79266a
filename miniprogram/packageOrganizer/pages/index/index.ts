/**
 * 组织者工作台 (subpackage): the activities an organizer runs (of their projects, or granted
 * one by one), each opening its check-in screen. One cloud call (activity.list, managed).
 */
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { listActivities } from '../../../services/activity';
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
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { items } = await listActivities({ managed: true }, { loading: false, toast: false });
        const now = Date.now();
        const cards = items.map((a) => toActivityCard(a, now)).filter((c) => !c.past);
        this.setData({ state: cards.length ? 'ready' : 'empty', items: cards });
      });
    },
    onOpenActivity(e: WechatMiniprogram.CustomEvent<{ activityId: string }>) {
      openPage(ROUTES.checkinScreen, { activityId: e.detail.activityId });
    },
  },
});
