/**
 * 管理后台 (subpackage): every contest with its state, opening its detail. One cloud call
 * (contest.list); the functions refuse administrative actions to non-admins.
 */
import { pageBehavior } from '../../../behaviors/page';
import { listContests } from '../../../services/contest';
import { isCloudError } from '../../../services/cloud';
import { toContestCard, type ContestCardView } from '../../../utils/cards';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';

interface AdminData {
  state: ViewState;
  errorText: string;
  items: ContestCardView[];
}

const initial: AdminData = { state: 'loading', errorText: '', items: [] };

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
        const { items } = await listContests({ loading: false, toast: false });
        this.setData({ state: items.length ? 'ready' : 'empty', items: items.map((c) => toContestCard(c)) });
      } catch (e) {
        this.setData({ state: 'error', errorText: isCloudError(e) ? e.message : '加载失败了' });
      }
    },
    onRetry() {
      void this.load();
    },
    onOpenContest(e: WechatMiniprogram.CustomEvent<{ contestId: string }>) {
      openPage(ROUTES.contest, { contestId: e.detail.contestId });
    },
  },
});
