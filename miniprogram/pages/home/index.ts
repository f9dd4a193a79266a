/**
 * 首页 / 投票: the programme's contests (the open one first, as a banner) and quick entries.
 * One cloud call (contest.list) before the page is usable.
 */
import { loadBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { listContests } from '../../services/contest';
import { toContestCard, type ContestCardView } from '../../utils/cards';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface HomeData {
  state: ViewState;
  errorText: string;
  featured: ContestCardView | null;
  others: ContestCardView[];
}

const initial: HomeData = { state: 'loading', errorText: '', featured: null, others: [] };

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad() {
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { items } = await listContests({ loading: false, toast: false });
        const cards = items.map((c) => toContestCard(c));
        const featuredIndex = cards.findIndex((c) => c.open);
        const featured = featuredIndex >= 0 ? cards[featuredIndex] : null;
        const others = cards.filter((_, i) => i !== featuredIndex);
        this.setData({ state: cards.length ? 'ready' : 'empty', featured, others });
      });
    },
    onOpenContest(e: WechatMiniprogram.CustomEvent<{ contestId: string }>) {
      openPage(ROUTES.contest, { contestId: e.detail.contestId });
    },
    onOpenActivities() {
      openPage(ROUTES.activities);
    },
    onScan() {
      openPage(ROUTES.checkin);
    },
    onOpenHelp() {
      openPage(ROUTES.help);
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const featured = this.data.featured;
      return {
        title: featured ? `${featured.title}，快来为身边的好项目投票` : '家门口：社区微项目投票与活动报名',
        path: ROUTES.home,
      };
    },
  },
});
