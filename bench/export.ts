/**
 * npm run bench -- export: report.export of a contest with a 100,000-row vote ledger (× BENCH_SCALE),
 * over HTTP through the functions host: seconds until the fileID comes back (target < 30 s),
 * with the workbook streamed and the ledger read in keyset pages. Baseline in the same run: the
 * naive way — every ledger row read into memory at once and a non-streaming exceljs Workbook
 * written to a buffer (reading straight from the store, which favours it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startRuntime } from '../local/runtime';
import { timed, type Bench, type BenchRow } from './harness';
import { caller, declareCloudPlatform, type Envelope } from './lib/client';
import { voteId } from '../cloudfunctions/common/vote/model';
import { voterHash } from '../cloudfunctions/common/vote/chain';

const ADMIN = 'admin-1';
const NOW = '2026-01-20T02:00:00Z';
const PROJECTS = 12;
const TARGET_SECONDS = 30;

function must(res: Envelope, what: string): Record<string, unknown> {
  if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`);
  return res.data;
}

export const run: Bench = async ({ scale, progress }) => {
  declareCloudPlatform();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-export-'));
  const rt = await startRuntime({ port: 0, dataDir, seed: 'none', env: { ADMIN_OPENIDS: ADMIN }, preview: false, quiet: true });
  try {
    const asAdmin = caller(rt.url, NOW);
    const call = (fn: string, data: Record<string, unknown>) => asAdmin(fn, data, ADMIN);
    const contestId = String(
      must(
        await call('contest', { action: 'create', title: '导出基准', voting: { startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-01-31T00:00:00+08:00' } }),
        'create',
      ).contestId,
    );
    const projectIds: string[] = [];
    for (let i = 0; i < PROJECTS; i++) {
      projectIds.push(
        String(must(await call('contest', { action: 'addProject', contestId, title: `项目${i + 1}`, team: `团队${i + 1}` }), 'addProject').projectId),
      );
    }
    const rows = Math.max(1000, Math.round(100_000 * scale));
    progress(`seeding ${rows} ledger rows`);
    const BATCH = 5000;
    for (let start = 0; start < rows; start += BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(rows, start + BATCH); i++) {
        const projectId = projectIds[(i * 7) % PROJECTS];
        const openid = `voter-${i % Math.ceil(rows / 3)}`;
        const day = `2026-01-${String(10 + (i % 9)).padStart(2, '0')}`;
        batch.push({
          _id: voteId(contestId, projectId, openid, day),
          contestId,
          projectId,
          openid,
          day,
          slot: 0,
          at: new Date(`${day}T03:00:00Z`),
          receipt: `R${i}`,
        });
      }
      await rt.emulator.db.insert('votes', batch);
    }

    progress('report.export over HTTP');
    const ours = await timed(() => call('report', { action: 'export', contestId }));
    const data = must(ours.value, 'export');
    const sheets = (data.sheets as { name: string; rows: number }[]) ?? [];
    const ledgerRows = sheets.find((s) => s.name === '投票明细')?.rows ?? 0;

    progress('naive baseline: whole ledger in memory, non-streaming workbook');
    const naive = await timed(async () => {
      const all = rt.emulator.db.find('votes', { contestId });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('投票明细');
      ws.addRow(['序号', '回执码', '项目', '投票日', '投票人']);
      all.forEach((v, i) => ws.addRow([i + 1, String(v.receipt), String(v.projectId), String(v.day), voterHash(String(v.openid), 'salt')]));
      return (await wb.xlsx.writeBuffer()).byteLength;
    });

    const seconds = ours.ms / 1000;
    const out: BenchRow[] = [
      {
        name: `export ${rows} ledger rows`,
        figure: seconds,
        unit: 's',
        target: `< ${TARGET_SECONDS} s for 100,000 rows`,
        met: ledgerRows === rows && seconds * (100_000 / rows) < TARGET_SECONDS,
        baseline: naive.ms / 1000,
        ratio: naive.ms / ours.ms,
        note: `ledger sheet ${ledgerRows} rows; baseline reads the store directly and skips the other sheets`,
      },
      {
        name: 'export throughput',
        figure: rows / seconds,
        unit: 'rows/s',
        target: `>= ${Math.round(100_000 / TARGET_SECONDS)} rows/s`,
        met: rows / seconds >= 100_000 / TARGET_SECONDS,
      },
    ];
    return out;
  } finally {
    await rt.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
