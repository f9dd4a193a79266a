/**
 * 项目详情: the cover, summary, team, planned activities, the gallery of activity photos (tap for
 * full screen), the vote button with clear feedback, sharing to a chat (the cover as the card's
 * picture), and the 拉票海报 (drawn on a canvas with the cover, the project, its rank and a
 * mini-program code that opens this page; saved to the album). Opened from the app (contestId + projectId) or
 * from a code (scene = projectId). One cloud call (contest.get).
 */
import type { ContestDetail, ProjectCard, VoterView } from '../../../typings/contest';
import { loadBehavior, loadIfGiven, loadInto, pageBehavior } from '../../behaviors/page';
import { getContestPage, getProjectCode } from '../../services/contest';
import { isCloudError } from '../../services/cloud';
import { voteBehavior } from '../../behaviors/vote';
import { bannerOf, toProjectCards, type ProjectCardView } from '../../utils/vote-view';
import { drawVotePoster, localImage, saveToAlbum, writeCodeFile } from '../../utils/poster';
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
        // With the projectId, the answer carries this project's gallery links.
        const req = { projectId: this.data.projectId, ...(this.data.contestId ? { contestId: this.data.contestId } : {}) };
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
    /** A photo of the gallery, full screen; the others are a swipe away. */
    onPhoto(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      const urls = this.data.project?.galleryUrls ?? [];
      if (urls.length) wx.previewImage({ urls, current: e.currentTarget.dataset.url });
    },
    onOpenLeaderboard() {
      openPage(ROUTES.leaderboard, { contestId: this.data.contestId });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const title = this.data.project ? `请为「${this.data.project.title}」投上一票` : '请为身边的好项目投票';
      const path = `${ROUTES.voteProject}?contestId=${encodeURIComponent(this.data.contestId)}&projectId=${encodeURIComponent(this.data.projectId)}`;
      // The cover makes the card in the chat; without one WeChat uses a screenshot of the page.
      const coverUrl = this.data.project?.coverUrl;
      return { title, path, ...(coverUrl ? { imageUrl: coverUrl } : {}) };
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
        const coverPath = project.coverUrl ? await localImage(project.coverUrl) : undefined;
        const filePath = await drawVotePoster(await this.posterCanvas(), project, codePath, coverPath);
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
