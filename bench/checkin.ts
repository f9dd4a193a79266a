/**
 * npm run bench -- checkin: a crowd scans the organizer's live QR for one activity at once,
 * through the functions host over HTTP. Reports check-ins/s, database round trips per
 * check-in (emulator stats), and whether the ledger holds exactly one check-in per person
 * after a second wave of repeat scans. The baseline is the same crowd one at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../build/functions';
import { type Bench, type BenchRow } from './harness';
import { caller, declareCloudPlatform, load, type Envelope } from './lib/client';

const ADMIN = 'admin-1';
const WIDTH = Number(process.env.BENCH_WIDTH ?? 50);
/** The activity's start; every call's X-Now is a minute after it, inside the check-in window. */
const START = new Date('2026-03-05T02:00:00.000Z');
const NOW = new Date(START.getTime() + 60_000).toISOString();

interface Round {
  perSecond: number;
  roundTrips: number;
  ok: number;
}

async function crowdRound(
  url: string,
  stats: () => number,
  crowd: number,
  width: number,
  tag: string,
): Promise<Round & { ledger: number; repeatsRefused: number }> {
  const call = caller(url, NOW);
  const created = await call(
    'activity',
    {
      action: 'create',
      title: `签到压测 ${tag}`,
      startsAt: START.toISOString(),
      endsAt: new Date(START.getTime() + 7_200_000).toISOString(),
      capacity: 10_000,
    },
    ADMIN,
  );
  if (!created.ok) throw new Error(`create failed: ${created.code}`);
  const activityId = String(created.data?.activityId);
  const tokenReply = await call('checkin', { action: 'token', activityId }, ADMIN);
  if (!tokenReply.ok) throw new Error(`token failed: ${tokenReply.code}`);
  const token = String(tokenReply.data?.token);
  const before = stats();
  const scans = (n: number) => Array.from({ length: n }, (_x, i) => ({ fn: 'checkin', data: { action: 'scan', token }, openid: `${tag}-${i}` }));
  const { replies, ms } = await load({ url, calls: scans(crowd), concurrency: width, now: NOW });
  const roundTrips = (stats() - before) / crowd;
  const repeats: Envelope[] = (await load({ url, calls: scans(Math.ceil(crowd / 5)), concurrency: width, now: NOW })).replies;
  const statsReply = await call('checkin', { action: 'stats', activityId }, ADMIN);
  return {
    perSecond: crowd / (ms / 1000),
    roundTrips,
    ok: replies.filter((r) => r.ok).length,
    ledger: statsReply.ok ? Number(statsReply.data.checkedIn) : -1,
    repeatsRefused: repeats.filter((r) => !r.ok && r.code === 'ALREADY_CHECKED_IN').length,
  };
}

export const run: Bench = async (ctx) => {
  declareCloudPlatform();
  await buildFunctions(['activity', 'checkin', 'role']);
  const { startRuntime } = await import('../local/runtime');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-checkin-'));
  const runtime = await startRuntime({ port: 0, dataDir, seed: 'none', env: { ADMIN_OPENIDS: ADMIN }, preview: false, quiet: true });
  const stats = () => runtime.emulator.stats().requests;
  const crowd = Math.max(100, Math.round(2000 * ctx.scale));
  try {
    ctx.progress(`${crowd} residents scan one token, ${WIDTH} at a time`);
    const crowdResult = await crowdRound(runtime.url, stats, crowd, WIDTH, 'c');
    const serialCrowd = Math.max(50, Math.round(crowd / 10));
    ctx.progress(`baseline: ${serialCrowd} residents one at a time`);
    const serial = await crowdRound(runtime.url, stats, serialCrowd, 1, 's');
    const exact = crowdResult.ok === crowd && crowdResult.ledger === crowd && crowdResult.repeatsRefused === Math.ceil(crowd / 5);
    const rows: BenchRow[] = [
      {
        name: 'checkin.scan throughput',
        figure: crowdResult.perSecond,
        unit: 'check-ins/s',
        target: '>= 100 check-ins/s (500 people in 5 s)',
        met: crowdResult.perSecond >= 100,
        baseline: serial.perSecond,
        ratio: crowdResult.perSecond / serial.perSecond,
        note: `${crowd} scans, ${WIDTH} in flight; baseline one at a time`,
      },
      {
        name: 'checkin.scan round trips',
        figure: crowdResult.roundTrips,
        unit: 'db requests/check-in',
        target: '<= 4, 2 in sequence',
        met: crowdResult.roundTrips <= 4,
        note: 'activity, own sign-up and thank-you grant read in parallel, then the insert',
      },
      {
        name: 'checkin ledger exact',
        figure: crowdResult.ledger,
        unit: 'check-ins',
        target: `= ${crowd}, repeats refused`,
        met: exact,
        note: `${crowdResult.repeatsRefused} repeat scans answered ALREADY_CHECKED_IN`,
      },
    ];
    return rows;
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
