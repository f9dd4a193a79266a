/**
 * The stored shapes of the vote's collections (DESIGN §3) and their deterministic keys.
 * Keys are the dedup: a second insert of the same `_id` is the refusal.
 */
import type { ContestSettings, ContestStatus, Criterion, PartWeights, PlannedActivity } from '../../../typings';

/** Tally shard documents per project: a hot project is spread over this many documents. */
export const SHARDS_PER_PROJECT = 8;

export interface StoredVoting {
  startsAt: Date;
  endsAt: Date;
  perProjectPerDay: number;
  perDay?: number;
  total?: number;
}

export interface ContestDoc {
  _id: string;
  title: string;
  description?: string;
  status: ContestStatus;
  voting: StoredVoting;
  settings: ContestSettings;
  /** Projects of the contest, in the order they were added (membership check without a read). */
  projectIds: string[];
  createdAt: Date;
  createdBy: string;
  /** The resident roster's size and import time (report.importRoster); never the list. */
  roster?: { size: number; importedAt: Date };
  /** Judges' criteria and the weights of the final ranking (contest.setScoring). */
  scoring?: ScoringDoc;
}

export interface ScoringDoc {
  criteria: Criterion[];
  weights: PartWeights;
  closedAt?: Date;
}

export interface ProjectDoc {
  _id: string;
  contestId: string;
  title: string;
  team: string;
  community?: string;
  summary?: string;
  planned?: PlannedActivity[];
  /** The showcase (contest.setShowcase): cloud fileIDs, checked by mediaCheckAsync. */
  coverImage?: string;
  gallery?: string[];
  /** Roll-up written by reconcile; the live tally is the sum of the shards. */
  votes: number;
  order: number;
  createdAt: Date;
}

/** One accepted vote. Never deleted; voiding marks it. */
export interface VoteDoc {
  _id: string;
  contestId: string;
  projectId: string;
  /**
   * The voter: the WeChat OPENID, or `tel.<keyed phone hash>` when the contest counts verified
   * phones or a staff member recorded the ballot (voters/phone-key.ts). Quotas and the dedup key use it.
   */
  openid: string;
  day: string;
  slot: number;
  at: Date;
  receipt: string;
  /** Sealed block number, once the sealing job has chained this row. */
  block?: number;
  /** 'assisted': recorded at a desk by `staff` (OPENID) in Beijing hour `hour` (vote.assisted). */
  source?: 'assisted';
  staff?: string;
  hour?: string;
  /** A verified-phone vote cast in the mini-program: the WeChat account that cast it. */
  account?: string;
  voided?: { at: Date; reason: string; by: string };
}

export interface QuotaDoc {
  _id: string;
  contestId: string;
  openid: string;
  /** YYYY-MM-DD, or "total" for the whole-contest counter. */
  day: string;
  count: number;
}

export interface ShardDoc {
  _id: string;
  contestId: string;
  projectId: string;
  n: number;
  /** Votes are counted only while the contest is open: the shard update is the last gate. */
  open: boolean;
}

export interface BlockDoc {
  _id: string;
  contestId: string;
  seq: number;
  rows: number;
  prevHash: string;
  hash: string;
  sealedAt: Date;
}

export interface VoidDoc {
  _id: string;
  contestId: string;
  receipt: string;
  reason: string;
  at: Date;
  by: string;
  block?: number;
}

export interface AuditDoc {
  _id?: string;
  contestId: string;
  kind: 'void' | 'status' | 'reconcile';
  by: string;
  at: Date;
  reason?: string;
  detail: Record<string, unknown>;
}

/** The ledger key of a vote: contest:project:openid:day, plus :slot when a person may give a project several votes a day. */
export function voteId(contestId: string, projectId: string, openid: string, day: string, slot = 0): string {
  const base = `${contestId}:${projectId}:${openid}:${day}`;
  return slot === 0 ? base : `${base}:${slot}`;
}

export function dayQuotaId(contestId: string, openid: string, day: string): string {
  return `${contestId}:${openid}:${day}`;
}

export function totalQuotaId(contestId: string, openid: string): string {
  return `${contestId}:${openid}:total`;
}

export function shardId(projectId: string, k: number): string {
  return `${projectId}:${k}`;
}

export function blockId(contestId: string, seq: number): string {
  return `${contestId}:${String(seq).padStart(6, '0')}`;
}
