/**
 * Every bench module (bench/<name>.ts) runs at a tiny scale and produces well-formed rows.
 * Behaviour only — figures and whether targets are met are the benches' business, not CI's.
 * Runs in-process (no bench/results files are written).
 */
import path from 'node:path';
import { benchNames, type Bench, type BenchRow } from '../../bench/harness';

const BENCH_DIR = path.resolve(__dirname, '..', '..', 'bench');
const SCALE = Number(process.env.BENCH_SMOKE_SCALE ?? 0.001);

const names = benchNames(BENCH_DIR);

function wellFormed(row: BenchRow): string[] {
  const problems: string[] = [];
  if (typeof row.name !== 'string' || row.name === '') problems.push('name');
  if (typeof row.figure !== 'number' || !Number.isFinite(row.figure)) problems.push('figure');
  if (typeof row.unit !== 'string' || row.unit === '') problems.push('unit');
  if (typeof row.target !== 'string' || row.target === '') problems.push('target');
  if (typeof row.met !== 'boolean') problems.push('met');
  if (row.baseline !== undefined && !Number.isFinite(row.baseline)) problems.push('baseline');
  if (row.ratio !== undefined && !Number.isFinite(row.ratio)) problems.push('ratio');
  return problems;
}

test('there are benches to run', () => {
  expect(names).toEqual(expect.arrayContaining(['leaderboard', 'reconcile', 'coldstart']));
});

describe.each(names)('bench %s', (name) => {
  test('runs at a tiny scale and produces rows', async () => {
    const mod = (await import(path.join(BENCH_DIR, name))) as { run: Bench };
    const progress: string[] = [];
    const rows = await mod.run({ scale: SCALE, progress: (m) => progress.push(m) });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect({ name: row.name, problems: wellFormed(row) }).toEqual({ name: row.name, problems: [] });
  }, 300_000);
});
