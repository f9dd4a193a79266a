/**
 * 投票与评审规则 (admin): who may vote — verified phones, listed residents only (the roster,
 * imported from an .xlsx) — before voting starts; the judges' criteria and the mix of online
 * vote, on-site ballots and judges; closing the scoring and the mixed ranking with its parts.
 */
import { contestPageBehavior, loadInto, pageBehavior } from '../../../behaviors/page';
import { closeScoring, getContestPage, mixedRanking, setScoring, updateContest } from '../../../services/contest';
import { importRoster } from '../../../services/report';
import { isCloudError } from '../../../services/cloud';
import type { ViewState } from '../../../components/state-view/index';
import { mixedRankingRows, type MixedRowView } from '../../../utils/vote-view';

interface CriterionRow {
  name: string;
  weight: string;
}

interface RulesData {
  state: ViewState;
  errorText: string;
  contestId: string;
  title: string;
  verifiedPhone: boolean;
  rosterOnly: boolean;
  rosterText: string;
  criteria: CriterionRow[];
  weights: { online: string; onsite: string; judges: string };
  scoringSet: boolean;
  scoringClosed: boolean;
  formula: string;
  ranking: MixedRowView[];
  busy: boolean;
}

const initial: RulesData = {
  state: 'loading',
  errorText: '',
  contestId: '',
  title: '',
  verifiedPhone: false,
  rosterOnly: false,
  rosterText: '',
  criteria: [
    { name: '创新性', weight: '40' },
    { name: '实效性', weight: '60' },
  ],
  weights: { online: '30', onsite: '30', judges: '40' },
  scoringSet: false,
  scoringClosed: false,
  formula: '',
  ranking: [],
  busy: false,
};

/** The scoring form as the request, or what is wrong with it. */
export function scoringRequest(
  criteria: CriterionRow[],
  weights: RulesData['weights'],
): { criteria: { name: string; weight: number }[]; weights: { online: number; onsite: number; judges: number } } | string {
  const rows = criteria.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), weight: Number(c.weight) }));
  if (!rows.length) return '请至少写一条评分标准';
  if (rows.some((r) => !Number.isInteger(r.weight) || r.weight < 0)) return '评分标准的权重请填整数';
  if (rows.reduce((s, r) => s + r.weight, 0) !== 100) return '评分标准的权重加起来要等于 100';
  const w = { online: Number(weights.online), onsite: Number(weights.onsite), judges: Number(weights.judges) };
  if (Object.values(w).some((v) => !Number.isInteger(v) || v < 0)) return '三部分的占比请填整数';
  if (w.online + w.onsite + w.judges !== 100) return '线上投票、现场投票和评审的占比加起来要等于 100';
  return { criteria: rows, weights: w };
}

type FieldInput = WechatMiniprogram.Input<Record<string, never>, { index?: number; field: string }>;

Component({
  behaviors: [pageBehavior, contestPageBehavior],
  data: initial,
  methods: {
    load(): Promise<void> {
      return loadInto(this, async () => {
        const { contest } = await getContestPage({ contestId: this.data.contestId }, { loading: false, toast: false });
        const voters = contest.settings.voters;
        const update: Partial<RulesData> = {
          state: 'ready',
          title: contest.title,
          verifiedPhone: voters.verifiedPhone,
          rosterOnly: voters.rosterOnly,
          rosterText: contest.roster ? `已导入 ${contest.roster.size} 位居民` : '还没有导入居民名单',
          scoringSet: Boolean(contest.scoring),
          scoringClosed: Boolean(contest.scoring?.closed),
        };
        this.setData(update);
        if (contest.scoring?.closed) void this.loadRanking();
      });
    },
    async loadRanking(): Promise<void> {
      try {
        const r = await mixedRanking(this.data.contestId, { loading: false, toast: false });
        this.setData({ formula: r.scoring.formula, ranking: mixedRankingRows(r.items) });
      } catch {
        this.setData({ ranking: [] });
      }
    },
    /** 只有验证手机号的居民可以投票 / 只有名单上的居民: before voting starts only (the server says so otherwise). */
    async onVoters(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { field: 'verifiedPhone' | 'rosterOnly' }>) {
      const field = e.currentTarget.dataset.field;
      const value = Boolean(e.detail.value);
      try {
        await updateContest(this.data.contestId, { voters: { [field]: value } });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch {
        // callCloud said why (e.g. 投票开始后不能再修改).
      }
      await this.load();
    },
    async onImportRoster(): Promise<void> {
      try {
        const picked = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
        const file = picked.tempFiles[0];
        if (!file) return;
        const up = await wx.cloud.uploadFile({ cloudPath: `rosters/${this.data.contestId}-${Date.now()}.xlsx`, filePath: file.path });
        const res = await importRoster(this.data.contestId, up.fileID);
        wx.showModal({
          title: '名单已导入',
          content: `共 ${res.size} 位居民（新增 ${res.added}，移除 ${res.removed}）${res.skipped.length ? `；${res.skipped.length} 行没有导入（姓名或手机号不对）` : ''}。`,
          showCancel: false,
        });
        await this.load();
      } catch (e) {
        if (!isCloudError(e)) wx.showToast({ title: '没有选择名单文件', icon: 'none' });
      }
    },
    onCriterion(e: FieldInput) {
      const { index, field } = e.currentTarget.dataset;
      this.setData({ [`criteria[${Number(index)}].${field}`]: e.detail.value });
    },
    onWeight(e: FieldInput) {
      this.setData({ [`weights.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    onAddCriterion() {
      this.setData({ criteria: [...this.data.criteria, { name: '', weight: '0' }] });
    },
    async onSaveScoring(): Promise<void> {
      if (this.data.busy) return;
      const req = scoringRequest(this.data.criteria, this.data.weights);
      if (typeof req === 'string') {
        wx.showToast({ title: req, icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        const view = await setScoring({ contestId: this.data.contestId, ...req });
        this.setData({ scoringSet: true, formula: view.formula });
        wx.showToast({ title: '评审规则已保存', icon: 'success' });
      } catch {
        // callCloud said why (e.g. 已有评委打分).
      } finally {
        this.setData({ busy: false });
      }
    },
    onCloseScoring(): void {
      wx.showModal({
        title: '结束评审打分',
        content: '结束后评委不能再打分，各位评委能看到彼此的评分，综合排名随之算出。',
        confirmText: '结束打分',
        success: (r) => {
          if (!r.confirm) return;
          closeScoring(this.data.contestId).then(
            () => this.load(),
            () => undefined,
          );
        },
      });
    },
  },
});
