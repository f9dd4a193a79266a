/**
 * The audit log: one `audit` document per privileged change (who, what, on what, when, and
 * what changed). Every function that creates, edits, voids, publishes, grants, checks in on
 * someone's behalf or exports writes here through `recordAudit`, so admins read one log in one
 * shape (`role.audit`, made readable by read.ts).
 */
import type { Database, Doc } from '../platform/database';
import { asDate, findDoc } from '../platform/documents';
import { COLLECTIONS } from '../collections';
import type { FieldChange } from './changes';
import type { TargetKind } from './labels';

const AUDIT = COLLECTIONS.audit;

/**
 * What was done, as `<domain>.<verb>` (labels.ts names each in Chinese): contest.create,
 * contest.update, vote.void, activity.approve, checkin.manual, role.grant, report.export …
 */
export type AuditAction = string;

/** Where an entry belongs, so the log can be filtered by contest: the most precise id known. */
export interface AuditScope {
  contestId?: string;
  projectId?: string;
  activityId?: string;
}

export interface AuditRecord {
  /** OPENID of the person who acted ('' for a timer job, 'wechat' for WeChat's verdicts). */
  actor: string;
  action: AuditAction;
  /** What it was done to: an id such as a contestId, projectId, activityId, OPENID or invitation code. */
  target: string;
  /** What the target is and its title (or a person's name) at the time. */
  targetKind?: TargetKind;
  targetTitle?: string;
  scope?: AuditScope;
  /** Fields changed, before → after (changes.ts). */
  changes?: FieldChange[];
  /** Small, non-sensitive facts that explain the change (a reason, a status, counts, a name). */
  detail?: Record<string, unknown>;
  at: Date;
}

/** An entry as stored (entries written before read.ts existed lack the optional fields). */
export interface AuditDoc {
  _id: string;
  actor: string;
  action: string;
  target: string;
  targetKind?: TargetKind;
  targetTitle?: string;
  contestId?: string;
  changes?: FieldChange[];
  detail: Record<string, unknown>;
  at: Date;
}

/** The contest an entry belongs to: given, or through the project (or the activity's project). */
async function contestOf(db: Database, scope: AuditScope | undefined): Promise<string | undefined> {
  if (!scope) return undefined;
  if (scope.contestId) return scope.contestId;
  let projectId = scope.projectId;
  if (!projectId && scope.activityId) {
    const activity = await findDoc(db, COLLECTIONS.activities, scope.activityId);
    projectId = typeof activity?.projectId === 'string' ? activity.projectId : undefined;
  }
  if (!projectId) return undefined;
  const project = await findDoc(db, COLLECTIONS.projects, projectId);
  return typeof project?.contestId === 'string' ? project.contestId : undefined;
}

/** Appends one entry. Call it after the change it describes has been written. */
export async function recordAudit(db: Database, entry: AuditRecord): Promise<void> {
  const data: Doc = { actor: entry.actor, action: entry.action, target: entry.target, at: entry.at };
  if (entry.targetKind) data.targetKind = entry.targetKind;
  if (entry.targetTitle) data.targetTitle = entry.targetTitle;
  const contestId = await contestOf(db, entry.scope);
  if (contestId) data.contestId = contestId;
  if (entry.changes?.length) data.changes = entry.changes;
  if (entry.detail && Object.keys(entry.detail).length) data.detail = entry.detail;
  await db.collection(AUDIT).add({ data });
}

/** Actions of entries written as { kind } before recordAudit existed. */
const LEGACY_KINDS: Record<string, string> = { status: 'contest.status', void: 'vote.void', reconcile: 'vote.reconcile' };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function changesOf(v: unknown): FieldChange[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v
    .filter((c): c is Doc => c !== null && typeof c === 'object' && typeof c.field === 'string')
    .map((c) => ({ field: String(c.field), before: c.before ?? null, after: c.after ?? null }));
}

/**
 * An `audit` document as the domain reads it, including entries written before this module
 * existed (vote voids were stored as { kind, by, contestId, reason }): both shapes, one result.
 */
export function auditFromDoc(doc: Doc): AuditDoc {
  const detail: Record<string, unknown> = { ...(doc.detail as Record<string, unknown> | undefined) };
  if (typeof doc.reason === 'string' && detail.reason === undefined) detail.reason = doc.reason;
  const legacyAction = typeof doc.kind === 'string' ? (LEGACY_KINDS[doc.kind] ?? `vote.${doc.kind}`) : 'unknown';
  const entry: AuditDoc = {
    _id: String(doc._id),
    actor: String(doc.actor ?? doc.by ?? ''),
    action: String(doc.action ?? legacyAction),
    target: String(doc.target ?? doc.contestId ?? ''),
    detail,
    at: asDate(doc.at),
  };
  const kind = text(doc.targetKind);
  if (kind) entry.targetKind = kind as TargetKind;
  const title = text(doc.targetTitle);
  if (title) entry.targetTitle = title;
  const contestId = text(doc.contestId);
  if (contestId) entry.contestId = contestId;
  const changes = changesOf(doc.changes);
  if (changes?.length) entry.changes = changes;
  return entry;
}
