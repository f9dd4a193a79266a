/**
 * npm run bench -- coldstart: time from starting the runtime process to its first successful
 * call (contest.list over HTTP), on a data dir holding 1,000,000 documents (BENCH_SCALE shrinks
 * it): once as the writes left it (journal, plus whatever automatic compaction did), once after
 * compaction (one snapshot). Baseline, same run: an empty data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmulator, type Doc } from '../local/emulator';
import { callAt, killAllChildren, startChild } from '../test/reliability/lib/child';
import type { Bench, BenchRow } from './harness';

const TARGET_MS = 15_000;
const BATCH = 10_000;
const NOW = '2026-03-02T02:00:00Z';

interface Start {
  ms: number;
  snapshotDocs: number;
  journalRecords: number;
  warnings: string[];
}

/** Spawns the runtime on `dataDir` and calls it until a call succeeds. */
async function coldStart(dataDir: string): Promise<Start> {
  const t0 = process.hrtime.bigint();
  const child = await startChild(dataDir, {}, 300_000);
  try {
    for (;;) {
      const r = await callAt(child.url, 'contest', { action: 'list' }, 'bench-first-caller', NOW);
      if (r.ok) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, snapshotDocs: child.report.snapshotDocs, journalRecords: child.report.journalRecords, warnings: child.report.warnings };
  } finally {
    await child.stop();
  }
}

async function fill(dataDir: string, total: number, progress: (m: string) => void): Promise<void> {
  const emulator = await openEmulator({ dataDir, log: () => undefined });
  try {
    const at = new Date(NOW);
    let lastShown = Date.now();
    for (let done = 0; done < total;) {
      const n = Math.min(BATCH, total - done);
      const docs: Doc[] = [];
      for (let k = 0; k < n; k++) {
        const i = done + k;
        docs.push({
          _id: `cold:p${i % 20}:voter-${i}:2026-03-02`,
          contestId: 'cold',
          projectId: `p${i % 20}`,
          openid: `voter-${i}`,
          day: '2026-03-02',
          slot: 0,
          at,
          receipt: `R${i.toString(36)}`,
        });
      }
      await emulator.db.insert('votes', docs);
      done += n;
      if (Date.now() - lastShown > 2_000 || done === total) {
        progress(`store: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} documents`);
        lastShown = Date.now();
      }
    }
  } finally {
    await emulator.close();
  }
}

async function compact(dataDir: string): Promise<void> {
  const emulator = await openEmulator({ dataDir, log: () => undefined });
  try {
    await emulator.compact();
  } finally {
    await emulator.close();
  }
}

export const run: Bench = async (ctx) => {
  const total = Math.max(1_000, Math.round(1_000_000 * ctx.scale));
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-cold-empty-'));
  const bigDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-cold-big-'));
  try {
    ctx.progress('cold start on an empty data dir (baseline)');
    const empty = await coldStart(emptyDir);
    await fill(bigDir, total, ctx.progress);
    ctx.progress(`cold start on ${total.toLocaleString('en')} documents as written`);
    const journal = await coldStart(bigDir);
    ctx.progress('compacting into one snapshot');
    await compact(bigDir);
    ctx.progress(`cold start on ${total.toLocaleString('en')} documents after compaction`);
    const snapshot = await coldStart(bigDir);
    const row = (label: string, s: Start): BenchRow => ({
      name: `cold start @ ${total.toLocaleString('en')} docs, ${label}`,
      figure: s.ms / 1000,
      unit: 's',
      target: `≤ ${TARGET_MS / 1000} s to the first successful call`,
      met: s.ms <= TARGET_MS && s.warnings.length === 0,
      baseline: empty.ms / 1000,
      ratio: empty.ms / s.ms,
      note: `loaded ${s.snapshotDocs.toLocaleString('en')} snapshot docs + ${s.journalRecords.toLocaleString('en')} journal records${s.warnings.length ? `; warnings: ${s.warnings.join('; ')}` : ''}; baseline = empty data dir`,
    });
    return [row('as written', journal), row('after compaction', snapshot)];
  } finally {
    await killAllChildren();
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(bigDir, { recursive: true, force: true });
  }
};
