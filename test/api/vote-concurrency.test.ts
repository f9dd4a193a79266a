/**
 * 2,000 residents × 5 vote attempts fired concurrently at the functions host: accepted votes
 * equal the allowed distinct (person, project, day), counters equal the ledger, no duplicates.
 */
import type { Envelope, VoteApi } from '../../typings';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { DAY2, ledgerTally, makeContest, shardTally } from './vote-helpers';

const RESIDENTS = Number(process.env.VOTE_CROWD ?? 2000);
const IN_FLIGHT = 400;

let rt: TestRuntime;
beforeAll(async () => {
  // In the cloud the SDK knows it runs on Tencent Cloud (TENCENTCLOUD_RUNENV=SCF); without a
  // hint it probes a metadata host on every request, which only slows the local run.
  process.env.TENCENTCLOUD = process.env.TENCENTCLOUD ?? 'true';
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

/** Runs every job with at most `limit` in flight, in a shuffled order. */
async function fire<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const order = jobs.map((_j, i) => i).sort(() => Math.random() - 0.5);
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < order.length) {
        const i = order[next++];
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

jest.setTimeout(240_000);

/** `residents` × [a, b, a, c, b] at once under perDay 2: exactly 2 accepted each, tallies = ledger. */
async function crowdVotes(residents: number, tag: string): Promise<void> {
  // perDay 2: each resident tries projects [a, b, a, c, b] → exactly 2 accepted, 3 refused.
  const { contestId, projectIds } = await makeContest(rt, 15, { voting: { perDay: 2 } });
  const jobs: (() => Promise<Envelope<VoteApi['cast']['res']>>)[] = [];
  for (let r = 0; r < residents; r++) {
    const [a, b, c] = [r % 15, (r + 1) % 15, (r + 7) % 15].map((i) => projectIds[i]);
    for (const projectId of [a, b, a, c, b]) {
      jobs.push(() => rt.api('vote', 'cast', { contestId, projectId }, { openid: `${tag}-${r}`, now: DAY2 }));
    }
  }
  const results = await fire(jobs, IN_FLIGHT);
  const codes: Record<string, number> = {};
  for (const res of results) {
    const code = res.ok ? 'OK' : res.code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  expect(codes.OK).toBe(residents * 2);
  expect((codes.ALREADY_VOTED_TODAY ?? 0) + (codes.DAILY_LIMIT_REACHED ?? 0)).toBe(residents * 3);

  const db = rt.runtime.emulator.db;
  const rows = db.find('votes', { contestId });
  expect(rows).toHaveLength(residents * 2);
  const perPerson = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = perPerson.get(String(row.openid)) ?? new Set<string>();
    set.add(String(row.projectId));
    perPerson.set(String(row.openid), set);
  }
  expect(perPerson.size).toBe(residents);
  expect([...perPerson.values()].every((s) => s.size === 2)).toBe(true);
  expect(new Set(rows.map((r) => `${r.openid}|${r.projectId}|${r.day}`)).size).toBe(rows.length);
  expect(shardTally(rt, contestId)).toEqual(ledgerTally(rt, contestId));
  const quotas = db.find('vote_quotas', { contestId });
  expect(quotas).toHaveLength(residents);
  expect(quotas.every((q) => q.count === 2)).toBe(true);
  const board = await rt.api('contest', 'leaderboard', { contestId }, { now: DAY2 });
  expect(board.ok && board.data.total).toBe(residents * 2);
}

it('accepts exactly the allowed votes under concurrency, with tallies equal to the ledger', async () => {
  await crowdVotes(RESIDENTS, 'crowd');
});

it('stays exact with the in-process queue off: the database rules alone (as across instances)', async () => {
  process.env.DOORSTEP_QUEUES = 'off';
  try {
    await crowdVotes(Math.ceil(RESIDENTS / 4), 'raw');
  } finally {
    delete process.env.DOORSTEP_QUEUES;
  }
});

it("a resident's simultaneous taps on one project cost one vote's work: the repeats wait and are refused from memory", async () => {
  const { contestId, projectIds } = await makeContest(rt, 3, { voting: { perDay: 1 } });
  const tap = () => rt.api('vote', 'cast', { contestId, projectId: projectIds[0] }, { openid: 'double-tapper', now: DAY2 });
  // Someone else's vote first: the vote function has the contest and tallies cached, as in a running contest.
  await rt.api('vote', 'cast', { contestId, projectId: projectIds[1] }, { openid: 'neighbour', now: DAY2 });
  rt.runtime.emulator.resetStats();
  const results = await Promise.all(Array.from({ length: 8 }, tap));
  expect(results.map((r) => (r.ok ? 'OK' : r.code)).sort()).toEqual([
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'ALREADY_VOTED_TODAY',
    'OK',
  ]);
  // Quota, ledger, tally shard: the accepted vote's three round trips (a fourth if the
  // instance's tally copy expired meanwhile on a slow machine); the repeats make none.
  expect(rt.runtime.emulator.stats().requests).toBeLessThanOrEqual(4);
  expect(rt.runtime.emulator.db.find('vote_quotas', { contestId, openid: 'double-tapper' })).toMatchObject([{ count: 1 }]);
});
