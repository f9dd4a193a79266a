/**
 * role.audit: a page of the log, newest first, in words — the actor's name (from the roles
 * collection, where it was captured when the role was granted or the invitation accepted),
 * the action's label, the target's title, the changes with field labels — and the choices of
 * the log's filters (action, person, contest).
 */
import type { AuditFilterOption, AuditItem, RoleApi } from '../../../typings';
import type { Database, Doc, DbOperator } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { isMissingCollection } from '../platform/db-errors';
import { asDate, textFieldOf } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { toIso } from '../platform/time';
import { auditFromDoc, type AuditDoc } from './log';
import type { FieldChange } from './changes';
import { KIND_LABELS, actionKind, actionLabel, actionOptions, describeChange, noteOf, type TargetKind } from './labels';

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: string;
  target?: string;
  actor?: string;
  contestId?: string;
}

/** Who acted when no person did. */
const NON_PERSONS: Record<string, string> = { '': '系统', system: '系统', wechat: '微信内容安全' };
const UNNAMED = '未留姓名';

function whereOf(db: Database, q: AuditQuery): Doc | DbOperator {
  const _ = db.command;
  const plain: Doc = {};
  if (q.action) plain.action = q.action;
  if (q.target) plain.target = q.target;
  if (q.actor) plain.actor = q.actor;
  if (!q.contestId) return plain;
  // Entries written before they carried contestId name the contest as their target.
  const ofContest = _.or([{ contestId: q.contestId }, { target: q.contestId }]);
  return Object.keys(plain).length ? _.and([plain, ofContest]) : ofContest;
}

function kindOf(entry: AuditDoc): TargetKind | undefined {
  if (entry.targetKind) return entry.targetKind;
  if (entry.action === 'media.reject' && entry.detail.collection === COLLECTIONS.activities) return 'activity';
  return actionKind(entry.action);
}

/** Entries written before changes were stored said only { from, to } (status) or { fields } (edits). */
function storedChanges(entry: AuditDoc): FieldChange[] {
  if (entry.changes) return entry.changes;
  const { from, to } = entry.detail;
  if (typeof from === 'string' && typeof to === 'string') return [{ field: 'status', before: from, after: to }];
  return [];
}

interface Names {
  titles: Record<'contest' | 'project' | 'activity', Map<string, string>>;
  people: Map<string, string>;
}

/** Titles and names of everything a page of entries mentions: one query per collection. */
async function namesFor(db: Database, entries: AuditDoc[]): Promise<Names> {
  const ids = { contest: [] as string[], project: [] as string[], activity: [] as string[], person: [] as string[] };
  for (const e of entries) {
    const kind = kindOf(e);
    if (kind && kind !== 'invite') ids[kind].push(e.target);
    ids.person.push(e.actor);
    if (typeof e.detail.projectId === 'string') ids.project.push(e.detail.projectId);
    if (typeof e.detail.activityId === 'string') ids.activity.push(e.detail.activityId);
  }
  const [contest, project, activity, people] = await Promise.all([
    textFieldOf(db, COLLECTIONS.contests, ids.contest, 'title'),
    textFieldOf(db, COLLECTIONS.projects, ids.project, 'title'),
    textFieldOf(db, COLLECTIONS.activities, ids.activity, 'title'),
    textFieldOf(db, COLLECTIONS.roles, ids.person, 'name'),
  ]);
  return { titles: { contest, project, activity }, people };
}

function actorName(actor: string, people: Map<string, string>): string {
  return people.get(actor) ?? NON_PERSONS[actor] ?? UNNAMED;
}

function targetTitle(entry: AuditDoc, kind: TargetKind | undefined, names: Names): string | undefined {
  if (kind === 'person') return names.people.get(entry.target) ?? entry.targetTitle ?? UNNAMED;
  if (kind === 'invite') return `${entry.target.slice(0, 4)} ${entry.target.slice(4)}`.trim();
  if (kind) return names.titles[kind].get(entry.target) ?? entry.targetTitle;
  return entry.targetTitle;
}

/** One stored entry as people read it. */
export function readableEntry(entry: AuditDoc, names: Names): AuditItem {
  const kind = kindOf(entry);
  const changes = storedChanges(entry).map((c) => describeChange(kind, c));
  const titleOf = (k: TargetKind, id: string) => (k === 'person' ? names.people.get(id) : k === 'invite' ? id : names.titles[k].get(id));
  let note = noteOf(entry.action, entry.detail, titleOf);
  if (!changes.length && Array.isArray(entry.detail.fields)) {
    const labels = entry.detail.fields.map((f) => describeChange(kind, { field: String(f), before: null, after: null }).label);
    note = [note, `修改了：${[...new Set(labels)].join('、')}`].filter(Boolean).join('；');
  }
  const at = entry.at;
  const item: AuditItem = {
    id: entry._id,
    actor: entry.actor,
    actorName: actorName(entry.actor, names.people),
    action: entry.action,
    actionLabel: actionLabel(entry.action),
    target: entry.target,
    at: Number.isNaN(at.getTime()) ? '' : toIso(at),
  };
  if (kind) item.targetKind = KIND_LABELS[kind];
  const title = targetTitle(entry, kind, names);
  if (title) item.targetTitle = title;
  if (entry.contestId) item.contestId = entry.contestId;
  else if (kind === 'contest') item.contestId = entry.target;
  if (changes.length) item.changes = changes;
  if (note) item.note = note;
  if (Object.keys(entry.detail).length) item.detail = entry.detail;
  return item;
}

async function all(db: Database, collection: string, where: Doc, fields: Record<string, boolean>): Promise<Doc[]> {
  try {
    return await fetchAll(db, collection, where, fields);
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
}

/** The filters' choices: every action, the people who have a name or are admins, every contest (newest first). */
async function filterOptions(db: Database, admins: string[]): Promise<NonNullable<RoleApi['audit']['res']['filters']>> {
  const _ = db.command;
  const [named, contests] = await Promise.all([
    all(db, COLLECTIONS.roles, { name: _.exists(true) }, { _id: true, name: true }),
    all(db, COLLECTIONS.contests, {}, { _id: true, title: true, createdAt: true }),
  ]);
  const people = new Map<string, string>(named.map((d) => [String(d._id), String(d.name)]));
  for (const openid of admins) if (!people.has(openid)) people.set(openid, `管理员（${UNNAMED}）`);
  const byName = (a: AuditFilterOption, b: AuditFilterOption) => a.label.localeCompare(b.label, 'zh-CN');
  return {
    actions: actionOptions(),
    people: [...people].map(([value, label]) => ({ value, label })).sort(byName),
    contests: contests
      .sort((a, b) => asDate(b.createdAt).getTime() - asDate(a.createdAt).getTime())
      .map((d) => ({ value: String(d._id), label: String(d.title ?? '') })),
  };
}

/** A page of the log, newest first; the first page also carries the filters' choices. */
export async function listAudit(db: Database, q: AuditQuery, admins: string[] = []): Promise<RoleApi['audit']['res']> {
  let docs: Doc[];
  try {
    // One extra row tells whether another page exists.
    const where = whereOf(db, q);
    const base = db.collection(COLLECTIONS.audit);
    const query = Object.getPrototypeOf(where) === Object.prototype && !Object.keys(where).length ? base : base.where(where);
    const res = await query
      .orderBy('at', 'desc')
      .skip(q.offset)
      .limit(q.limit + 1)
      .get();
    docs = res.data;
  } catch (e) {
    if (!isMissingCollection(e)) throw e;
    docs = [];
  }
  const entries = docs.slice(0, q.limit).map(auditFromDoc);
  const names = await namesFor(db, entries);
  const res: RoleApi['audit']['res'] = { items: entries.map((e) => readableEntry(e, names)), next: docs.length > q.limit ? q.offset + q.limit : null };
  if (q.offset === 0) res.filters = await filterOptions(db, admins);
  return res;
}
