/**
 * 线下投票登记 (staff, at the 成果展 or a community desk): a ballot for a resident without a
 * phone of their own. Fast: find the project, type the name and phone, confirm. The same
 * quotas and per-project-per-day dedup as an online vote apply, by the phone.
 */
import { contestPageBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { castAssisted, deskView } from '../../../services/vote';
import type { ViewState } from '../../../components/state-view/index';
import type { DeskView } from '../../../../typings/voters';

type DeskProject = DeskView['projects'][number];

interface DeskData {
  state: ViewState;
  errorText: string;
  contestId: string;
  title: string;
  projects: DeskProject[];
  shown: DeskProject[];
  keyword: string;
  chosen: DeskProject | null;
  name: string;
  phone: string;
  hourText: string;
  lastText: string;
  busy: boolean;
}

const initial: DeskData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  title: '',
  projects: [],
  shown: [],
  keyword: '',
  chosen: null,
  name: '',
  phone: '',
  hourText: '',
  lastText: '',
  busy: false,
};

export function matching(projects: DeskProject[], keyword: string): DeskProject[] {
  const k = keyword.trim();
  return k ? projects.filter((p) => p.title.includes(k) || p.team.includes(k) || (p.community ?? '').includes(k)) : projects;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { projectId?: string }>;

Component({
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const desk = await deskView(this.data.contestId, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          title: desk.contest.title,
          projects: desk.projects,
          shown: matching(desk.projects, this.data.keyword),
          hourText: `本小时已登记 ${desk.thisHour} / ${desk.perHour} 张，今天共 ${desk.today} 张`,
        });
      });
    },
    onSearch(e: WechatMiniprogram.Input) {
      this.setData({ keyword: e.detail.value, shown: matching(this.data.projects, e.detail.value) });
    },
    onChoose(e: Tap) {
      const chosen = this.data.projects.find((p) => p.projectId === e.currentTarget.dataset.projectId) ?? null;
      this.setData({ chosen });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value });
    },
    onPhone(e: WechatMiniprogram.Input) {
      this.setData({ phone: e.detail.value });
    },
    async onSubmit(): Promise<void> {
      const { chosen, name, phone, busy } = this.data;
      if (busy) return;
      if (!chosen) {
        wx.showToast({ title: '请先选择项目', icon: 'none' });
        return;
      }
      if (!name.trim() || !/^1\d{10}$/.test(phone.replace(/[\s-]/g, ''))) {
        wx.showToast({ title: '请填写居民姓名和 11 位手机号', icon: 'none' });
        return;
      }
      const ok = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '确认登记这一票',
          content: `${name.trim()} 投给「${chosen.title}」`,
          confirmText: '登记',
          success: (r) => resolve(r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!ok) return;
      this.setData({ busy: true });
      try {
        const res = await castAssisted({ contestId: this.data.contestId, projectId: chosen.projectId, voter: { name: name.trim(), phone } });
        this.setData({ name: '', phone: '', lastText: `已登记：${name.trim()}（${res.phoneMasked}）投给「${chosen.title}」，凭证 ${res.receipt}` });
        wx.showToast({ title: '已登记', icon: 'success' });
        void this.load();
      } catch {
        // callCloud said why (今天已投过、超出每小时上限 …).
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
