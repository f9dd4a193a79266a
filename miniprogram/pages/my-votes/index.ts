/**
 * 我的投票: every vote I cast in a contest, newest first, with its receipt code (to find it in the
 * published audit file) and whether it was voided. Loads the list and the project titles together.
 */
import { pageBehavior } from '../../behaviors/page';
import { getContestPage, myVotes } from '../../services/vote';
import { isCloudError } from '../../services/cloud';
import { toMyVotes, type MyVoteView } from '../../utils/vote-view';
import type { ViewState } from '../../components/state-view/index';

interface MyVotesData {
  state: ViewState;
  errorText: string;
  contestId: string;
  title: string;
  items: MyVoteView[];
}

const initial: MyVotesData = { state: 'loading', errorText: '', contestId: '', title: '', items: [] };

Component({
  behaviors: [pageBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ contestId: query.contestId ?? '' });
      if (!this.data.contestId) {
        this.setData({ state: 'error', errorText: '没有找到这个评选' });
        return;
      }
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      if (this.data.state !== 'ready') this.setData({ state: 'loading' });
      try {
        const options = { loading: false as const, toast: false };
        const [mine, page] = await Promise.all([myVotes(this.data.contestId, options), getContestPage({ contestId: this.data.contestId }, options)]);
        const titles: Record<string, string> = {};
        for (const p of page.projects) titles[p.projectId] = p.title;
        this.setData({ title: page.contest.title, items: toMyVotes(mine.items, titles), state: mine.items.length ? 'ready' : 'empty' });
      } catch (e) {
        this.setData({ state: 'error', errorText: isCloudError(e) ? e.message : '加载失败了' });
      }
    },
    onRetry() {
      void this.load();
    },
    onCopyReceipt(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { receipt?: string }>) {
      const receipt = e.currentTarget.dataset.receipt;
      if (receipt) wx.setClipboardData({ data: receipt });
    },
  },
});
