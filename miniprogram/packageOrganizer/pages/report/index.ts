/**
 * 项目报告: the planned-vs-held table of a project (计划 vs 实际, 受益人次) with a simple bar
 * chart, totals, and volunteer hours. Everything comes from check-ins (one call).
 */
import type { OutcomesInput, OutcomesStatus, ProjectReport, ReportRow } from '../../../../typings/report';
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { projectOutcomes, projectReport, submitOutcomes } from '../../../services/report';
import type { ViewState } from '../../../components/state-view/index';

export interface ChartRow extends ReportRow {
  /** Bar lengths in percent of the longest bar. */
  plannedPct: number;
  heldPct: number;
  /** 未完成 / 已完成 / 超额. */
  progressText: string;
  behind: boolean;
}

interface ReportData {
  state: ViewState;
  errorText: string;
  projectId: string;
  title: string;
  rows: ChartRow[];
  totalsText: string;
  totals: ProjectReport['totals'] | null;
  hours: { key: string; name: string; hoursText: string }[];
  /** 成果数据: the figures only the organizer knows, as typed, and where their review stands. */
  outcomes: { resourcesYuan: string; eventsSolved: string; pieces: string; views: string };
  outcomesStatus: string;
  busy: boolean;
}

const initial: ReportData = {
  state: 'loading',
  errorText: '',
  projectId: '',
  title: '',
  rows: [],
  totalsText: '',
  totals: null,
  hours: [],
  outcomes: { resourcesYuan: '', eventsSolved: '', pieces: '', views: '' },
  outcomesStatus: '',
  busy: false,
};

const OUTCOME_STATUS: Record<OutcomesStatus, string> = {
  none: '还没有填写',
  pending: '已提交，等待管理员审核',
  approved: '管理员已审核通过',
  returned: '被退回修改',
};

/** The typed figures as the request, or what is wrong with them. */
export function outcomesRequest(f: ReportData['outcomes']): OutcomesInput | string {
  const num = (t: string) => (t.trim() === '' ? 0 : Number(t));
  const yuan = num(f.resourcesYuan);
  const figures = [num(f.eventsSolved), num(f.pieces), num(f.views)];
  if (!Number.isFinite(yuan) || yuan < 0) return '撬动资源请填金额（元）';
  if (figures.some((n) => !Number.isInteger(n) || n < 0)) return '件数、篇数和阅读量请填整数';
  return { resourcesYuan: Math.round(yuan * 100) / 100, eventsSolved: figures[0], publicity: { pieces: figures[1], views: figures[2] } };
}

export function chartRows(rows: ReportRow[]): ChartRow[] {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.plannedSessions, r.heldSessions)));
  return rows.map((r) => ({
    ...r,
    plannedPct: Math.round((r.plannedSessions / max) * 100),
    heldPct: Math.round((r.heldSessions / max) * 100),
    progressText:
      r.heldSessions < r.plannedSessions ? `还差 ${r.plannedSessions - r.heldSessions} 次` : r.heldSessions > r.plannedSessions ? '超额完成' : '已完成',
    behind: r.heldSessions < r.plannedSessions,
  }));
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ projectId: query.projectId ?? '' });
      void this.load();
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const r = await projectReport(this.data.projectId, { loading: false, toast: false });
        const t = r.totals;
        this.setData({
          state: r.rows.length ? 'ready' : 'empty',
          title: r.title ?? '',
          rows: chartRows(r.rows),
          totals: t,
          totalsText: `计划 ${t.plannedSessions} 次 · 实际 ${t.heldSessions} 次 · 受益 ${t.personTimes} 人次 · ${t.uniquePeople} 人`,
          hours: r.hours.map((h, i) => ({ key: h.person, name: h.name ?? `志愿者${i + 1}`, hoursText: `${h.hours} 小时（${h.sessions} 次）` })),
        });
        if (r.title) wx.setNavigationBarTitle?.({ title: '项目报告' });
        void this.loadOutcomes();
      });
    },
    async loadOutcomes(): Promise<void> {
      try {
        const o = await projectOutcomes(this.data.projectId);
        this.setData({
          outcomes: {
            resourcesYuan: String(o.resourcesYuan || ''),
            eventsSolved: String(o.eventsSolved || ''),
            pieces: String(o.publicity.pieces || ''),
            views: String(o.publicity.views || ''),
          },
          outcomesStatus: `${OUTCOME_STATUS[o.status]}${o.note ? `：${o.note}` : ''}`,
        });
      } catch {
        this.setData({ outcomesStatus: '' });
      }
    },
    onOutcome(e: WechatMiniprogram.Input<Record<string, never>, { field: string }>) {
      this.setData({ [`outcomes.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    async onSubmitOutcomes(): Promise<void> {
      if (this.data.busy) return;
      const req = outcomesRequest(this.data.outcomes);
      if (typeof req === 'string') {
        wx.showToast({ title: req, icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        await submitOutcomes({ projectId: this.data.projectId, ...req });
        wx.showToast({ title: '已提交，等待审核', icon: 'success' });
        await this.loadOutcomes();
      } catch {
        // callCloud said why.
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
