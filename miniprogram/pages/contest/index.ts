/**
 * 投票首页: banner with countdown, the rules in plain words, project cards with their votes and
 * my votes left today, search and filter by community. Usable after one call (contest.get).
 * A vote shows +1 at once and rolls back, with the server's reason, if it is refused.
 */
import type { ContestDetail, ProjectCard, VoterView } from '../../../typings/contest';
import { loadIfGiven, loadInto, pageBehavior, reloadOnShowBehavior } from '../../behaviors/page';
import { getContestPage } from '../../services/contest';
import { verifyPhone } from '../../services/vote';
import { voteBehavior } from '../../behaviors/vote';
import { askForTemplates } from '../../services/notify';
import { bannerOf, communitiesOf, filterCards, rulesText, toProjectCards, type BannerView, type ProjectCardView } from '../../utils/vote-view';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface ContestPageData {
  state: ViewState;
  errorText: string;
  contestId: string;
  contest: ContestDetail | null;
  projects: ProjectCard[];
  me: VoterView | null;
  banner: BannerView | null;
  rules: string[];
  cards: ProjectCardView[];
  communities: string[];
  keyword: string;
  community: string;
  voting: string;
}

const initial: ContestPageData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  contest: null,
  projects: [],
  me: null,
  banner: null,
  rules: [],
  cards: [],
  communities: [],
  keyword: '',
  community: '',
  voting: '',
};

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { projectId?: string; community?: string }>;

Component({
  // Reloads on show: back from a project page where I may have voted.
  behaviors: [pageBehavior, reloadOnShowBehavior, voteBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      // `id` is what the 结果公布 subscription message opens; the app's own links pass `contestId`.
      const contestId = query.contestId ?? query.id ?? '';
      this.setData({ contestId });
      loadIfGiven(this, contestId, '没有找到这个评选');
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const page = await getContestPage({ contestId: this.data.contestId }, { loading: false, toast: false });
        this.setData({
          contest: page.contest,
          projects: page.projects,
          me: page.me,
          communities: communitiesOf(page.projects),
          rules: rulesText(page.contest),
        });
        this.render(new Date(page.now).getTime());
        this.setData({ state: page.projects.length ? 'ready' : 'empty' });
        wx.setNavigationBarTitle?.({ title: '投票' });
      });
    },
    /** Recomputes what the page shows from the contest, projects and my votes. */
    render(now: number = Date.now()) {
      const { contest, me, projects } = this.data;
      if (!contest || !me) return;
      const banner = bannerOf(contest, now);
      const all = toProjectCards(projects, me, contest, banner.open);
      this.setData({ banner, cards: filterCards(all, this.data.keyword, this.data.community) });
    },
    onSearch(e: WechatMiniprogram.Input) {
      this.setData({ keyword: e.detail.value });
      this.render();
    },
    onFilter(e: Tap) {
      const community = e.currentTarget.dataset.community ?? '';
      this.setData({ community: community === this.data.community ? '' : community });
      this.render();
    },
    async onVote(e: Tap) {
      const projectId = e.currentTarget.dataset.projectId ?? '';
      const card = this.data.cards.find((c) => c.projectId === projectId);
      if (card?.canVote) await this.castWithFeedback(projectId);
    },
    /** 验证手机号 (contests that count votes per verified phone): WeChat's phone-number button gives a one-time code. */
    async onPhone(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
      const code = e.detail.code;
      if (!code) {
        wx.showToast({ title: '没有取得手机号，需要验证后才能投票', icon: 'none' });
        return;
      }
      try {
        const res = await verifyPhone(code, this.data.contestId);
        wx.showToast({ title: res.onRoster === false ? `${res.phoneMasked} 不在本次评选的居民名单中` : `已验证 ${res.phoneMasked}`, icon: 'none' });
        await this.load();
      } catch {
        // callCloud said why.
      }
    },
    /** 结果提醒我: say what WeChat granted and what will arrive, not just nothing. */
    async onNotifyMe() {
      const granted = await askForTemplates(['resultPublished'], { contestId: this.data.contestId });
      if (granted?.resultPublished) {
        wx.showModal({ title: '已设置结果提醒', content: '评选结果公布时，会给您发一条微信服务通知。', showCancel: false, confirmText: '知道了' });
      } else {
        wx.showModal({
          title: '没有设置提醒',
          content: '您没有允许发送通知，结果公布时不会提醒您。可以稍后再点“结果提醒我”。',
          showCancel: false,
          confirmText: '知道了',
        });
      }
    },
    onOpenProject(e: Tap) {
      openPage(ROUTES.voteProject, { contestId: this.data.contestId, projectId: e.currentTarget.dataset.projectId ?? '' });
    },
    onOpenLeaderboard() {
      openPage(ROUTES.leaderboard, { contestId: this.data.contestId });
    },
    onOpenMine() {
      openPage(ROUTES.myVotes, { contestId: this.data.contestId });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      return {
        title: this.data.contest ? `${this.data.contest.title}，快来为身边的好项目投票` : '为身边的好项目投票',
        path: `${ROUTES.contest}?contestId=${encodeURIComponent(this.data.contestId)}`,
      };
    },
  },
});
