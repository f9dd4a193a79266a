/**
 * npm run bench -- reconcile: vote.reconcile over a contest whose ledger holds 1,000,000 rows
 * (BENCH_SCALE shrinks it), through the functions host, with a few tally shards knocked off
 * so that it has repairs to make. Target ≤ 10 s. Checks that it repaired exactly what was
 * broken. No naive baseline here: the figure is against the design's bar.
 */
import { openBigLedger } from './lib/big-ledger';
import { timed, type Bench, type BenchRow } from './harness';

const PROJECTS = 20;
const TARGET_MS = 10_000;
/** Give up waiting after this long (the run is stopped with the runtime) so that the bench ends. */
const BUDGET_MS = Number(process.env.RECONCILE_BUDGET_MS ?? 60_000);
/** Shards set wrong before the run: [project index, amount lost]. */
const DAMAGE: [number, number][] = [
  [0, 7],
  [5, 1],
  [13, 250],
];

interface ReconcileData {
  reports: { ledgerRows: number; fixes: { projectId: string; ledger: number; counted: number; fixed: boolean }[]; quotasFixed: number; unsettled: number }[];
}

export const run: Bench = async (ctx) => {
  const rowsWanted = Math.max(1_000, Math.round(1_000_000 * ctx.scale));
  const b = await openBigLedger(PROJECTS);
  try {
    await b.growTo(rowsWanted, ctx.progress);
    const db = b.rt.emulator.db;
    for (const [p, lost] of DAMAGE) await db.update('tally_shards', { contestId: b.contestId, projectId: b.projectIds[p] }, { $inc: { n: -lost } });
    ctx.progress(`reconciling ${b.rows.toLocaleString('en')} ledger rows`);
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), BUDGET_MS)));
    const { value: res, ms } = await timed(() => Promise.race([b.call<ReconcileData>('vote', { action: 'reconcile', contestId: b.contestId }), outOfTime]));
    clearTimeout(timer);
    const failed = (note: string): BenchRow[] => [
      {
        name: `reconcile @ ${b.rows.toLocaleString('en')} rows`,
        figure: ms / 1000,
        unit: 's',
        target: `≤ ${TARGET_MS / 1000} s, repairs exactly the damaged tallies`,
        met: false,
        note,
      },
    ];
    if (res === undefined) return failed(`did not finish within ${BUDGET_MS / 1000} s (stopped; RECONCILE_BUDGET_MS raises the budget)`);
    if (!res.ok || !res.data) return failed(`failed after ${(ms / 1000).toFixed(1)} s: ${String(res.code)} (see the runtime's log)`);
    const report = res.data.reports[0];
    const repaired = new Set(report.fixes.filter((f) => f.fixed).map((f) => f.projectId));
    const exact = report.ledgerRows === b.rows && DAMAGE.every(([p]) => repaired.has(b.projectIds[p])) && repaired.size === DAMAGE.length;
    return [
      {
        name: `reconcile @ ${b.rows.toLocaleString('en')} rows`,
        figure: ms / 1000,
        unit: 's',
        target: `≤ ${TARGET_MS / 1000} s, repairs exactly the damaged tallies`,
        met: ms <= TARGET_MS && exact,
        note: `${Math.round(b.rows / (ms / 1000)).toLocaleString('en')} rows/s; fixed ${repaired.size}/${DAMAGE.length}${exact ? '' : ' — WRONG REPAIRS'}; quotas fixed ${report.quotasFixed}`,
      },
    ];
  } finally {
    await b.close();
  }
};
