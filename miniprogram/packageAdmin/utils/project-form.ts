/** The admin's project form: planned activities edited as rows (a type and a −/+ count of sessions). */
import type { PlannedActivity } from '../../../typings/contest';

const MAX_SESSIONS = 1000;

/** The rows worth saving: a named type with at least one session. */
export function plannedRows(rows: PlannedActivity[]): PlannedActivity[] {
  return rows.map((r) => ({ type: r.type.trim(), sessions: r.sessions })).filter((r) => r.type && r.sessions > 0);
}

/** A row's session count after a −/+ tap or typing, kept within 0..MAX_SESSIONS. */
export function sessionsAfter(current: number, change: { step?: number; typed?: string }): number {
  const next = change.typed !== undefined ? Number.parseInt(change.typed, 10) || 0 : current + (change.step ?? 0);
  return Math.min(MAX_SESSIONS, Math.max(0, next));
}
