/**
 * 我的活动: what I (and my family) signed up for — upcoming, waiting with my place, and past
 * ones with whether I checked in. One cloud call (activity.mine).
 */
import { loadInto, pageBehavior, reloadOnShowBehavior } from '../../behaviors/page';
import { myActivities } from '../../services/activity';
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
  // Reloads on show: back from an activity where I may have cancelled.
  behaviors: [pageBehavior, reloadOnShowBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { items } = await myActivities({ loading: false, toast: false });
        const now = Date.now();
        const rows = (bucket: string) => items.filter((i) => i.bucket === bucket).map((i) => toMineRow(i, now));
        this.setData({ state: items.length ? 'ready' : 'empty', upcoming: rows('upcoming'), waitlisted: rows('waitlisted'), past: rows('past') });
      });
    },
    onOpen(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { activityId?: string }>) {
      const activityId = e.currentTarget.dataset.activityId;
      if (activityId) openPage(ROUTES.activity, { activityId });
    },
    /** 签到码: the personal code the organizer scans at the door (核验). */
    onCode(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { activityId?: string; signupId?: string; title?: string }>) {
      const { activityId, signupId, title } = e.currentTarget.dataset;
      if (activityId) openPage(ROUTES.checkinCode, { activityId, signupId: signupId ?? '', title: title ?? '' });
    },
    onBrowse() {
      openPage(ROUTES.activities);
    },
  },
});
