/**
 * Shared pieces of the benchmarks: a result row (figure, target, ratio against a naive
 * baseline measured in the same run), progress output, and timing.
 */
import { readdirSync } from 'node:fs';

/** The bench modules: bench/<name>.ts, each exporting `run: Bench` (shared code lives in bench/lib/). */
export function benchNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !['run.ts', 'harness.ts'].includes(f) && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

export interface BenchRow {
  name: string;
  figure: number;
  unit: string;
  /** Human statement of the goal, e.g. ">= 1000 votes/s". */
  target: string;
  met: boolean;
  /** Same measurement of the naive baseline implemented in the bench, when there is one. */
  baseline?: number;
  /** figure / baseline (or baseline / figure for costs), so bigger is better. */
  ratio?: number;
  note?: string;
}

export interface BenchContext {
  /** Prints a progress line for long steps. */
  progress(msg: string): void;
  /** Scale factor from BENCH_SCALE (default 1); CI smoke runs use a small one. */
  scale: number;
}

export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `total` jobs with at most `concurrency` in flight. */
export async function pool<T>(total: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) {
      const i = next++;
      results[i] = await job(i);
    }
  });
  await Promise.all(workers);
  return results;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['bench', 'figure', 'target', 'met', 'baseline', 'ratio', 'note'];
  const body = rows.map((r) => [
    r.name,
    `${round(r.figure)} ${r.unit}`,
    r.target,
    r.met ? 'yes' : 'NO',
    r.baseline === undefined ? '' : `${round(r.baseline)} ${r.unit}`,
    r.ratio === undefined ? '' : `${round(r.ratio)}×`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}
