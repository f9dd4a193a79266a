/**
 * 项目详情: summary, team, planned activities, the vote button with clear feedback, sharing to
 * a chat, and the 拉票海报 (drawn on a canvas with the project, its rank and a mini-program code
 * that opens this page; saved to the album). Opened from the app (contestId + projectId) or
 * from a code (scene = projectId). One cloud call (contest.get).
 */
import type { ContestDetail, ProjectCard, VoterView } from '../../../typings/contest';
import { loadBehavior, loadIfGiven, loadInto, pageBehavior } from '../../behaviors/page';
import { getContestPage, getProjectCode } from '../../services/vote';
import { isCloudError } from '../../services/cloud';
import { voteBehavior } from '../../behaviors/vote';
import { bannerOf, toProjectCards, type ProjectCardView } from '../../utils/vote-view';
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

const POSTER_W = 600;
const POSTER_H = 900;

/** A mini-program code opens the page with `scene` (URL-encoded); the app passes `projectId`. */
function projectIdOf(query: Record<string, string | undefined>): string {
  if (query.projectId) return query.projectId;
  return query.scene ? decodeURIComponent(query.scene) : '';
}

function wrapText(ctx: WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > maxWidth && line) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
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
    async onPoster() {
      const project = this.data.project;
      if (!project || this.data.posterBusy) return;
      this.setData({ posterBusy: true });
      try {
        const code = await getProjectCode(project.projectId, { loading: '正在生成海报' });
        const codePath = await this.writeCode(code.base64);
        const filePath = await this.drawPoster(project, codePath);
        await this.saveToAlbum(filePath);
      } catch (e) {
        if (!isCloudError(e)) wx.showToast({ title: '海报没有生成成功，请稍后再试', icon: 'none' });
      } finally {
        this.setData({ posterBusy: false });
      }
    },
    writeCode(base64: string): Promise<string> {
      const filePath = `${wx.env.USER_DATA_PATH}/code-${this.data.projectId}.png`;
      return new Promise((resolve, reject) => {
        wx.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(filePath), fail: reject });
      });
    },
    drawPoster(project: ProjectCard, codePath: string): Promise<string> {
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('#poster')
          .fields({ node: true, size: true })
          .exec((res: { node?: WechatMiniprogram.Canvas }[]) => {
            const canvas = res[0]?.node;
            if (!canvas) {
              reject(new Error('no canvas'));
              return;
            }
            canvas.width = POSTER_W;
            canvas.height = POSTER_H;
            const ctx = canvas.getContext('2d') as WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;
            ctx.fillStyle = '#d9480f';
            ctx.fillRect(0, 0, POSTER_W, POSTER_H);
            ctx.fillStyle = '#ffffff';
            ctx.fillRect(30, 160, POSTER_W - 60, POSTER_H - 200);
            ctx.font = 'bold 40px sans-serif';
            ctx.fillText('请为我们投上一票！', 40, 100);
            ctx.fillStyle = '#1f2328';
            ctx.font = 'bold 34px sans-serif';
            wrapText(ctx, project.title, POSTER_W - 120).forEach((line, i) => ctx.fillText(line, 60, 230 + i * 46));
            ctx.font = '26px sans-serif';
            ctx.fillStyle = '#4a5059';
            ctx.fillText(`${project.team}${project.community ? ` · ${project.community}` : ''}`, 60, 390);
            const standing = project.rank ? `当前第 ${project.rank} 名 · ${project.votes ?? 0} 票` : '投票进行中';
            ctx.fillStyle = '#d9480f';
            ctx.font = 'bold 30px sans-serif';
            ctx.fillText(standing, 60, 440);
            const image = canvas.createImage();
            image.onload = () => {
              ctx.drawImage(image, (POSTER_W - 280) / 2, 500, 280, 280);
              ctx.fillStyle = '#7a818c';
              ctx.font = '24px sans-serif';
              ctx.fillText('长按识别小程序码，为项目助力', 130, 830);
              wx.canvasToTempFilePath({ canvas, success: (r) => resolve(r.tempFilePath), fail: reject });
            };
            image.onerror = reject;
            image.src = codePath;
          });
      });
    },
    saveToAlbum(filePath: string): Promise<void> {
      return new Promise((resolve) => {
        wx.saveImageToPhotosAlbum({
          filePath,
          success: () => {
            wx.showToast({ title: '海报已保存到相册', icon: 'success' });
            resolve();
          },
          fail: (err) => {
            if (/auth|deny/.test(err.errMsg)) {
              wx.showModal({
                title: '需要相册权限',
                content: '请允许保存图片到相册，再点一次“生成拉票海报”',
                confirmText: '去设置',
                success: (r) => {
                  if (r.confirm) wx.openSetting({});
                },
              });
            }
            resolve();
          },
        });
      });
    },
  },
});
