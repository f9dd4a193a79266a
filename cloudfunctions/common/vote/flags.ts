/**
 * Suspicious voting patterns (anti-刷票) for admins to review. Pure: takes ledger rows, returns
 * flags; nothing is voided automatically.
 *  - project-burst: one project gets many votes in one short window, far above its average pace
 *    over the vote so far;
 *  - new-voter-burst: many people whose first vote of the contest falls in the same window all
 *    vote for the same project (accounts made for the occasion);
 *  - rapid-voter: one person casts many votes in one window.
 */
import type { VoteFlag } from '../../../typings';

export interface FlagRow {
  _id: string;
  projectId: string;
  openid: string;
  at: Date;
}

export interface FlagOptions {
  windowMs: number;
  /** A window with at least this many votes for one project is looked at. */
  burstMin: number;
  /** ... and flagged when it exceeds this multiple of the project's median busy window. */
  burstFactor: number;
  /** New voters in one window for one project that make a flag. */
  newVoterMin: number;
  /** Votes by one person in one window that make a flag. */
  rapidMin: number;
  /** Voter ids shown to admins as a hash, never the openid. */
  hashVoter: (openid: string) => string;
  toIso: (at: Date) => string;
}

const SAMPLE = 20;

function bucketOf(at: Date, windowMs: number): number {
  return Math.floor(at.getTime() / windowMs);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function windowOf(bucket: number, windowMs: number, opts: FlagOptions) {
  return { from: opts.toIso(new Date(bucket * windowMs)), to: opts.toIso(new Date((bucket + 1) * windowMs)) };
}

/** Windows the whole vote spans so far (empty ones included): a project's usual pace is per window of that span. */
function spanWindows(rows: FlagRow[], windowMs: number): number {
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    const b = bucketOf(r.at, windowMs);
    first = Math.min(first, b);
    last = Math.max(last, b);
  }
  return rows.length ? last - first + 1 : 1;
}

function projectBursts(rows: FlagRow[], opts: FlagOptions): VoteFlag[] {
  const flags: VoteFlag[] = [];
  const windows = spanWindows(rows, opts.windowMs);
  for (const [projectId, list] of groupBy(rows, (r) => r.projectId)) {
    const buckets = groupBy(list, (r) => String(bucketOf(r.at, opts.windowMs)));
    const usual = Math.round((list.length / windows) * 10) / 10;
    for (const [bucket, votes] of buckets) {
      if (votes.length < opts.burstMin || votes.length <= usual * opts.burstFactor) continue;
      flags.push({
        kind: 'project-burst',
        projectId,
        ...windowOf(Number(bucket), opts.windowMs, opts),
        votes: votes.length,
        detail: `${votes.length} 票集中在一个时段（平时约 ${usual} 票）`,
        voteIds: votes.slice(0, SAMPLE).map((v) => v._id),
      });
    }
  }
  return flags;
}

function newVoterBursts(rows: FlagRow[], opts: FlagOptions): VoteFlag[] {
  const firstVote = new Map<string, FlagRow>();
  for (const row of rows) {
    const seen = firstVote.get(row.openid);
    if (!seen || row.at.getTime() < seen.at.getTime()) firstVote.set(row.openid, row);
  }
  const groups = groupBy([...firstVote.values()], (r) => `${r.projectId}|${bucketOf(r.at, opts.windowMs)}`);
  const flags: VoteFlag[] = [];
  for (const [key, firsts] of groups) {
    if (firsts.length < opts.newVoterMin) continue;
    const [projectId, bucket] = key.split('|');
    flags.push({
      kind: 'new-voter-burst',
      projectId,
      ...windowOf(Number(bucket), opts.windowMs, opts),
      votes: firsts.length,
      detail: `${firsts.length} 位首次投票的用户在同一时段集中投给该项目`,
      voteIds: firsts.slice(0, SAMPLE).map((v) => v._id),
    });
  }
  return flags;
}

function rapidVoters(rows: FlagRow[], opts: FlagOptions): VoteFlag[] {
  const flags: VoteFlag[] = [];
  for (const [key, votes] of groupBy(rows, (r) => `${r.openid}|${bucketOf(r.at, opts.windowMs)}`)) {
    if (votes.length < opts.rapidMin) continue;
    const [openid, bucket] = key.split('|');
    flags.push({
      kind: 'rapid-voter',
      voterHash: opts.hashVoter(openid),
      ...windowOf(Number(bucket), opts.windowMs, opts),
      votes: votes.length,
      detail: `同一用户在一个时段内投出 ${votes.length} 票`,
      voteIds: votes.slice(0, SAMPLE).map((v) => v._id),
    });
  }
  return flags;
}

export function detectFlags(rows: FlagRow[], opts: FlagOptions): VoteFlag[] {
  return [...projectBursts(rows, opts), ...newVoterBursts(rows, opts), ...rapidVoters(rows, opts)].sort((a, b) => b.votes - a.votes);
}
