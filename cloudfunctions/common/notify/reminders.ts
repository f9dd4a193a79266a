/**
 * Activity reminders (活动开始提醒): the every-minute timer enqueues one message per confirmed
 * resident a set time before the start (default 24 h and 1 h; env NOTIFY_REMINDER_HOURS, e.g.
 * "24,1"). Each reminder has a deterministic outbox `_id` (`reminder:<label>:<activityId>:<openid>`),
 * so two timers running at once, or one running every minute, enqueue it once.
 */
import type { Database } from '../platform/database';
import { COLLECTIONS } from '../collections';
import { asDate, asOptionalDate, insertOnce } from '../platform/documents';
import { fetchAll } from '../platform/paging';
import { toIso } from '../platform/time';
import { enqueueMany } from './enqueue';
import { outboxMessage, type OutboxMessage } from './message';

const HOUR = 3_600_000;
export const DEFAULT_REMINDER_HOURS = [24, 1];
/** Marks an (activity, offset) whose reminders are all enqueued, so later ticks skip it. */
const REMINDER_RUNS = COLLECTIONS.reminderRuns;

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
  const docs = await fetchAll(
    db,
    COLLECTIONS.signups,
    { activityId: a._id, status: 'confirmed' },
    { openid: true, createdAt: true, promotedAt: true, approvedAt: true },
  );
  const rows: SignupRow[] = docs.map((d) => ({
    openid: String(d.openid),
    createdAt: asDate(d.createdAt),
    promotedAt: asOptionalDate(d.promotedAt),
    approvedAt: asOptionalDate(d.approvedAt),
  }));
  const start = asDate(a.startsAt);
  const chosen = rows.filter((s) => wantsReminder(s.promotedAt ?? s.approvedAt ?? s.createdAt, start, offset));
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
    const res = await db
      .collection(COLLECTIONS.subscriptions)
      .where({ _id: _.in(ids), count: _.gte(2) })
      .field({ openid: true })
      .limit(100)
      .get();
    for (const d of res.data) spare.add(String(d.openid));
  }
  return openids.filter((o) => spare.has(o));
}

/** The every-minute job: enqueue the reminders that came due. Returns how many were new. */
export async function enqueueDueReminders(db: Database, now: Date, offsets = reminderOffsets()): Promise<number> {
  const _ = db.command;
  const horizon = new Date(now.getTime() + Math.max(...offsets.map((o) => o.ms)));
  const docs = await fetchAll(
    db,
    COLLECTIONS.activities,
    { status: 'published', startsAt: _.and(_.gt(now), _.lte(horizon)) },
    { title: true, startsAt: true, location: true },
  );
  const activities: ActivityRow[] = docs.map((d) => ({ _id: String(d._id), title: String(d.title), startsAt: asDate(d.startsAt), location: d.location }));
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
    added += await enqueueMany(
      db,
      people.map((openid) => reminderMessage(a, openid, offset, now)),
    );
    await insertOnce(db, REMINDER_RUNS, {
      _id: runId,
      activityId: a._id,
      offset: offset.label,
      confirmed: confirmed.length,
      recipients: people.length,
      doneAt: now,
    });
  }
  return added;
}
