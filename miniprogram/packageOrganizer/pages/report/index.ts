/**
 * 项目报告: the planned-vs-held table of a project (计划 vs 实际, 受益人次) with a simple bar
 * chart, totals, and volunteer hours. Everything comes from check-ins (one call).
 */
import type { ProjectReport, ReportRow } from '../../../../typings/report';
import { loadBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { projectReport } from '../../../services/report';
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
}

const initial: ReportData = { state: 'loading', errorText: '', projectId: '', title: '', rows: [], totalsText: '', totals: null, hours: [] };

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
      });
    },
  },
});
