/**
 * 成果册 (admin): what the programme achieved, as seed 002 sums it up — activities held against
 * planned, person-times served, residents reached, volunteer hours, satisfaction, resources
 * leveraged, 微事件 solved, publicity — in total and per project, with bars; and the A4 PDF.
 */
import { contestPageBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { programmePdfAndOpen, programmeReport, reviewOutcomes } from '../../../services/report';
import { isCloudError } from '../../../services/cloud';
import type { ViewState } from '../../../components/state-view/index';
import type { ProgrammeFigures, ProgrammeReport } from '../../../../typings/report';

interface Tile {
  label: string;
  value: string;
}

interface ProjectRow {
  projectId: string;
  title: string;
  team: string;
  rankText: string;
  heldText: string;
  /** Bar widths in % of the widest project (person-times) and of the plan (sessions). */
  peopleBar: number;
  heldBar: number;
  tiles: Tile[];
  pendingText: string;
  /** The organizer's figures wait for the admin's review. */
  reviewable: boolean;
}

interface ResultsData {
  state: ViewState;
  errorText: string;
  contestId: string;
  title: string;
  asOfText: string;
  totals: Tile[];
  projects: ProjectRow[];
  busy: boolean;
}

const initial: ResultsData = { state: 'loading', errorText: '', contestId: '', title: '', asOfText: '', totals: [], projects: [], busy: false };

/** 12345 → 12,345 (no locale data on older WeChat). */
export function grouped(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

export function figureTiles(f: ProgrammeFigures): Tile[] {
  return [
    { label: '开展活动', value: `${grouped(f.heldSessions)} 场（计划 ${grouped(f.plannedSessions)} 场）` },
    { label: '服务居民', value: `${grouped(f.personTimes)} 人次` },
    { label: '参与居民', value: `${grouped(f.uniquePeople)} 人` },
    { label: '志愿服务', value: `${grouped(f.volunteerHours)} 小时` },
    { label: '居民满意度', value: f.satisfaction.average === null ? '暂无评价' : `${f.satisfaction.average.toFixed(1)} 分（${f.satisfaction.count} 条）` },
    { label: '撬动社会资源', value: `${grouped(f.resourcesYuan)} 元` },
    { label: '解决微事件', value: `${grouped(f.eventsSolved)} 件` },
    { label: '宣传报道', value: `${grouped(f.publicity.pieces)} 篇，阅读 ${grouped(f.publicity.views)} 次` },
  ];
}

const PENDING: Record<string, string> = {
  none: '组织者还没有填写成果数据',
  submitted: '成果数据待审核（暂按 0 计）',
  returned: '成果数据被退回修改（暂按 0 计）',
};

export function resultsView(r: ProgrammeReport): Pick<ResultsData, 'title' | 'totals' | 'projects'> {
  const widest = Math.max(1, ...r.projects.map((p) => p.personTimes));
  return {
    title: r.title,
    totals: [{ label: '参赛项目', value: `${r.totals.projects} 个` }, ...figureTiles(r.totals), { label: '有效票数', value: `${grouped(r.totals.votes)} 票` }],
    projects: r.projects.map((p) => ({
      projectId: p.projectId,
      title: p.title,
      team: p.team,
      rankText: p.votes > 0 ? `第 ${p.rank} 名 · ${grouped(p.votes)} 票${p.winner ? ' · 最佳人气奖' : ''}` : '暂无得票',
      heldText: `${p.heldSessions} / ${p.plannedSessions} 场`,
      peopleBar: Math.round((p.personTimes / widest) * 100),
      heldBar: p.plannedSessions ? Math.min(100, Math.round((p.heldSessions / p.plannedSessions) * 100)) : p.heldSessions ? 100 : 0,
      tiles: figureTiles(p).slice(1),
      pendingText: PENDING[p.outcomes] ?? '',
      reviewable: p.outcomes === 'pending',
    })),
  };
}

Component({
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const report = await programmeReport(this.data.contestId);
        this.setData({ state: 'ready', ...resultsView(report), asOfText: `数据截至 ${report.asOf.slice(0, 10)}` });
      });
    },
    /** 审核成果数据: 通过, or 退回 with a note the organizer reads. */
    onReview(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { projectId: string; title: string }>) {
      const { projectId, title } = e.currentTarget.dataset;
      wx.showActionSheet({
        alertText: `「${title}」的成果数据`,
        itemList: ['审核通过', '退回修改'],
        success: (r) => {
          if (r.tapIndex === 0)
            void reviewOutcomes(projectId, true).then(
              () => this.load(),
              () => undefined,
            );
          if (r.tapIndex === 1) {
            wx.showModal({
              title: '退回修改',
              editable: true,
              placeholderText: '请写明原因，方便组织者修改',
              success: (m) => {
                if (m.confirm)
                  void reviewOutcomes(projectId, false, (m.content ?? '').trim()).then(
                    () => this.load(),
                    () => undefined,
                  );
              },
            });
          }
        },
      });
    },
    async onPdf(): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await programmePdfAndOpen(this.data.contestId);
        wx.showToast({ title: '成果册已生成并打开', icon: 'success' });
      } catch (e) {
        if (!isCloudError(e)) wx.showToast({ title: '成果册打开失败，请稍后再试', icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
