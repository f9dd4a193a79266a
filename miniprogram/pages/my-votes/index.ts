/**
 * 我的投票: every vote I cast in a contest, newest first, with its receipt code (to find it in the
 * published audit file) and whether it was voided. Loads the list and the project titles together.
 */
import { contestPageBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { myVotes } from '../../services/vote';
import { getContestPage } from '../../services/contest';
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
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const options = { loading: false as const, toast: false };
        const [mine, page] = await Promise.all([myVotes(this.data.contestId, options), getContestPage({ contestId: this.data.contestId }, options)]);
        const titles: Record<string, string> = {};
        for (const p of page.projects) titles[p.projectId] = p.title;
        this.setData({ title: page.contest.title, items: toMyVotes(mine.items, titles), state: mine.items.length ? 'ready' : 'empty' });
      });
    },
    onCopyReceipt(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { receipt?: string }>) {
      const receipt = e.currentTarget.dataset.receipt;
      if (receipt) wx.setClipboardData({ data: receipt });
    },
  },
});
