/**
 * The audit log: one `audit` document per privileged change (who, what, on what, when).
 * Every function that creates, edits, voids, publishes, grants or exports writes here through
 * `recordAudit`, so admins read one log in one shape (`role.audit`).
 */
import type { AuditItem } from '../../../typings';
import type { Database, Doc } from '../platform/database';
import { toIso } from '../platform/time';
import { asDate } from '../platform/documents';
import { isMissingCollection } from '../platform/db-errors';
import { COLLECTIONS } from '../collections';

const AUDIT = COLLECTIONS.audit;

/**
 * What was done, as `<domain>.<verb>`: contest.create, contest.update, contest.status,
 * project.create, project.update, vote.void, activity.create, activity.update,
 * activity.cancel, role.grant, role.revoke, role.invite, role.accept, report.export …
 */
export type AuditAction = string;

export interface AuditRecord {
  /** OPENID of the person who acted ('' for a timer job). */
  actor: string;
  action: AuditAction;
  /** What it was done to: an id such as a contestId, projectId, activityId or OPENID. */
  target: string;
  /** Small, non-sensitive facts that explain the change (a reason, a status, counts). */
  detail?: Record<string, unknown>;
  at: Date;
}

/** Appends one entry. Call it after the change it describes has been written. */
export async function recordAudit(db: Database, entry: AuditRecord): Promise<void> {
  const data: Doc = { actor: entry.actor, action: entry.action, target: entry.target, at: entry.at };
  if (entry.detail && Object.keys(entry.detail).length) data.detail = entry.detail;
  await db.collection(AUDIT).add({ data });
}

/** Actions of entries written as { kind } before recordAudit existed. */
const LEGACY_KINDS: Record<string, string> = { status: 'contest.status', void: 'vote.void', reconcile: 'vote.reconcile' };

/**
 * An entry as stored, including entries written before this module existed (vote voids were
 * stored as { kind, by, contestId, reason }): read both shapes, show one.
 */
export function toAuditItem(doc: Doc): AuditItem {
  const at = asDate(doc.at);
  const detail: Record<string, unknown> = { ...(doc.detail as Record<string, unknown> | undefined) };
  if (typeof doc.reason === 'string' && detail.reason === undefined) detail.reason = doc.reason;
  const legacyAction = typeof doc.kind === 'string' ? (LEGACY_KINDS[doc.kind] ?? `vote.${doc.kind}`) : 'unknown';
  const item: AuditItem = {
    id: String(doc._id),
    actor: String(doc.actor ?? doc.by ?? ''),
    action: String(doc.action ?? legacyAction),
    target: String(doc.target ?? doc.contestId ?? ''),
    at: Number.isNaN(at.getTime()) ? '' : toIso(at),
  };
  if (Object.keys(detail).length) item.detail = detail;
  return item;
}

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: string;
  target?: string;
}

/** A page of the log, newest first. */
export async function listAudit(db: Database, q: AuditQuery): Promise<{ items: AuditItem[]; next: number | null }> {
  const where: Doc = {};
  if (q.action) where.action = q.action;
  if (q.target) where.target = q.target;
  const base = db.collection(AUDIT);
  const query = Object.keys(where).length ? base.where(where) : base;
  let docs: Doc[];
  try {
    // One extra row tells whether another page exists.
    const res = await query.orderBy('at', 'desc').skip(q.offset).limit(q.limit + 1).get();
    docs = res.data;
  } catch (e) {
    if (isMissingCollection(e)) return { items: [], next: null };
    throw e;
  }
  const items = docs.slice(0, q.limit).map(toAuditItem);
  return { items, next: docs.length > q.limit ? q.offset + q.limit : null };
}
