/**
 * 项目编辑 (admin): add a project to a contest or edit one — title, team, community, summary,
 * planned activities as rows (type and a −/+ count of sessions), cover image upload.
 * Texts and the cover pass the content check on the server before they are stored.
 */
import { formBehavior, loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { addProject, getContestPage, updateProject } from '../../../services/contest';
import type { ViewState } from '../../../components/state-view/index';
import type { PlannedActivity } from '../../../../typings/contest';
import { plannedRows, sessionsAfter } from '../../utils/project-form';
import { ROUTES, openPage } from '../../../utils/nav';
import { choosePictures, tooLargeText, uploadPicture } from '../../../utils/pictures';

interface Form {
  title: string;
  team: string;
  community: string;
  summary: string;
  planned: PlannedActivity[];
}

type RowEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number; step?: number }>;

interface ProjectPageData {
  state: ViewState;
  errorText: string;
  contestId: string;
  projectId: string;
  form: Form;
  coverImage: string;
  coverPreview: string;
  busy: boolean;
}

const initial: ProjectPageData = {
  state: 'ready',
  errorText: '',
  contestId: '',
  projectId: '',
  form: { title: '', team: '', community: '', summary: '', planned: [] },
  coverImage: '',
  coverPreview: '',
  busy: false,
};

Component({
  behaviors: [pageBehavior, loadBehavior, formBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const editing = Boolean(query.contestId && query.projectId);
      // Editing waits for the project; adding starts on the empty form.
      this.setData({ contestId: query.contestId ?? '', projectId: query.projectId ?? '', state: editing ? 'loading' : 'ready' });
      if (editing) void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { projects } = await getContestPage({ contestId: this.data.contestId }, { loading: false, toast: false });
        const p = projects.find((x) => x.projectId === this.data.projectId);
        if (!p) {
          this.setData({ state: 'error', errorText: '项目不存在或已被删除' });
          return;
        }
        this.setData({
          state: 'ready',
          form: { title: p.title, team: p.team, community: p.community ?? '', summary: p.summary ?? '', planned: p.planned ?? [] },
          coverPreview: p.coverUrl ?? '',
        });
      });
    },
    async onPickCover(): Promise<void> {
      const chosen = await choosePictures(1);
      if (chosen.tooLarge) wx.showToast({ title: tooLargeText(chosen.tooLarge), icon: 'none' });
      const path = chosen.paths[0];
      if (!path) return;
      wx.showLoading({ title: '正在上传', mask: true });
      try {
        this.setData({ coverImage: await uploadPicture(path, 'covers'), coverPreview: path });
        wx.hideLoading();
      } catch {
        wx.hideLoading();
        wx.showToast({ title: '图片没有上传成功，请再试一次', icon: 'none' });
      }
    },
    /**
     * An existing project's cover and activity photos are edited on the 项目风采 page and saved
     * there (one place, so this form can never put back a cover changed in the meantime).
     */
    onShowcase() {
      openPage(ROUTES.projectShowcase, { projectId: this.data.projectId });
    },
    onAddPlanned() {
      this.setData({ 'form.planned': [...this.data.form.planned, { type: '', sessions: 1 }] });
    },
    onRemovePlanned(e: RowEvent) {
      this.setData({ 'form.planned': this.data.form.planned.filter((_, i) => i !== Number(e.currentTarget.dataset.index)) });
    },
    onPlannedType(e: RowEvent) {
      this.setData({ [`form.planned[${Number(e.currentTarget.dataset.index)}].type`]: e.detail.value });
    },
    /** −/+ (data-step) or a typed count. */
    onSessions(e: RowEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.form.planned[index];
      if (!row) return;
      const step = e.currentTarget.dataset.step;
      const sessions = sessionsAfter(row.sessions, step !== undefined ? { step: Number(step) } : { typed: e.detail.value });
      this.setData({ [`form.planned[${index}].sessions`]: sessions });
    },
    async onSave(): Promise<void> {
      if (this.data.busy) return;
      const f = this.data.form;
      if (!f.title.trim() || !f.team.trim()) {
        wx.showToast({ title: '请填写项目名称和团队', icon: 'none' });
        return;
      }
      const planned = plannedRows(f.planned);
      this.setData({ busy: true });
      try {
        if (this.data.projectId) {
          await updateProject(this.data.projectId, {
            title: f.title,
            team: f.team,
            community: f.community || undefined,
            summary: f.summary,
            planned,
          });
        } else {
          const { projectId } = await addProject({
            contestId: this.data.contestId,
            title: f.title,
            team: f.team,
            ...(f.community.trim() ? { community: f.community } : {}),
            ...(f.summary.trim() ? { summary: f.summary } : {}),
            ...(planned.length ? { planned } : {}),
          });
          if (this.data.coverImage) await updateProject(projectId, { coverImage: this.data.coverImage });
        }
        wx.showToast({ title: '已保存', icon: 'success' });
        setTimeout(() => wx.navigateBack(), 600);
      } catch {
        // callCloud told why (e.g. 内容未通过审核).
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
