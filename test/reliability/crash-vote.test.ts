/**
 * Crash test (1): kill -9 the runtime at random moments during a vote storm, restart it on the
 * same data dir, reconcile. Every vote whose call answered ok must be in the ledger and in the
 * tally; tallies equal the ledger; quotas equal the ledger.
 *
 * Size: CRASH_ROUNDS kills (default 3), CRASH_VOTERS residents per round (default 40), each
 * voting for every project. CRASH_SEED replays the kill timings.
 */
import { openEmulator } from '../../local/emulator';
import { callAt, cleanUp, freshDataDir, must, startChild, type ChildRuntime, type Reply } from './lib/child';
import { seededRandom as rng } from '../../local/seeded-random';
import { voteState } from './lib/vote-check';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const VOTERS = Number(process.env.CRASH_VOTERS ?? 40);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const PROJECTS = 3;
const CONCURRENCY = 16;
const ADMIN = 'admin-1';
const NOW = '2026-03-02T02:00:00Z';

jest.setTimeout(240_000);

let child: ChildRuntime | undefined;

afterAll(cleanUp);

/** Fires every (voter, project) cast with bounded concurrency; records the acknowledged ones. Connection errors end a worker. */
async function storm(
  url: string,
  tasks: [string, string][],
  contestId: string,
  acked: Set<string>,
  refused: Map<string, number>,
  onAck: () => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const [openid, projectId] = tasks[next++];
      let r: Reply;
      try {
        r = await callAt(url, 'vote', { action: 'cast', contestId, projectId }, openid, NOW);
      } catch {
        return; // the server is gone: the answer is unknown, so the vote may or may not count
      }
      if (r.ok) {
        acked.add(`${openid}|${projectId}`);
        onAck();
      } else refused.set(String(r.code), (refused.get(String(r.code)) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

test(`kill -9 during a vote storm loses no acknowledged vote; reconcile makes tallies equal the ledger (seed ${SEED})`, async () => {
  const random = rng(SEED);
  const dataDir = freshDataDir('crash');
  child = await startChild(dataDir);
  const { contestId } = await must(
    'contest.create',
    callAt<{ contestId: string }>(
      child.url,
      'contest',
      {
        action: 'create',
        title: '崩溃测试',
        voting: { startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-31T00:00:00+08:00' },
        rateLimit: { max: 1000, windowSeconds: 1 },
      },
      ADMIN,
      NOW,
    ),
  );
  const projectIds: string[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const { projectId } = await must(
      'contest.addProject',
      callAt<{ projectId: string }>(child.url, 'contest', { action: 'addProject', contestId, title: `项目${i}`, team: `队伍${i}` }, ADMIN, NOW),
    );
    projectIds.push(projectId);
  }

  const acked = new Set<string>();
  const refused = new Map<string, number>();
  const tornWarnings: string[] = [];
  let kills = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const tasks: [string, string][] = [];
    for (let v = 0; v < VOTERS; v++) for (const p of projectIds) tasks.push([`r${round}-voter-${v}`, p]);
    // Warm the functions first, so the kill lands in the storm rather than in a cold start.
    await must('contest.get', callAt(child.url, 'contest', { action: 'get', contestId }, 'warm-up', NOW));
    // The kill lands after a random number of acknowledged votes (load-independent), with
    // requests in flight; if the storm ends first, the kill hits a quiet server.
    const killAt = 1 + Math.floor(random() * tasks.length * 0.7);
    const current = child;
    let ackedThisRound = 0;
    let killing: Promise<void> | undefined;
    await storm(current.url, tasks, contestId, acked, refused, () => {
      if (++ackedThisRound === killAt) killing = current.kill9();
    });
    await (killing ?? current.kill9());
    kills++;
    child = await startChild(dataDir);
    tornWarnings.push(...child.report.warnings);
  }

  // After the last restart: the reconcile job, then one more vote to prove the store still takes writes.
  const rec = await must(
    'vote.reconcile',
    callAt<{ reports: { fixes: unknown[]; quotasFixed: number; unsettled: number }[] }>(child.url, 'vote', { action: 'reconcile', contestId }, ADMIN, NOW),
  );
  expect(rec.reports[0]?.unsettled ?? 0).toBe(0);
  const after = await callAt(child.url, 'vote', { action: 'cast', contestId, projectId: projectIds[0] }, 'after-crash-voter', NOW);
  expect(after.ok).toBe(true);
  acked.add(`after-crash-voter|${projectIds[0]}`);
  const board = await must(
    'contest.leaderboard',
    callAt<{ items: { projectId: string; votes: number | null }[] }>(child.url, 'contest', { action: 'leaderboard', contestId }, 'anyone', NOW),
  );
  await child.stop();

  const emulator = await openEmulator({ dataDir, log: () => undefined });
  try {
    const state = voteState(emulator.db, contestId);
    if (process.env.CRASH_VERBOSE)
      console.log({ seed: SEED, kills, acked: acked.size, ledger: state.ledger, refused: Object.fromEntries(refused), tornWarnings });
    const inLedger = new Set(emulator.db.find('votes', { contestId }).map((r) => `${String(r.openid)}|${String(r.projectId)}`));
    const lost = [...acked].filter((k) => !inLedger.has(k));
    expect({ seed: SEED, lost }).toEqual({ seed: SEED, lost: [] });
    expect(acked.size).toBeGreaterThan(ROUNDS);
    expect(kills).toBe(ROUNDS);
    expect(state.shards).toEqual(state.ledger);
    expect(state.quotaMismatches).toEqual({});
    const boardVotes = Object.fromEntries(board.items.filter((i) => i.votes).map((i) => [i.projectId, i.votes]));
    expect(boardVotes).toEqual(state.ledger);
    // Refusals other than these would mean the storm itself was broken (not the crash).
    expect([...refused.keys()].filter((c) => !['INTERNAL', 'CONFLICT'].includes(c))).toEqual([]);
  } finally {
    await emulator.close();
  }
});
