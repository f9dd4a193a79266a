/**
 * "Checked in", defined once for every surface — the organizer's screen (checkin.stats), the
 * roster and its exports, 我的活动, report.project and the dashboard: the person has a row in
 * the check-in ledger for the activity (one per person per activity, checkin/model.ts),
 * whether they signed up or walked in. So a roster lists every check-in exactly once: on the
 * sign-up it belongs to, or as a walk-in line (现场参加) when no listed sign-up is its own.
 */
import type { AnswerText, FormAnswer, FormAnswers, FormField } from '../../../typings';
import type { CheckinDoc } from '../checkin/model';
import type { SignupDoc } from './model';

export interface AttendanceLine {
  /** The sign-up, absent for a walk-in without one (or whose sign-up was cancelled). */
  signup?: SignupDoc;
  /** The check-in, absent for someone signed up who has not checked in. */
  checkin?: CheckinDoc;
}

/**
 * The lines of a roster: the sign-ups in the order given, each with its check-in, then the
 * check-ins no listed sign-up claims (walk-ins), in the order they arrived.
 */
export function attendanceLines(signups: SignupDoc[], checkins: CheckinDoc[]): AttendanceLine[] {
  // A check-in's _id is its sign-up's _id; it may also name the sign-up in signupId.
  const bySignup = new Map<string, CheckinDoc>();
  for (const c of checkins) {
    bySignup.set(c._id, c);
    if (c.signupId) bySignup.set(c.signupId, c);
  }
  const claimed = new Set<string>();
  const lines: AttendanceLine[] = signups.map((signup) => {
    const checkin = bySignup.get(signup._id);
    if (!checkin || claimed.has(checkin._id)) return { signup };
    claimed.add(checkin._id);
    return { signup, checkin };
  });
  const walkIns = checkins.filter((c) => !claimed.has(c._id)).sort((a, b) => a.at.getTime() - b.at.getTime());
  return lines.concat(walkIns.map((checkin) => ({ checkin })));
}

/** How many people a roster's lines count as checked in: every check-in once. */
export function checkedInCount(lines: AttendanceLine[]): number {
  return lines.filter((l) => l.checkin).length;
}

/** One answer as text: choices joined with 、, numbers as written. */
export function answerText(value: FormAnswer): string {
  return Array.isArray(value) ? value.join('、') : String(value);
}

/** The answers under their questions' labels, in the form's order (questions removed since are left out). */
export function answerTexts(fields: FormField[] | undefined, answers: FormAnswers | undefined): AnswerText[] {
  if (!fields?.length || !answers) return [];
  return fields.filter((f) => answers[f.key] !== undefined).map((f) => ({ label: f.label, text: answerText(answers[f.key]) }));
}
