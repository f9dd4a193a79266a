/** Pure tally arithmetic: shard sums, and what reconcile must change to match the ledger. */
import type { TallyFix } from '../../../typings';

export interface ShardCount {
  projectId: string;
  n: number;
}

export function sumShards(shards: ShardCount[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const s of shards) sums.set(s.projectId, (sums.get(s.projectId) ?? 0) + (Number(s.n) || 0));
  return sums;
}

/** Projects whose counted tally differs from the ledger's count. */
export function tallyDiffs(projectIds: string[], ledger: Map<string, number>, counted: Map<string, number>): TallyFix[] {
  const fixes: TallyFix[] = [];
  for (const projectId of projectIds) {
    const l = ledger.get(projectId) ?? 0;
    const c = counted.get(projectId) ?? 0;
    if (l !== c) fixes.push({ projectId, ledger: l, counted: c, fixed: false });
  }
  return fixes;
}

/** Keeps only differences seen identically in two readings: anything else is a vote in flight. */
export function settledDiffs(first: TallyFix[], second: TallyFix[]): { settled: TallyFix[]; unsettled: number } {
  const again = new Map(second.map((f) => [f.projectId, f]));
  const settled = first.filter((f) => {
    const g = again.get(f.projectId);
    return g !== undefined && g.ledger === f.ledger && g.counted === f.counted;
  });
  return { settled, unsettled: first.length - settled.length + second.filter((g) => !first.some((f) => f.projectId === g.projectId)).length };
}
