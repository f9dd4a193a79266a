/**
 * 评选管理 (admin): create or edit a contest (window with date and time pickers, quotas, top N,
 * blind finish, hidden counts when frozen, rate limit; a message under each wrong field), its
 * projects (add, edit, reorder, invite an organizer), open / freeze / publish with a
 * confirmation saying what happens, live counts, anti-fraud flags with void, and the export.
 * Opened without contestId it creates a new contest.
 */
import { formBehavior, loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { isCloudError } from '../../../services/cloud';
import { getContestPage, createContest, reorderProjects, setContestStatus, updateContest } from '../../../services/contest';
import { exportAndOpen } from '../../../services/report';
import { voidVotes, voteFlags } from '../../../services/vote';
import { ROUTES, openPage } from '../../../utils/nav';
import type { ViewState } from '../../../components/state-view/index';
import type { ContestStatus, ProjectCard } from '../../../../typings/contest';
import type { VoteFlag } from '../../../../typings/vote';
import {
  contestForm,
  contestFormErrors,
  contestRequest,
  newContestForm,
  statusConfirmation,
  type ContestForm,
  type ContestFormErrors,
} from '../../utils/contest-form';

interface ProjectRow {
  projectId: string;
  title: string;
  team: string;
  votes: string;
}

interface FlagRow {
  detail: string;
  votes: number;
  voteIds: string[];
}

interface ContestPageData {
  state: ViewState;
  errorText: string;
  contestId: string;
  status: ContestStatus | '';
  statusText: string;
  form: ContestForm;
  errors: ContestFormErrors;
  projects: ProjectRow[];
  /** Residents see no counts now (blind finish or a hidden freeze); admins still do. */
  hiddenFromResidents: boolean;
  flags: FlagRow[];
  busy: boolean;
}

const STATUS_TEXT: Record<ContestStatus, string> = { draft: '草稿', open: '投票中', frozen: '已封票', published: '已公布' };
const NEXT_STATUS: Record<ContestStatus, { status: 'open' | 'frozen' | 'published'; label: string } | null> = {
  draft: { status: 'open', label: '开始投票' },
  open: { status: 'frozen', label: '封票' },
  frozen: { status: 'published', label: '公布结果' },
  published: null,
};

const initial: ContestPageData = {
  state: 'ready',
  errorText: '',
  contestId: '',
  status: '',
  statusText: '',
  form: newContestForm(),
  errors: {},
  projects: [],
  hiddenFromResidents: false,
  flags: [],
  busy: false,
};

export function projectRows(projects: ProjectCard[]): ProjectRow[] {
  return projects.map((p) => ({ projectId: p.projectId, title: p.title, team: p.team, votes: p.votes === null ? '—' : String(p.votes) }));
}

export function flagRows(flags: VoteFlag[]): FlagRow[] {
  return flags.map((f) => ({ detail: f.detail, votes: f.votes, voteIds: f.voteIds }));
}

Component({
  behaviors: [pageBehavior, loadBehavior, formBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ form: newContestForm() });
      if (query.contestId) {
        this.setData({ contestId: query.contestId });
        void this.load();
      }
    },
    onShow() {
      if (this.data.contestId && this.data.state === 'ready') void this.load();
    },
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const { contest, projects } = await getContestPage({ contestId: this.data.contestId }, { loading: false, toast: false });
          this.setData({
            state: 'ready',
            status: contest.status,
            statusText: STATUS_TEXT[contest.status],
            form: contestForm(contest),
            errors: {},
            projects: projectRows(projects),
            hiddenFromResidents: contest.countsHidden,
          });
          void this.loadFlags();
        },
        { spinner: !this.data.projects.length },
      );
    },
    async loadFlags(): Promise<void> {
      try {
        const { items } = await voteFlags(this.data.contestId);
        this.setData({ flags: flagRows(items) });
      } catch {
        this.setData({ flags: [] });
      }
    },
    /** A date or time picker, or the switch: `data-field` names the form field. */
    onPick(e: WechatMiniprogram.CustomEvent<{ value: string | boolean }, Record<string, never>, { field: keyof ContestForm }>) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSave(): Promise<void> {
      if (this.data.busy) return;
      const f = this.data.form;
      const errors = contestFormErrors(f);
      this.setData({ errors });
      if (Object.keys(errors).length) {
        wx.showToast({ title: '有几处需要修改，请看红字提示', icon: 'none' });
        return;
      }
      const req = contestRequest(f);
      this.setData({ busy: true });
      try {
        if (this.data.contestId) {
          await updateContest(this.data.contestId, req);
          wx.showToast({ title: '已保存', icon: 'success' });
        } else {
          const { contestId } = await createContest({ ...req, description: req.description || undefined, draft: true });
          this.setData({ contestId });
          wx.showToast({ title: '已创建，请添加项目', icon: 'none' });
        }
        await this.load();
      } catch {
        // callCloud already told the admin why.
      } finally {
        this.setData({ busy: false });
      }
    },
    onStatus(): void {
      const status = this.data.status;
      const next = status ? NEXT_STATUS[status] : null;
      if (!next) return;
      const said = statusConfirmation(next.status, this.data.form);
      wx.showModal({
        title: said.title,
        content: said.content,
        confirmText: next.label,
        success: (r) => {
          if (!r.confirm) return;
          setContestStatus(this.data.contestId, next.status).then(
            () => this.load(),
            () => undefined,
          );
        },
      });
    },
    async onMove(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number; dir: number }>): Promise<void> {
      const { index, dir } = e.currentTarget.dataset;
      const ids = this.data.projects.map((p) => p.projectId);
      const to = index + Number(dir);
      if (to < 0 || to >= ids.length) return;
      [ids[index], ids[to]] = [ids[to], ids[index]];
      try {
        await reorderProjects(this.data.contestId, ids);
        await this.load();
      } catch {
        // told by callCloud
      }
    },
    onRules() {
      openPage(ROUTES.adminRules, { contestId: this.data.contestId });
    },
    onResults() {
      openPage(ROUTES.adminResults, { contestId: this.data.contestId });
    },
    onAddProject() {
      openPage(ROUTES.adminProject, { contestId: this.data.contestId });
    },
    onEditProject(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      openPage(ROUTES.adminProject, { contestId: this.data.contestId, projectId: e.currentTarget.dataset.id });
    },
    onNewActivity(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      openPage(ROUTES.adminActivity, { projectId: e.currentTarget.dataset.id });
    },
    onInvite(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      openPage(ROUTES.adminRoles, { projectId: e.currentTarget.dataset.id });
    },
    onVoid(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const flag = this.data.flags[e.currentTarget.dataset.index];
      if (!flag) return;
      wx.showModal({
        title: `作废 ${flag.voteIds.length} 票`,
        editable: true,
        placeholderText: '请填写作废原因（会记录在审计文件中）',
        success: (r) => {
          const reason = (r.content ?? '').trim();
          if (!r.confirm) return;
          if (reason.length < 2) {
            wx.showToast({ title: '请填写作废原因', icon: 'none' });
            return;
          }
          voidVotes(this.data.contestId, flag.voteIds, reason).then(
            (res) => {
              wx.showToast({ title: `已作废 ${res.voided} 票`, icon: 'none' });
              return this.load();
            },
            () => undefined,
          );
        },
      });
    },
    async onExport(): Promise<void> {
      try {
        await exportAndOpen(this.data.contestId);
        wx.showToast({ title: '表格已生成并打开', icon: 'success' });
      } catch (e) {
        if (!isCloudError(e)) wx.showToast({ title: '表格打开失败，请稍后再试', icon: 'none' });
      }
    },
  },
});
