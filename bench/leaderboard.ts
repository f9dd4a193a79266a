/**
 * npm run bench -- leaderboard: contest.leaderboard latency through the functions host for a
 * contest with 10 ledger rows and one with 1,000,000 (BENCH_SCALE shrinks the big one), both
 * in the same store and timed interleaved, so that only the ledger size differs. The
 * leaderboard reads the tally shards, so it must not grow with the ledger. Naive baseline,
 * measured in the same run: count on read — a group-by over the contest's ledger through the
 * database API, what a leaderboard without counters would do.
 */
import tcb from '@cloudbase/node-sdk';
import { ADMIN, openBigLedger, type BigLedger } from './lib/big-ledger';
import type { Bench, BenchRow } from './harness';

const PROJECTS = 20;
const SMALL_ROWS = 10;
const RUNS = 21;

/** A group-by over the ledger through the database API of this runtime. */
function countOnRead(url: string, contestId: string): () => Promise<unknown> {
  const app = tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: `${url}/admin` });
  const db = app.database();
  const $ = db.command.aggregate;
  return async () => {
    const res = await db
      .collection('votes')
      .aggregate()
      .match({ contestId })
      .group({ _id: '$projectId', votes: $.sum(1) })
      .sort({ votes: -1 })
      .limit(1000)
      .end();
    if (!('data' in res) || !Array.isArray(res.data)) throw new Error('count-on-read failed');
  };
}

/** A second contest with a handful of real votes cast through the function. */
async function smallContest(b: BigLedger): Promise<string> {
  const c = await b.call<{ contestId: string }>('contest', {
    action: 'create',
    title: '小评选',
    voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' },
  });
  if (!c.ok || !c.data) throw new Error(`contest.create: ${String(c.code)}`);
  const projectIds: string[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const p = await b.call<{ projectId: string }>('contest', { action: 'addProject', contestId: c.data.contestId, title: `小项目${i}`, team: '队伍' }, ADMIN);
    if (!p.ok || !p.data) throw new Error(`contest.addProject: ${String(p.code)}`);
    projectIds.push(p.data.projectId);
  }
  for (let i = 0; i < SMALL_ROWS; i++) {
    const v = await b.call('vote', { action: 'cast', contestId: c.data.contestId, projectId: projectIds[i % PROJECTS] }, `small-voter-${i}`);
    if (!v.ok) throw new Error(`vote.cast: ${String(v.code)}`);
  }
  return c.data.contestId;
}

async function ms(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const run: Bench = async (ctx) => {
  const big = Math.max(1_000, Math.round(1_000_000 * ctx.scale));
  const b = await openBigLedger(PROJECTS);
  try {
    const small = await smallContest(b);
    await b.growTo(big, ctx.progress);
    ctx.progress(`timing leaderboards at ${SMALL_ROWS} and ${b.rows.toLocaleString('en')} rows, interleaved`);
    const board = (contestId: string) => async () => {
      const r = await b.call('contest', { action: 'leaderboard', contestId }, 'bench-reader');
      if (!r.ok) throw new Error(`leaderboard: ${String(r.code)}`);
    };
    await board(small)();
    await board(b.contestId)();
    const t = { small: [] as number[], big: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      t.small.push(await ms(board(small)));
      t.big.push(await ms(board(b.contestId)));
    }
    ctx.progress('timing the count-on-read baseline');
    const naiveSmall: number[] = [];
    const naiveBig: number[] = [];
    for (let i = 0; i < 3; i++) {
      naiveSmall.push(await ms(countOnRead(b.rt.url, small)));
      naiveBig.push(await ms(countOnRead(b.rt.url, b.contestId)));
    }
    const s = median(t.small);
    const l = median(t.big);
    // "Does not grow": within 1.5× (plus 5 ms of noise) of the small contest, same store, same moment.
    const bound = Math.max(1.5 * s, s + 5);
    const rows: BenchRow[] = [
      {
        name: `leaderboard p50 @ ${SMALL_ROWS} rows`,
        figure: s,
        unit: 'ms',
        target: 'reference',
        met: true,
        baseline: median(naiveSmall),
        ratio: median(naiveSmall) / s,
        note: 'baseline: count on read (group-by over the ledger)',
      },
      {
        name: `leaderboard p50 @ ${b.rows.toLocaleString('en')} rows`,
        figure: l,
        unit: 'ms',
        target: `≤ ${bound.toFixed(1)} ms (flat vs ${SMALL_ROWS} rows)`,
        met: l <= bound,
        baseline: median(naiveBig),
        ratio: median(naiveBig) / l,
        note: `${(l / s).toFixed(2)}× the ${SMALL_ROWS}-row figure; count on read grew ${(median(naiveBig) / median(naiveSmall)).toFixed(0)}×`,
      },
    ];
    return rows;
  } finally {
    await b.close();
  }
};
