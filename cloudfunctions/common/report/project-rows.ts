/**
 * The planned-vs-held table of a project (seed 003: 计划达成 vs 实际已达成), as a pure function
 * of the project's plan, its activities and the check-in counts. Nothing here is hand-entered:
 * "held" and "person-times" come only from the ledger of check-ins.
 *   held session  = an activity of the type whose start has passed, with ≥ 1 check-in;
 *   person-times  = check-ins of held sessions (the ledger holds one per person per activity).
 */
import type { HoursRow, ReportRow } from '../../../typings';

/** Activities without a type are reported under this row. */
export const UNTYPED = '其他';

export interface PlannedType {
  type: string;
  sessions: number;
}

export interface ReportActivity {
  _id: string;
  type?: string;
  startsAt: Date;
  status?: string;
}

export function hasStarted(a: ReportActivity, now: Date): boolean {
  return a.status !== 'cancelled' && a.status !== 'draft' && a.startsAt.getTime() <= now.getTime();
}

/**
 * One row per planned type (in the plan's order, repeated types merged), then any type that
 * was held without being planned; totals are the column sums.
 */
export function buildRows(planned: PlannedType[], activities: ReportActivity[], checkinsByActivity: Map<string, number>, now: Date) {
  const rows = new Map<string, ReportRow>();
  const rowOf = (type: string) => {
    let row = rows.get(type);
    if (!row) {
      row = { type, plannedSessions: 0, heldSessions: 0, personTimes: 0 };
      rows.set(type, row);
    }
    return row;
  };
  for (const p of planned) rowOf(p.type.trim()).plannedSessions += p.sessions;
  for (const a of activities) {
    const n = checkinsByActivity.get(a._id) ?? 0;
    if (!hasStarted(a, now) || n === 0) continue;
    const row = rowOf(a.type?.trim() || UNTYPED);
    row.heldSessions += 1;
    row.personTimes += n;
  }
  const list = [...rows.values()];
  const sum = (k: 'plannedSessions' | 'heldSessions' | 'personTimes') => list.reduce((t, r) => t + r[k], 0);
  return { rows: list, totals: { plannedSessions: sum('plannedSessions'), heldSessions: sum('heldSessions'), personTimes: sum('personTimes') } };
}

/** Minutes to hours with one decimal, most hours first (ties by name for a stable table). */
export function hoursRows(groups: { person: string; name?: string; minutes: number; sessions: number }[]): HoursRow[] {
  return groups
    .map((g) => {
      const row: HoursRow = { person: g.person, sessions: g.sessions, hours: Math.round(g.minutes / 6) / 10 };
      if (g.name) row.name = g.name;
      return row;
    })
    .sort((a, b) => b.hours - a.hours || (a.name ?? '').localeCompare(b.name ?? '') || a.person.localeCompare(b.person));
}
