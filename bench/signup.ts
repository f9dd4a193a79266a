/**
 * npm run bench -- signup: a crowd signs up for one activity at once through the functions
 * host over HTTP. Reports sign-ups/s, database round trips per sign-up (emulator stats) and
 * whether the seats came out exact. The baseline is the same crowd with the in-process queue
 * switched off, every sign-up racing in its own transaction and retrying on conflicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../build/functions';
import { type Bench, type BenchRow } from './harness';
import { caller, declareCloudPlatform, load } from './lib/client';

const ADMIN = 'admin-1';
const START = new Date(Date.now() + 7 * 86_400_000);

interface Round {
  perSecond: number;
  roundTrips: number;
  confirmed: number;
  waitlisted: number;
  failures: number;
}

async function crowdRound(url: string, stats: () => number, crowd: number, seats: number, width: number, tag: string): Promise<Round> {
  const call = caller(url);
  const created = await call(
    'activity',
    { action: 'create', title: `压测活动 ${tag}`, startsAt: START.toISOString(), endsAt: new Date(START.getTime() + 7_200_000).toISOString(), capacity: seats },
    ADMIN,
  );
  if (!created.ok) throw new Error(`create failed: ${created.code}`);
  const activityId = String(created.data?.activityId);
  const before = stats();
  const calls = Array.from({ length: crowd }, (_x, i) => ({
    fn: 'activity',
    data: { action: 'signup', activityId, form: { name: '居民', phone: `139${String(i).padStart(8, '0')}` } },
    openid: `${tag}-${i}`,
  }));
  const { replies, ms } = await load({ url, calls, concurrency: width });
  const roundTrips = (stats() - before) / crowd;
  const statuses = replies.map((r) => (r.ok ? String(r.data?.status) : `fail:${r.code}`));
  return {
    perSecond: crowd / (ms / 1000),
    roundTrips,
    confirmed: statuses.filter((s) => s === 'confirmed').length,
    waitlisted: statuses.filter((s) => s === 'waitlisted').length,
    failures: statuses.filter((s) => s.startsWith('fail')).length,
  };
}

export const run: Bench = async (ctx) => {
  declareCloudPlatform();
  await buildFunctions(['activity', 'role']);
  const { startRuntime } = await import('../local/runtime');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-signup-'));
  const runtime = await startRuntime({ port: 0, dataDir, seed: 'none', env: { ADMIN_OPENIDS: ADMIN }, preview: false, quiet: true });
  const stats = () => runtime.emulator.stats().requests;
  const crowd = Math.max(100, Math.round(1000 * ctx.scale));
  const seats = 30;
  try {
    ctx.progress(`${crowd} residents sign up for ${seats} seats at once`);
    const queuedRound = await crowdRound(runtime.url, stats, crowd, seats, crowd, 'q');
    ctx.progress(`baseline: ${Math.round(crowd / 10)} residents racing in raw transactions`);
    process.env.DOORSTEP_QUEUES = 'off';
    const raced = await crowdRound(runtime.url, stats, Math.round(crowd / 10), seats, Math.round(crowd / 10), 'r');
    delete process.env.DOORSTEP_QUEUES;
    const exact = queuedRound.confirmed === seats && queuedRound.waitlisted === crowd - seats && queuedRound.failures === 0;
    const rows: BenchRow[] = [
      {
        name: 'signup throughput',
        figure: queuedRound.perSecond,
        unit: 'sign-ups/s',
        target: '>= 50 sign-ups/s',
        met: queuedRound.perSecond >= 50,
        baseline: raced.perSecond,
        ratio: queuedRound.perSecond / raced.perSecond,
        note: `${crowd} at once, one hot activity; baseline = racing transactions (${Math.round(crowd / 10)} residents)`,
      },
      {
        name: 'signup round trips',
        figure: queuedRound.roundTrips,
        unit: 'DB calls/sign-up',
        target: '<= 8',
        met: queuedRound.roundTrips <= 8,
        baseline: raced.roundTrips,
        ratio: raced.roundTrips / queuedRound.roundTrips,
        note: 'emulator requests per sign-up; baseline includes conflict retries',
      },
      {
        name: 'signup exactness',
        figure: queuedRound.confirmed,
        unit: 'confirmed',
        target: `= ${seats}, rest waitlisted`,
        met: exact,
        note: `${queuedRound.waitlisted} waitlisted, ${queuedRound.failures} failed; baseline ${raced.confirmed} confirmed, ${raced.failures} failed`,
      },
    ];
    return rows;
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
