/**
 * Activity reminders (活动开始提醒): the every-minute timer enqueues one message per confirmed
 * resident a set time before the start (default 24 h and 1 h; env NOTIFY_REMINDER_HOURS, e.g.
 * "24,1"). Each reminder has a deterministic outbox `_id` (`reminder:<label>:<activityId>:<openid>`),
 * so two timers running at once, or one running every minute, enqueue it once.
 */
import type { Database } from '../platform/database';
import { isDuplicateKeyError } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { toIso } from '../platform/time';
import { enqueue } from './enqueue';
import { outboxMessage, type OutboxMessage } from './message';

const HOUR = 3_600_000;
export const DEFAULT_REMINDER_HOURS = [24, 1];
/** Marks an (activity, offset) whose reminders are all enqueued, so later ticks skip it. */
export const REMINDER_RUNS = 'notify_reminder_runs';

export interface ReminderOffset {
  label: string;
  ms: number;
}

/** Offsets from env NOTIFY_REMINDER_HOURS ("24,1"), largest first; defaults when unset or invalid. */
export function reminderOffsets(spec = process.env.NOTIFY_REMINDER_HOURS): ReminderOffset[] {
  const hours = (spec ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((h) => Number.isFinite(h) && h > 0 && h <= 24 * 14);
  const list = hours.length > 0 ? [...new Set(hours)] : DEFAULT_REMINDER_HOURS;
  return list.sort((a, b) => b - a).map((h) => ({ label: `${h}h`, ms: Math.round(h * HOUR) }));
}

/**
 * The reminder due now for an activity starting at `startsAt`: the smallest offset whose time
 * has come (a later one supersedes an earlier one the timer missed), none once it started.
 */
export function dueOffset(startsAt: Date, now: Date, offsets: ReminderOffset[]): ReminderOffset | null {
  if (now.getTime() >= startsAt.getTime()) return null;
  const due = offsets.filter((o) => startsAt.getTime() - o.ms <= now.getTime());
  return due.length > 0 ? due.reduce((a, b) => (a.ms <= b.ms ? a : b)) : null;
}

/** A resident confirmed after a reminder's time just got a confirmation: that reminder is not for them. */
export function wantsReminder(confirmedAt: Date, startsAt: Date, offset: ReminderOffset): boolean {
  return confirmedAt.getTime() <= startsAt.getTime() - offset.ms;
}

export function reminderTip(offset: ReminderOffset): string {
  const hours = offset.ms / HOUR;
  return hours >= 24 && hours % 24 === 0 ? `活动将于${hours / 24}天后开始，请合理安排时间` : `活动将于${hours}小时后开始，请准时参加`;
}

interface ActivityRow {
  _id: string;
  title: string;
  startsAt: Date;
  location?: { name?: string };
}

interface SignupRow {
  openid: string;
  createdAt: Date;
  promotedAt?: Date;
  approvedAt?: Date;
}

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export function reminderMessage(a: ActivityRow, openid: string, offset: ReminderOffset, now: Date): OutboxMessage {
  return outboxMessage(
    'reminder',
    openid,
    { title: a.title, startsAt: toIso(asDate(a.startsAt)), place: a.location?.name ?? '', tip: reminderTip(offset) },
    { dedupKey: `${offset.label}:${a._id}:${openid}`, now, activityId: a._id, expiresAt: asDate(a.startsAt) },
  );
}

/** Residents (one message each, even with family sign-ups) who should get this reminder. */
async function recipients(db: Database, a: ActivityRow, offset: ReminderOffset): Promise<string[]> {
  const rows = await fetchAll<SignupRow>(() =>
    db.collection('signups').where({ activityId: a._id, status: 'confirmed' }).field({ openid: true, createdAt: true, promotedAt: true, approvedAt: true }),
  );
  const start = asDate(a.startsAt);
  const chosen = rows.filter((s) => wantsReminder(asDate(s.promotedAt ?? s.approvedAt ?? s.createdAt), start, offset));
  return [...new Set(chosen.map((s) => s.openid))];
}

/**
 * Residents with a grant to spare for an early reminder. One tap on 允许 is one grant, and a
 * sign-up asks once: a resident with a single reminder grant keeps it for the reminder closest
 * to the start (the one that says "now"); with two or more they get both.
 */
async function withSpareGrant(db: Database, openids: string[]): Promise<string[]> {
  const _ = db.command;
  const spare = new Set<string>();
  for (let i = 0; i < openids.length; i += 100) {
    const ids = openids.slice(i, i + 100).map((o) => `${o}:reminder`);
    const res = await db.collection('subscriptions').where({ _id: _.in(ids), count: _.gte(2) }).field({ openid: true }).limit(100).get();
    for (const d of res.data as { openid: string }[]) spare.add(d.openid);
  }
  return openids.filter((o) => spare.has(o));
}

/** The every-minute job: enqueue the reminders that came due. Returns how many were new. */
export async function enqueueDueReminders(db: Database, now: Date, offsets = reminderOffsets()): Promise<number> {
  const _ = db.command;
  const horizon = new Date(now.getTime() + Math.max(...offsets.map((o) => o.ms)));
  const activities = await fetchAll<ActivityRow>(() =>
    db
      .collection('activities')
      .where({ status: 'published', startsAt: _.and(_.gt(now), _.lte(horizon)) })
      .field({ title: true, startsAt: true, location: true }),
  );
  let added = 0;
  for (const a of activities) {
    const offset = dueOffset(asDate(a.startsAt), now, offsets);
    if (!offset) continue;
    const runId = `${offset.label}:${a._id}`;
    const done = await db.collection(REMINDER_RUNS).where({ _id: runId }).limit(1).get();
    if (done.data.length > 0) continue;
    const last = offset.ms === Math.min(...offsets.map((o) => o.ms));
    const confirmed = await recipients(db, a, offset);
    const people = last ? confirmed : await withSpareGrant(db, confirmed);
    const results = await Promise.all(people.map((openid) => enqueue(db, reminderMessage(a, openid, offset, now))));
    added += results.filter(Boolean).length;
    await db
      .collection(REMINDER_RUNS)
      .add({ data: { _id: runId, activityId: a._id, offset: offset.label, confirmed: confirmed.length, recipients: people.length, doneAt: now } })
      .catch((e: unknown) => {
        if (!isDuplicateKeyError(e)) throw e;
      });
  }
  return added;
}
