/**
 * 排行榜: live ranks (ties share a rank), hidden during a blind finish, winners after publication.
 * One call; a published contest with judges' scores also shows the mixed final ranking (综合评审结果)
 * with each project's parts and the formula (a second call, contest.ranking).
 */
import type { ContestStatus } from '../../../typings/contest';
import { contestPageBehavior, loadInto, pageBehavior } from '../../behaviors/page';
import { getLeaderboard, mixedRanking } from '../../services/contest';
import { mixedRankingRows, toBoardRows, type BoardRowView, type MixedRowView } from '../../utils/vote-view';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface BoardData {
  state: ViewState;
  errorText: string;
  contestId: string;
  rows: BoardRowView[];
  hidden: boolean;
  published: boolean;
  status: ContestStatus | '';
  totalText: string;
  /** The mixed final ranking (评审打分), once published; empty otherwise. */
  mixed: MixedRowView[];
  formula: string;
}

const initial: BoardData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  rows: [],
  hidden: false,
  published: false,
  status: '',
  totalText: '',
  mixed: [],
  formula: '',
};

Component({
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const board = await getLeaderboard(this.data.contestId, { loading: false, toast: false });
        this.setData({
          rows: toBoardRows(board.items),
          hidden: board.hidden,
          published: board.status === 'published',
          status: board.status,
          totalText: board.total === null ? '' : `共 ${board.total} 票`,
          state: board.items.length ? 'ready' : 'empty',
        });
        if (board.judged) void this.loadMixed();
      });
    },
    async loadMixed(): Promise<void> {
      try {
        const r = await mixedRanking(this.data.contestId, { loading: false, toast: false });
        this.setData({ mixed: mixedRankingRows(r.items), formula: r.scoring.formula });
      } catch {
        // The popularity ranking above stands on its own.
      }
    },
    onOpenProject(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { projectId?: string }>) {
      openPage(ROUTES.voteProject, { contestId: this.data.contestId, projectId: e.currentTarget.dataset.projectId ?? '' });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      return {
        title: this.data.published ? '“最佳人气奖”结果揭晓' : '“最佳人气奖”实时排行',
        path: `${ROUTES.leaderboard}?contestId=${encodeURIComponent(this.data.contestId)}`,
      };
    },
  },
});
