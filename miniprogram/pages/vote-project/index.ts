/**
 * 项目详情: summary, team, planned activities, the vote button with clear feedback, sharing to
 * a chat, and the 拉票海报 (drawn on a canvas with the project, its rank and a mini-program code
 * that opens this page; saved to the album). Opened from the app (contestId + projectId) or
 * from a code (scene = projectId). One cloud call (contest.get).
 */
import type { ContestDetail, ProjectCard, VoterView } from '../../../typings/contest';
import { loadBehavior, loadIfGiven, loadInto, pageBehavior } from '../../behaviors/page';
import { getContestPage, getProjectCode } from '../../services/contest';
import { isCloudError } from '../../services/cloud';
import { voteBehavior } from '../../behaviors/vote';
import { bannerOf, toProjectCards, type ProjectCardView } from '../../utils/vote-view';
import { drawVotePoster, saveToAlbum, writeCodeFile } from '../../utils/poster';
import { ROUTES, openPage } from '../../utils/nav';
import type { ViewState } from '../../components/state-view/index';

interface ProjectPageData {
  state: ViewState;
  errorText: string;
  contestId: string;
  projectId: string;
  contest: ContestDetail | null;
  projects: ProjectCard[];
  project: ProjectCard | null;
  me: VoterView | null;
  card: ProjectCardView | null;
  open: boolean;
  voting: string;
  posterBusy: boolean;
}

const initial: ProjectPageData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  projectId: '',
  contest: null,
  projects: [],
  project: null,
  me: null,
  card: null,
  open: false,
  voting: '',
  posterBusy: false,
};

/** A mini-program code opens the page with `scene` (URL-encoded); the app passes `projectId`. */
function projectIdOf(query: Record<string, string | undefined>): string {
  if (query.projectId) return query.projectId;
  return query.scene ? decodeURIComponent(query.scene) : '';
}

Component({
  behaviors: [pageBehavior, loadBehavior, voteBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const projectId = projectIdOf(query);
      this.setData({ projectId, contestId: query.contestId ?? '' });
      loadIfGiven(this, projectId, '没有找到这个项目');
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const req = this.data.contestId ? { contestId: this.data.contestId } : { projectId: this.data.projectId };
        const page = await getContestPage(req, { loading: false, toast: false });
        const project = page.projects.find((p) => p.projectId === this.data.projectId) ?? null;
        if (!project) {
          this.setData({ state: 'error', errorText: '没有找到这个项目' });
          return;
        }
        this.setData({
          contestId: page.contest.contestId,
          contest: page.contest,
          projects: page.projects,
          me: page.me,
          open: bannerOf(page.contest, new Date(page.now).getTime()).open,
        });
        this.render();
        this.setData({ state: 'ready' });
      });
    },
    render() {
      const { contest, me, projects } = this.data;
      if (!contest || !me) return;
      const project = projects.find((p) => p.projectId === this.data.projectId) ?? null;
      const card = project ? toProjectCards([project], me, contest, this.data.open)[0] : null;
      this.setData({ project, card });
    },
    async onVote() {
      const card = this.data.card;
      if (card?.canVote) await this.castWithFeedback(card.projectId);
    },
    onOpenLeaderboard() {
      openPage(ROUTES.leaderboard, { contestId: this.data.contestId });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const title = this.data.project ? `请为「${this.data.project.title}」投上一票` : '请为身边的好项目投票';
      return { title, path: `${ROUTES.voteProject}?contestId=${encodeURIComponent(this.data.contestId)}&projectId=${encodeURIComponent(this.data.projectId)}` };
    },
    /** 拉票海报: draw, export, save to the album (asking again if the album permission was refused). */
    posterCanvas(): Promise<WechatMiniprogram.Canvas> {
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('#poster')
          .fields({ node: true, size: true })
          .exec((res: { node?: WechatMiniprogram.Canvas }[]) => (res[0]?.node ? resolve(res[0].node) : reject(new Error('no canvas'))));
      });
    },
    async onPoster() {
      const project = this.data.project;
      if (!project || this.data.posterBusy) return;
      this.setData({ posterBusy: true });
      try {
        const code = await getProjectCode(project.projectId, { loading: '正在生成海报' });
        const codePath = await writeCodeFile(code.base64, `code-${this.data.projectId}`);
        const filePath = await drawVotePoster(await this.posterCanvas(), project, codePath);
        // Shown first, so the resident sees what is saved (and can forward it from there).
        wx.previewImage({ urls: [filePath], current: filePath });
        await saveToAlbum(filePath);
      } catch (e) {
        if (!isCloudError(e)) wx.showToast({ title: '海报没有生成成功，请稍后再试', icon: 'none' });
      } finally {
        this.setData({ posterBusy: false });
      }
    },
  },
});
