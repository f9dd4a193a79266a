/**
 * Crash test (2): failures injected between the ledger insert and the counter update (the
 * emulator's test-only fault hook, DOORSTEP_FAULTS). The ledger row is the vote: the call
 * answers ok, the tally falls behind, and reconcile brings the tally back to the ledger.
 * A failed ledger insert is a failed call that gives the quota back at once.
 */
import { startTestRuntime, ADMIN, type TestRuntime } from '../helpers/runtime';
import { voteState } from './lib/vote-check';

const NOW = '2026-03-02T02:00:00Z';
const FAILED_COUNTS = 4;
const FAILED_INSERTS = 2;

let rt: TestRuntime;

beforeAll(async () => {
  // The injected faults are logged by the function as unexpected errors: expected here.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Read by the emulator when it opens: shard increments 3..6 fail, then ledger inserts 4..5.
  process.env.DOORSTEP_FAULTS = JSON.stringify([
    { action: 'database.modifyDocument', collection: 'tally_shards', skip: 2, fail: FAILED_COUNTS },
    { action: 'database.insertDocument', collection: 'votes', skip: 3 + FAILED_COUNTS, fail: FAILED_INSERTS },
  ]);
  try {
    rt = await startTestRuntime();
  } finally {
    delete process.env.DOORSTEP_FAULTS;
  }
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; code?: string; message?: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${String(r.code)} ${String(r.message)}`);
  return r.data as T;
}

test('reconcile repairs tallies left behind by failures between ledger insert and counter update', async () => {
  const { contestId } = await ok<{ contestId: string }>(
    rt.call(
      'contest',
      { action: 'create', title: '故障注入', voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' } },
      { openid: ADMIN, now: NOW },
    ),
  );
  const { projectId } = await ok<{ projectId: string }>(
    rt.call('contest', { action: 'addProject', contestId, title: '项目', team: '队伍' }, { openid: ADMIN, now: NOW }),
  );

  const codes: string[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await rt.call('vote', { action: 'cast', contestId, projectId }, { openid: `voter-${i}`, now: NOW });
    codes.push(r.ok ? 'OK' : r.code);
  }
  // Only the failed ledger inserts fail the call; a vote whose count failed stands.
  expect(codes.filter((c) => c !== 'OK')).toEqual(Array(FAILED_INSERTS).fill('INTERNAL'));

  const db = rt.runtime.emulator.db;
  const before = voteState(db, contestId);
  // The votes whose counter update failed are in the ledger but not in the tally.
  expect(before.ledger[projectId]).toBe(12 - FAILED_INSERTS);
  expect(before.shards[projectId]).toBe(12 - FAILED_INSERTS - FAILED_COUNTS);
  // A failed ledger insert gave its quota back; a failed count kept the (used) quota.
  expect(before.quotaMismatches).toEqual({});

  const rec = await ok<{ reports: { fixes: { projectId: string; ledger: number; counted: number; fixed: boolean }[] }[] }>(
    rt.call('vote', { action: 'reconcile', contestId }, { openid: ADMIN, now: NOW }),
  );
  expect(rec.reports[0].fixes).toEqual([{ projectId, ledger: 12 - FAILED_INSERTS, counted: 12 - FAILED_INSERTS - FAILED_COUNTS, fixed: true }]);

  const after = voteState(db, contestId);
  expect(after.shards).toEqual(after.ledger);
  const board = await ok<{ items: { projectId: string; votes: number | null }[] }>(
    rt.call('contest', { action: 'leaderboard', contestId }, { openid: 'anyone', now: NOW }),
  );
  expect(board.items.find((i) => i.projectId === projectId)?.votes).toBe(12 - FAILED_INSERTS);

  // A second reconcile finds nothing left to fix.
  const again = await ok<{ reports: { fixes: unknown[] }[] }>(rt.call('vote', { action: 'reconcile', contestId }, { openid: ADMIN, now: NOW }));
  expect(again.reports[0].fixes).toEqual([]);
});
