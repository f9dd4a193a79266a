/**
 * 评审打分 (judge): every project of the contest, each scored once on the weighted criteria
 * (whole points 0..scoreMax). A project of the judge's own team is shown but not theirs to
 * score; other judges' scores stay hidden until the admin closes the scoring.
 */
import { contestPageBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { scoreSheet, submitScore } from '../../../services/contest';
import type { ViewState } from '../../../components/state-view/index';
import type { Criterion, JudgingApi } from '../../../../typings/judging';

interface ScoreRow {
  projectId: string;
  title: string;
  team: string;
  ownTeam: boolean;
  done: boolean;
  totalText: string;
  /** Typed scores by criterion key. */
  draft: Record<string, string>;
}

interface JudgeData {
  state: ViewState;
  errorText: string;
  contestId: string;
  title: string;
  criteria: Criterion[];
  scoreMax: number;
  formula: string;
  closed: boolean;
  rows: ScoreRow[];
  busy: string;
}

const initial: JudgeData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  title: '',
  criteria: [],
  scoreMax: 10,
  formula: '',
  closed: false,
  rows: [],
  busy: '',
};

export function scoreRows(sheet: JudgingApi['scoreSheet']['res']): ScoreRow[] {
  return sheet.projects.map((p) => ({
    projectId: p.projectId,
    title: p.title,
    team: p.team,
    ownTeam: p.ownTeam,
    done: p.mine !== null,
    totalText: p.mine ? `已打分：${p.mine.total.toFixed(1)} 分` : p.ownTeam ? '本人所在团队的项目，不参与打分' : '',
    draft: Object.fromEntries(Object.entries(p.mine?.scores ?? {}).map(([k, v]) => [k, String(v)])),
  }));
}

/** The typed scores, or the first thing wrong with them. */
export function scoresOf(draft: Record<string, string>, criteria: Criterion[], max: number): Record<string, number> | string {
  const scores: Record<string, number> = {};
  for (const c of criteria) {
    const n = Number(draft[c.key]);
    if ((draft[c.key] ?? '').trim() === '' || !Number.isInteger(n) || n < 0 || n > max) return `「${c.name}」请打 0–${max} 的整数分`;
    scores[c.key] = n;
  }
  return scores;
}

type RowInput = WechatMiniprogram.Input<Record<string, never>, { index: number; key: string }>;
type RowTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>;

Component({
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const sheet = await scoreSheet(this.data.contestId, { loading: false, toast: false });
        this.setData({
          state: 'ready',
          title: sheet.contest.title,
          criteria: sheet.scoring.criteria,
          scoreMax: sheet.scoring.scoreMax,
          formula: sheet.scoring.formula,
          closed: Boolean(sheet.scoring.closedAt),
          rows: scoreRows(sheet),
        });
      });
    },
    onScore(e: RowInput) {
      const { index, key } = e.currentTarget.dataset;
      this.setData({ [`rows[${Number(index)}].draft.${key}`]: e.detail.value });
    },
    async onSubmit(e: RowTap): Promise<void> {
      const row = this.data.rows[Number(e.currentTarget.dataset.index)];
      if (!row || row.done || row.ownTeam || this.data.busy) return;
      const scores = scoresOf(row.draft, this.data.criteria, this.data.scoreMax);
      if (typeof scores === 'string') {
        wx.showToast({ title: scores, icon: 'none' });
        return;
      }
      const ok = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: `提交「${row.title}」的评分`,
          content: '每个项目只能打一次分，提交后不能修改。',
          confirmText: '提交',
          success: (r) => resolve(r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!ok) return;
      this.setData({ busy: row.projectId });
      try {
        await submitScore({ contestId: this.data.contestId, projectId: row.projectId, scores });
        wx.showToast({ title: '已提交', icon: 'success' });
        await this.load();
      } catch {
        // callCloud said why.
      } finally {
        this.setData({ busy: '' });
      }
    },
  },
});
