/** Data access for contests, projects and tally shards. Each function takes the db. */
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/database';
import type { Doc } from '../platform/database';
import { AppError } from '../errors';
import { asDate, insertOnce } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { COLLECTIONS } from '../collections';
import { SHARDS_PER_PROJECT, shardId, type ContestDoc, type ProjectDoc, type ScoringDoc } from './model';
import { settingsWithDefaults } from './rules';
import { BoundedMap, monotonicMs } from '../platform/memo';
import { sumShards } from './tally';

/** Short random ids (they also serve as the mini-program code's scene, ≤ 32 characters). */
export function newId(prefix: string): string {
  return prefix + randomBytes(8).toString('hex');
}

function contestFromDoc(doc: Doc): ContestDoc {
  const voting = doc.voting as Doc;
  return {
    _id: String(doc._id),
    title: String(doc.title),
    description: typeof doc.description === 'string' ? doc.description : undefined,
    status: doc.status,
    voting: {
      startsAt: asDate(voting.startsAt),
      endsAt: asDate(voting.endsAt),
      perProjectPerDay: Number(voting.perProjectPerDay ?? 1),
      ...(voting.perDay !== undefined && voting.perDay !== null ? { perDay: Number(voting.perDay) } : {}),
      ...(voting.total !== undefined && voting.total !== null ? { total: Number(voting.total) } : {}),
    },
    settings: settingsWithDefaults((doc.settings ?? {}) as Doc),
    projectIds: Array.isArray(doc.projectIds) ? doc.projectIds.map(String) : [],
    createdAt: asDate(doc.createdAt),
    createdBy: String(doc.createdBy ?? ''),
    ...(doc.roster ? { roster: { size: Number(doc.roster.size ?? 0), importedAt: asDate(doc.roster.importedAt) } } : {}),
    ...(doc.scoring ? { scoring: scoringFromDoc(doc.scoring as Doc) } : {}),
  };
}

function scoringFromDoc(doc: Doc): ScoringDoc {
  const weights = (doc.weights ?? {}) as Doc;
  const scoring: ScoringDoc = {
    criteria: (Array.isArray(doc.criteria) ? doc.criteria : []).map((c: Doc) => ({ key: String(c.key), name: String(c.name), weight: Number(c.weight) })),
    weights: { online: Number(weights.online ?? 0), onsite: Number(weights.onsite ?? 0), judges: Number(weights.judges ?? 0) },
  };
  if (doc.closedAt !== undefined && doc.closedAt !== null) scoring.closedAt = asDate(doc.closedAt);
  return scoring;
}

export async function loadContest(db: Database, contestId: string): Promise<ContestDoc | null> {
  const res = await db.collection(COLLECTIONS.contests).where({ _id: contestId }).limit(1).get();
  const doc = res.data[0];
  return doc ? contestFromDoc(doc) : null;
}

export async function requireContest(db: Database, contestId: string): Promise<ContestDoc> {
  const contest = await loadContest(db, contestId);
  if (!contest) throw new AppError('NOT_FOUND', '评选活动不存在');
  return contest;
}

/**
 * Open contests are cached for a moment in the instance: a vote then needs no contest read.
 * Only `open` is cached, so opening a draft takes effect at once; freezing is enforced on the
 * vote's last write (the tally shards close), so a stale copy cannot count a late vote.
 */
const OPEN_CONTEST_TTL_MS = 5000;
const openContests = new BoundedMap<string, { at: number; contest: ContestDoc }>(1000);
const contestReads = new Map<string, Promise<ContestDoc>>();

/** One read per contest at a time: concurrent votes that find the copy stale share it. */
function readContestOnce(db: Database, contestId: string): Promise<ContestDoc> {
  const pending = contestReads.get(contestId);
  if (pending) return pending;
  const read = requireContest(db, contestId)
    .then((contest) => {
      if (contest.status === 'open') openContests.set(contestId, { at: monotonicMs(), contest });
      else openContests.delete(contestId);
      return contest;
    })
    .finally(() => contestReads.delete(contestId));
  contestReads.set(contestId, read);
  return read;
}

export async function contestForVote(db: Database, contestId: string, fresh = false): Promise<ContestDoc> {
  const hit = openContests.get(contestId);
  if (!fresh && hit && monotonicMs() - hit.at < OPEN_CONTEST_TTL_MS) return hit.contest;
  if (fresh) {
    openContests.delete(contestId);
    const contest = await requireContest(db, contestId);
    if (contest.status === 'open') openContests.set(contestId, { at: monotonicMs(), contest });
    return contest;
  }
  return readContestOnce(db, contestId);
}

export function forgetContest(contestId: string): void {
  openContests.delete(contestId);
}

function projectFromDoc(doc: Doc): ProjectDoc {
  return {
    _id: String(doc._id),
    contestId: String(doc.contestId),
    title: String(doc.title),
    team: String(doc.team ?? ''),
    community: typeof doc.community === 'string' ? doc.community : undefined,
    summary: typeof doc.summary === 'string' ? doc.summary : undefined,
    planned: Array.isArray(doc.planned) ? doc.planned : undefined,
    coverImage: typeof doc.coverImage === 'string' ? doc.coverImage : undefined,
    gallery: Array.isArray(doc.gallery) ? doc.gallery.filter((g): g is string => typeof g === 'string') : undefined,
    votes: Number(doc.votes ?? 0),
    order: Number(doc.order ?? 0),
    createdAt: asDate(doc.createdAt),
  };
}

export async function loadProjects(db: Database, contestId: string): Promise<ProjectDoc[]> {
  const docs = await fetchAll(db, COLLECTIONS.projects, { contestId });
  return docs.map(projectFromDoc).sort((a, b) => a.order - b.order);
}

export async function loadProject(db: Database, projectId: string): Promise<ProjectDoc | null> {
  const res = await db.collection(COLLECTIONS.projects).where({ _id: projectId }).limit(1).get();
  return res.data[0] ? projectFromDoc(res.data[0]) : null;
}

/** Live tallies of a contest: the sum of its shard documents (a few per project, whatever the vote count). */
export async function readTallies(db: Database, contestId: string): Promise<Map<string, number>> {
  const shards = await fetchAll(db, COLLECTIONS.shards, { contestId }, { projectId: true, n: true });
  return sumShards(shards.map((s) => ({ projectId: String(s.projectId), n: Number(s.n) })));
}

/** Creates a project's shard documents (idempotent: existing ones are left as they are). */
export async function createShards(db: Database, contestId: string, projectId: string, open: boolean): Promise<void> {
  await Promise.all(
    Array.from({ length: SHARDS_PER_PROJECT }, (_unused, k) =>
      insertOnce(db, COLLECTIONS.shards, { _id: shardId(projectId, k), contestId, projectId, n: 0, open }),
    ),
  );
}

/** Opens or closes every shard of a contest: closed shards refuse to count a vote. */
export async function setShardsOpen(db: Database, contestId: string, open: boolean): Promise<void> {
  await db.collection(COLLECTIONS.shards).where({ contestId }).update({ data: { open } });
}

/**
 * The tally a vote's answer shows: the instance's copy of the shard sums, re-read at most every
 * two seconds, plus the votes this instance counted since. Residents see an exact number within a
 * moment; the leaderboard always reads the shards.
 */
const TALLY_TTL_MS = 2000;
const tallyCopies = new BoundedMap<string, { at: number; sums: Map<string, number> }>(1000);
const tallyReads = new Map<string, Promise<Map<string, number>>>();

export async function tallyAfterVote(db: Database, contestId: string, projectId: string): Promise<number> {
  const copy = tallyCopies.get(contestId);
  if (copy && monotonicMs() - copy.at < TALLY_TTL_MS) {
    const next = (copy.sums.get(projectId) ?? 0) + 1;
    copy.sums.set(projectId, next);
    return next;
  }
  const pending = tallyReads.get(contestId);
  if (pending) {
    // A read started before our shard update may miss our vote: count it on the shared copy.
    const sums = await pending;
    const next = (sums.get(projectId) ?? 0) + 1;
    sums.set(projectId, next);
    return next;
  }
  const read = readTallies(db, contestId)
    .then((sums) => {
      tallyCopies.set(contestId, { at: monotonicMs(), sums });
      return sums;
    })
    .finally(() => tallyReads.delete(contestId));
  tallyReads.set(contestId, read);
  return (await read).get(projectId) ?? 0;
}
