/**
 * 评审打分 and the mixed final ranking as pure rules: criteria and weights, a judge's total, and
 * the ranking that mixes the online vote, the assisted (on-site) ballots and the judges' average.
 *
 * Each part is normalised the same way — a project's figure ÷ the highest figure of that part
 * among the contest's projects × 100 (0 when nobody has any) — so a part's leader gets 100
 * points whatever its scale; the total is Σ part weight × points ÷ 100, rounded to 2 decimals,
 * and projects with the same rounded total share a rank.
 */
import type { Criterion, PartWeights, RankingItem, RankingPart } from '../../../typings';
import { rankBy } from '../vote/ranking';

/** Each criterion is scored in whole points 0..SCORE_MAX (a picker of 0–10 on the judge's sheet). */
export const SCORE_MAX = 10;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Criteria from the admin's form: names unique, weights whole percents adding up to 100. Keys c1, c2 … */
export function criteriaFromRequest(items: { name: string; weight: number }[]): Criterion[] | string {
  const names = items.map((c) => c.name.trim());
  if (names.some((n) => !n)) return '请填写每个评分项的名称';
  if (new Set(names).size !== names.length) return '评分项名称重复了';
  const sum = items.reduce((t, c) => t + c.weight, 0);
  if (sum !== 100) return `评分项权重合计须为100%（现在是${sum}%）`;
  return items.map((c, i) => ({ key: `c${i + 1}`, name: names[i], weight: c.weight }));
}

export function weightsRefusal(w: PartWeights): string | null {
  const sum = w.online + w.onsite + w.judges;
  return sum === 100 ? null : `线上投票、现场投票、评审打分的权重合计须为100%（现在是${sum}%）`;
}

/** A judge's scores must name every criterion once, in whole points 0..SCORE_MAX. */
export function scoresRefusal(criteria: Criterion[], scores: Record<string, number>): string | null {
  const keys = Object.keys(scores);
  for (const key of keys) if (!criteria.some((c) => c.key === key)) return '评分项不存在，请刷新后重试';
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) return `请给「${c.name}」打分`;
    if (!Number.isInteger(s) || s < 0 || s > SCORE_MAX) return `「${c.name}」的分数须为0到${SCORE_MAX}分`;
  }
  return null;
}

/** A judge's total for a project: Σ weight × score ÷ SCORE_MAX, 0..100. */
export function judgeTotal(criteria: Criterion[], scores: Record<string, number>): number {
  return round2(criteria.reduce((t, c) => t + (c.weight * (scores[c.key] ?? 0)) / SCORE_MAX, 0));
}

/** The formula in words, shown with the results. */
export function formulaText(w: PartWeights, criteria: Criterion[]): string {
  const judged = criteria.map((c) => `${c.name}${c.weight}%`).join('、');
  return (
    `综合得分 = 线上投票得分 × ${w.online}% + 现场投票得分 × ${w.onsite}% + 评审得分 × ${w.judges}%。` +
    `每部分得分 = 该项目的数值 ÷ 所有项目中该部分的最高值 × 100；` +
    `线上、现场投票的数值为有效票数，评审的数值为各位评委总分的平均（每位评委总分 = ${judged || '各评分项'}按0–${SCORE_MAX}分加权，满分100）。`
  );
}

export interface RankingInput {
  projectId: string;
  title: string;
  team: string;
  /** Stable order among equals (the order projects were shown in). */
  order: number;
  online: number;
  onsite: number;
  /** Every judge's total for this project. */
  judgeTotals: number[];
}

function normaliser(values: number[]): (raw: number) => number {
  const max = Math.max(0, ...values);
  return (raw) => (max > 0 ? (raw / max) * 100 : 0);
}

const part = (raw: number, points: number): RankingPart => ({ raw: round2(raw), points: round2(points) });

/** The mixed final ranking: each part normalised to its leader, weighted, summed. */
export function mixedRanking(weights: PartWeights, inputs: RankingInput[]): RankingItem[] {
  const average = (totals: number[]) => (totals.length ? totals.reduce((t, x) => t + x, 0) / totals.length : 0);
  const judged = inputs.map((p) => average(p.judgeTotals));
  const online = normaliser(inputs.map((p) => p.online));
  const onsite = normaliser(inputs.map((p) => p.onsite));
  const judges = normaliser(judged);
  const scored = inputs.map((p, i) => {
    const points = { online: online(p.online), onsite: onsite(p.onsite), judges: judges(judged[i]) };
    const total = round2((weights.online * points.online + weights.onsite * points.onsite + weights.judges * points.judges) / 100);
    return {
      order: p.order,
      item: {
        projectId: p.projectId,
        title: p.title,
        team: p.team,
        online: part(p.online, points.online),
        onsite: part(p.onsite, points.onsite),
        judges: { ...part(judged[i], points.judges), count: p.judgeTotals.length },
        total,
      },
    };
  });
  return rankBy(scored, (s) => s.item.total).map((s) => ({ rank: s.rank, ...s.item }));
}
