/**
 * The voting invariants, read straight from a store: the ledger per project, the tally shards'
 * sums, and quota documents against the ledger.
 */
import type { LocalDb } from '../../../local/emulator';

export interface VoteState {
  /** Ledger row ids (not voided). */
  ledgerIds: Set<string>;
  /** Counted rows per project. */
  ledger: Record<string, number>;
  /** Shard sums per project. */
  shards: Record<string, number>;
  /** Quota documents whose count differs from the ledger: id -> [count, ledger]. */
  quotaMismatches: Record<string, [number, number]>;
}

export function voteState(db: LocalDb, contestId: string): VoteState {
  const has = new Set(db.collections());
  const ledgerIds = new Set<string>();
  const ledger: Record<string, number> = {};
  const perPersonDay = new Map<string, number>();
  for (const row of has.has('votes') ? db.find('votes', { contestId }) : []) {
    for (const key of [`${String(row.openid)}|${String(row.day)}`, `${String(row.openid)}|total`]) perPersonDay.set(key, (perPersonDay.get(key) ?? 0) + 1);
    if (row.voided) continue;
    ledgerIds.add(String(row._id));
    const p = String(row.projectId);
    ledger[p] = (ledger[p] ?? 0) + 1;
  }
  const shards: Record<string, number> = {};
  for (const s of has.has('tally_shards') ? db.find('tally_shards', { contestId }) : []) {
    const p = String(s.projectId);
    shards[p] = (shards[p] ?? 0) + Number(s.n);
  }
  for (const p of Object.keys(shards)) if (shards[p] === 0) delete shards[p];
  const quotaMismatches: Record<string, [number, number]> = {};
  for (const q of has.has('vote_quotas') ? db.find('vote_quotas', { contestId }) : []) {
    const want = perPersonDay.get(`${String(q.openid)}|${String(q.day)}`) ?? 0;
    if (Number(q.count) !== want) quotaMismatches[String(q._id)] = [Number(q.count), want];
  }
  return { ledgerIds, ledger, shards, quotaMismatches };
}
