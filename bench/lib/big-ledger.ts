/**
 * Shared set-up of the big-ledger benches (leaderboard, reconcile): an in-process runtime on a
 * fresh data dir, a contest with projects created through the functions, and ledger rows,
 * tally shards and quotas written straight into the emulator's store in bulk (as a million
 * votes would have left them), with progress output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRuntime, type Runtime } from '../../local/runtime';
import type { Doc } from '../../local/emulator';

export const ADMIN = 'admin-1';
/** Inside the contest's voting window (Asia/Shanghai 2026-03-02 10:00). */
export const NOW = '2026-03-02T02:00:00Z';
const DAY = '2026-03-02';
/** Each voter votes for this many different projects (one per project per day). */
const VOTES_PER_VOTER = 5;
const BATCH = 5_000;

export interface Envelope<T = Record<string, unknown>> {
  ok: boolean;
  data?: T;
  code?: string;
  message?: string;
}

export interface BigLedger {
  rt: Runtime;
  contestId: string;
  projectIds: string[];
  /** Ledger rows written so far. */
  rows: number;
  call<T = Record<string, unknown>>(fn: string, data: Record<string, unknown>, openid?: string): Promise<Envelope<T>>;
  /** Writes ledger rows (and their shards and quotas) up to about `total` rows (whole voters). */
  growTo(total: number, progress: (msg: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** Off the cloud, the node SDK probes a metadata host before requests unless told where it runs. */
export function declareCloudPlatform(): void {
  // Once a runtime has started in this process, process.env is its per-call view: set only if unset.
  if (process.env.TENCENTCLOUD === undefined) process.env.TENCENTCLOUD = 'true';
}

export async function openBigLedger(projects: number): Promise<BigLedger> {
  declareCloudPlatform();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-'));
  const rt = await startRuntime({ port: 0, dataDir, seed: 'none', env: { ADMIN_OPENIDS: ADMIN }, preview: false, quiet: true });
  const call = async <T>(fn: string, data: Record<string, unknown>, openid = ADMIN): Promise<Envelope<T>> => {
    const res = await fetch(`${rt.url}/api/call/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid, 'x-now': NOW },
      body: JSON.stringify(data),
    });
    return (await res.json()) as Envelope<T>;
  };
  const must = async <T>(what: string, p: Promise<Envelope<T>>): Promise<T> => {
    const r = await p;
    if (!r.ok || r.data === undefined) throw new Error(`${what}: ${String(r.code)} ${String(r.message)}`);
    return r.data;
  };
  const { contestId } = await must(
    'contest.create',
    call<{ contestId: string }>('contest', {
      action: 'create',
      title: '压测评选',
      voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' },
    }),
  );
  const projectIds: string[] = [];
  for (let i = 0; i < projects; i++) {
    const { projectId } = await must(
      'contest.addProject',
      call<{ projectId: string }>('contest', { action: 'addProject', contestId, title: `项目${i + 1}`, team: `队伍${i + 1}` }),
    );
    projectIds.push(projectId);
  }
  // One real vote, so that the shard and quota documents exist in the shape the function writes.
  await must('vote.cast', call('vote', { action: 'cast', contestId, projectId: projectIds[0] }, 'bench-first-voter'));
  const db = rt.emulator.db;
  const state: BigLedger = {
    rt,
    contestId,
    projectIds,
    rows: 1,
    call,
    async growTo(total, progress) {
      const at = new Date(NOW);
      let lastShown = Date.now();
      // Whole voters only (so each quota document is written once): round the seeded rows up.
      total = 1 + Math.ceil((total - 1) / VOTES_PER_VOTER) * VOTES_PER_VOTER;
      while (state.rows < total) {
        // Seeded rows are numbered from 0 apart from the one real vote; batches hold whole voters.
        const first = state.rows - 1;
        const n = Math.min(BATCH, total - state.rows);
        const votes: Doc[] = [];
        const perProject = new Map<string, number>();
        const quotaCounts = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const i = first + k;
          const openid = `bench-voter-${Math.floor(i / VOTES_PER_VOTER)}`;
          const projectId = projectIds[(Math.floor(i / VOTES_PER_VOTER) + (i % VOTES_PER_VOTER)) % projectIds.length];
          votes.push({
            _id: `${contestId}:${projectId}:${openid}:${DAY}`,
            contestId,
            projectId,
            openid,
            day: DAY,
            slot: 0,
            at,
            receipt: `R${i.toString(36).toUpperCase()}`,
          });
          perProject.set(projectId, (perProject.get(projectId) ?? 0) + 1);
          quotaCounts.set(openid, (quotaCounts.get(openid) ?? 0) + 1);
        }
        await db.insert('votes', votes);
        await db.insert(
          'vote_quotas',
          [...quotaCounts].map(([openid, count]) => ({ _id: `${contestId}:${openid}:${DAY}`, contestId, openid, day: DAY, count })),
        );
        // Concurrent writes share the journal's group commit.
        await Promise.all([...perProject].map(([projectId, c]) => db.update('tally_shards', { contestId, projectId }, { $inc: { n: c } })));
        state.rows += n;
        if (Date.now() - lastShown > 2_000 || state.rows === total) {
          progress(`ledger: ${state.rows.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
          lastShown = Date.now();
        }
      }
    },
    async close() {
      await rt.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return state;
}
