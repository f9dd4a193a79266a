/**
 * Shared setup of the check-in and report API tests: a project and its organizer (from the
 * activity tests' fixture), activities at known times, tokens and scans at a given X-Now.
 */
import type { CheckinApi } from '../../typings';
import { expectOk, type TestRuntime } from '../helpers/runtime';
import { ORGANIZER, createActivity, type CreateParams, type Fixture } from './activity-helpers';
import { personKeyOf } from '../../cloudfunctions/common/identity';
import { LOCAL_FUNCTION_ENV_DEFAULTS } from '../../local/config';

export { ORGANIZER };
export { codeOf } from '../helpers/runtime';
export const MIN = 60_000;
/** Activities of these tests start here (10:00 Beijing, a 30-second step boundary) and last 2 h. */
export const START = new Date('2026-03-05T02:00:00.000Z');
export const END = new Date(START.getTime() + 120 * MIN);
export const minutes = (m: number, from = START) => new Date(from.getTime() + m * MIN);
/** Inside the geofence of activityParams' location (39.93, 116.4; 200 m). */
export const HERE = { latitude: 39.93, longitude: 116.4 };

export async function checkinActivity(f: Fixture, over: Partial<CreateParams> = {}): Promise<string> {
  return createActivity(f, { startsAt: START.toISOString(), endsAt: END.toISOString(), ...over });
}

export async function tokenAt(rt: TestRuntime, activityId: string, now: Date, as = ORGANIZER): Promise<CheckinApi['token']['res']> {
  return expectOk(await rt.api('checkin', 'token', { activityId }, { openid: as, now }));
}

export function scan(rt: TestRuntime, token: string, openid: string, now: Date, location: { latitude: number; longitude: number } | null = HERE) {
  return rt.api('checkin', 'scan', location ? { token, location } : { token }, { openid, now });
}

/** Check-ins of an activity, straight from the emulator's store. */
export function checkinsOf(rt: TestRuntime, activityId: string): Record<string, unknown>[] {
  const db = rt.runtime.emulator.db;
  return db.collections().includes('checkins') ? db.find('checkins', { activityId }) : [];
}

export function checkinCount(rt: TestRuntime): number {
  const db = rt.runtime.emulator.db;
  return db.collections().includes('checkins') ? db.count('checkins') : 0;
}

/**
 * The id of a resident's own sign-up (and check-in) in the local runtime: a keyed hash of the
 * OPENID under the runtime's development AUDIT_SALT, as the functions compute it.
 */
export function ownIdOf(activityId: string, openid: string): string {
  return `${activityId}:${personKeyOf(openid, LOCAL_FUNCTION_ENV_DEFAULTS.AUDIT_SALT)}`;
}
