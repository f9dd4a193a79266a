/** Shared set-up of the voting API tests: a contest with projects, created by the admin persona. */
import type { ContestApi } from '../../typings';
import { ADMIN, expectOk, type TestRuntime } from '../helpers/runtime';

export { codeOf } from '../helpers/runtime';

export const START = '2026-01-08T09:00:00+08:00';
export const END = '2026-01-13T00:00:00+08:00';
/** Beijing 2026-01-09 10:00. */
export const DAY2 = '2026-01-09T02:00:00Z';

export type CreateOpts = Partial<Omit<ContestApi['create']['req'], 'voting'>> & { voting?: Partial<ContestApi['create']['req']['voting']> };

export async function makeContest(rt: TestRuntime, projects: number, opts: CreateOpts = {}): Promise<{ contestId: string; projectIds: string[] }> {
  const { voting, ...rest } = opts;
  const { contestId } = expectOk(
    await rt.api('contest', 'create', { title: '最佳人气奖', ...rest, voting: { startsAt: START, endsAt: END, ...voting } }, { openid: ADMIN }),
  );
  const projectIds: string[] = [];
  for (let i = 0; i < projects; i++) {
    const res = await rt.api(
      'contest',
      'addProject',
      { contestId, title: `项目${i + 1}`, team: `队伍${i + 1}`, community: i % 2 ? '悦园小区' : '大冲社区' },
      { openid: ADMIN },
    );
    projectIds.push(expectOk(res).projectId);
  }
  return { contestId, projectIds };
}

export function vote(rt: TestRuntime, contestId: string, projectId: string, openid: string, now: string = DAY2) {
  return rt.api('vote', 'cast', { contestId, projectId }, { openid, now });
}

/** Document counts of the voting collections: "nothing written" means these do not change. */
export function collectionCounts(rt: TestRuntime): Record<string, number> {
  const db = rt.runtime.emulator.db;
  const names = ['contests', 'projects', 'votes', 'vote_quotas', 'tally_shards', 'ledger_blocks', 'audit'];
  return Object.fromEntries(names.map((n) => [n, db.collections().includes(n) ? db.count(n) : 0]));
}

/** The ledger's counted rows per project, straight from the store. */
export function ledgerTally(rt: TestRuntime, contestId: string): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const row of rt.runtime.emulator.db.find('votes', { contestId })) {
    if (row.voided) continue;
    const p = String(row.projectId);
    tally[p] = (tally[p] ?? 0) + 1;
  }
  return tally;
}

/** The tally shards' sums per project, straight from the store. */
export function shardTally(rt: TestRuntime, contestId: string): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const s of rt.runtime.emulator.db.find('tally_shards', { contestId })) {
    const p = String(s.projectId);
    const n = Number(s.n);
    if (n !== 0 || tally[p] !== undefined) tally[p] = (tally[p] ?? 0) + n;
  }
  for (const p of Object.keys(tally)) if (tally[p] === 0) delete tally[p];
  return tally;
}
