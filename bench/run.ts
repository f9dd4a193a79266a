/**
 * npm run bench [-- <name>…]: runs the named benchmarks (all by default), prints one table
 * and writes bench/results/<name>.json. Each bench module lives in bench/<name>.ts and
 * exports `run: Bench`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchNames, formatTable, type Bench, type BenchRow } from './harness';

const BENCH_DIR = __dirname;

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const all = benchNames(BENCH_DIR);
  const chosen = names.length ? names : all;
  const unknown = chosen.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')} (available: ${all.join(', ')})`);
    process.exit(2);
  }
  const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
  const rows: BenchRow[] = [];
  const resultsDir = path.join(BENCH_DIR, 'results');
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
  for (const name of chosen) {
    console.log(`\n▶ ${name}`);
    const mod = require(path.join(BENCH_DIR, name)) as { run: Bench };
    const benchRows = await mod.run({ scale, progress: (msg) => console.log(`  … ${msg}`) });
    rows.push(...benchRows);
    writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), scale, rows: benchRows }, null, 2));
  }
  console.log(`\n${formatTable(rows)}`);
  process.exit(rows.every((r) => r.met) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
