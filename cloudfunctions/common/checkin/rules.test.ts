import {
  distanceM,
  durationOf,
  isWithin,
  modeOf,
  requireInRange,
  requireManualAllowed,
  requireWindowOpen,
  signOutWindowOf,
  validateSettings,
  windowOf,
} from './rules';
import { checkinId, personKeyOfSignup, personOf } from './model';

const START = new Date('2026-03-05T02:00:00Z'); // 10:00 Beijing
const END = new Date('2026-03-05T04:00:00Z');
const MIN = 60_000;
const activity = { _id: 'a1', title: '居民议事会', startsAt: START, endsAt: END, status: 'published' };
const plus = (min: number) => new Date(START.getTime() + min * MIN);

function failure(fn: () => void): { code: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e as { code: string; message: string };
  }
}

describe('window', () => {
  it('opens 30 minutes before the start and closes at the end by default', () => {
    expect(windowOf(activity)).toEqual({ opensAt: plus(-30), closesAt: END });
    expect(failure(() => requireWindowOpen(activity, plus(-31)))?.code).toBe('CHECKIN_NOT_OPEN');
    expect(failure(() => requireWindowOpen(activity, plus(-31)))?.message).toContain('09:30 开始签到');
    expect(failure(() => requireWindowOpen(activity, plus(-30)))).toBeNull();
    expect(failure(() => requireWindowOpen(activity, END))).toBeNull();
    expect(failure(() => requireWindowOpen(activity, new Date(END.getTime() + 1)))?.message).toBe('活动签到已经结束');
  });

  it('follows the activity settings', () => {
    const a = { ...activity, checkin: { opensBeforeMin: 60, closesAfterMin: 15 } };
    expect(isWithin(windowOf(a), plus(-60))).toBe(true);
    expect(isWithin(windowOf(a), plus(135))).toBe(true);
    expect(isWithin(windowOf(a), plus(136))).toBe(false);
  });

  it('is closed for cancelled and draft activities', () => {
    expect(failure(() => requireWindowOpen({ ...activity, status: 'cancelled' }, plus(0)))?.code).toBe('CHECKIN_NOT_OPEN');
    expect(failure(() => requireWindowOpen({ ...activity, status: 'draft' }, plus(0)))?.code).toBe('CHECKIN_NOT_OPEN');
  });

  it('lets the organizer record from the roster until a week after the end', () => {
    expect(failure(() => requireManualAllowed(activity, new Date(END.getTime() + 6 * 24 * 60 * MIN)))).toBeNull();
    expect(failure(() => requireManualAllowed(activity, new Date(END.getTime() + 8 * 24 * 60 * MIN)))?.code).toBe('CHECKIN_NOT_OPEN');
    expect(failure(() => requireManualAllowed(activity, plus(-31)))?.code).toBe('CHECKIN_NOT_OPEN');
  });

  it('validates settings', () => {
    expect(validateSettings({ signOut: true })).toEqual({ opensBeforeMin: 30, closesAfterMin: 0, signOut: true, minShare: 0.6 });
    expect(failure(() => validateSettings({ minShare: 0 }))?.code).toBe('BAD_REQUEST');
    expect(failure(() => validateSettings({ opensBeforeMin: -1 }))?.code).toBe('BAD_REQUEST');
  });
});

describe('geofence', () => {
  const tiananmen = { latitude: 39.9087, longitude: 116.3975 };
  it('measures great-circle distance (haversine)', () => {
    expect(distanceM(tiananmen, tiananmen)).toBe(0);
    // One degree of latitude ≈ 111.2 km.
    expect(distanceM({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, -1);
    // Beijing → Shanghai ≈ 1,067 km.
    expect(distanceM(tiananmen, { latitude: 31.2304, longitude: 121.4737 }) / 1000).toBeCloseTo(1067, -1);
    // Symmetric.
    const p = { latitude: 39.93, longitude: 116.41 };
    expect(distanceM(tiananmen, p)).toBeCloseTo(distanceM(p, tiananmen), 6);
  });

  it('accepts inside the radius and refuses outside, with the distance in the message', () => {
    const location = { name: '活动室', ...tiananmen, radiusM: 200 };
    expect(failure(() => requireInRange(location, { latitude: 39.9096, longitude: 116.3975 }))).toBeNull(); // ~100 m
    const far = failure(() => requireInRange(location, { latitude: 39.9132, longitude: 116.3975 })); // ~500 m
    expect(far?.code).toBe('OUT_OF_RANGE');
    expect(far?.message).toMatch(/约50\d米，需要在200米以内/);
    expect(failure(() => requireInRange(location, undefined))?.code).toBe('OUT_OF_RANGE');
    expect(failure(() => requireInRange({ name: '活动室' }, undefined))).toBeNull();
  });

  it('decides the mode: posters only where location proves presence', () => {
    expect(modeOf({ location: { name: 'x', latitude: 1, longitude: 1, radiusM: 100 } })).toBe('geofence');
    expect(modeOf({ location: { name: 'x', latitude: 1, longitude: 1 } })).toBe('rotating');
    expect(modeOf({})).toBe('rotating');
  });
});

describe('sign-out and hours', () => {
  it('counts hours from the minimum share of the planned length', () => {
    expect(durationOf(activity, plus(0), plus(72))).toEqual({ durationMin: 72, countsAsHours: true });
    expect(durationOf(activity, plus(0), plus(71))).toEqual({ durationMin: 71, countsAsHours: false });
    expect(durationOf({ ...activity, checkin: { minShare: 0.5 } }, plus(0), plus(60)).countsAsHours).toBe(true);
  });

  it('opens sign-out 30 minutes before the end, for an hour after it', () => {
    expect(signOutWindowOf(activity)).toEqual({ opensAt: plus(90), closesAt: plus(180) });
  });
});

describe('keys', () => {
  it('keys a check-in like its sign-up', () => {
    expect(checkinId('a1', 'o1')).toBe('a1:o1');
    expect(personKeyOfSignup('a1:o1:other-2', 'a1')).toBe('o1:other-2');
    expect(personKeyOfSignup('a2:o1', 'a1')).toBeNull();
    expect(personKeyOfSignup('a1:', 'a1')).toBeNull();
  });

  it('identifies people without exposing OPENIDs', () => {
    expect(personOf({ openid: 'o1' })).toBe(personOf({ openid: 'o1' }));
    expect(personOf({ openid: 'o1' })).not.toContain('o1');
    expect(personOf({ name: '王阿姨', phone: '13800000000' })).not.toBe(personOf({ name: '王阿姨', phone: '13800000001' }));
  });
});
