/** Check-in rules as pure functions: window, mode, geofence, sign-out and service hours. */
import type { ActivityLocation, CheckinMode, CheckinSettings } from '../../../typings';
import { AppError } from '../errors';
import { formatShanghai } from '../platform/time';

export const DEFAULT_SETTINGS: Required<CheckinSettings> = {
  opensBeforeMin: 30,
  closesAfterMin: 0,
  signOut: false,
  minShare: 0.6,
};

/** A volunteer may sign out by scanning again from this long before the end… */
export const SIGN_OUT_OPENS_BEFORE_END_MIN = 30;
/** …until this long after it (or the check-in window's close, if later). */
export const SIGN_OUT_CLOSES_AFTER_END_MIN = 60;
/** The organizer may record check-ins from the roster for this long after the end (paper lists). */
export const MANUAL_AFTER_END_DAYS = 7;

const MIN = 60_000;

/** What check-in reads of an activity (a slice of the activity document). */
export interface CheckinActivity {
  _id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  location?: ActivityLocation;
  requiresSignup?: boolean;
  checkin?: CheckinSettings;
}

export function settingsOf(a: Pick<CheckinActivity, 'checkin'>): Required<CheckinSettings> {
  return { ...DEFAULT_SETTINGS, ...(a.checkin ?? {}) };
}

export interface Window {
  opensAt: Date;
  closesAt: Date;
}

export function windowOf(a: Pick<CheckinActivity, 'startsAt' | 'endsAt' | 'checkin'>): Window {
  const s = settingsOf(a);
  return {
    opensAt: new Date(a.startsAt.getTime() - s.opensBeforeMin * MIN),
    closesAt: new Date(a.endsAt.getTime() + s.closesAfterMin * MIN),
  };
}

export function isWithin(w: Window, now: Date): boolean {
  return now.getTime() >= w.opensAt.getTime() && now.getTime() <= w.closesAt.getTime();
}

/** Refuses a cancelled or unpublished activity (CHECKIN_NOT_OPEN), in words a resident reads. */
export function requireCheckinAllowed(a: Pick<CheckinActivity, 'status'>): void {
  if (a.status === 'cancelled') throw new AppError('CHECKIN_NOT_OPEN', '活动已取消，不需要签到');
  if (a.status !== 'published') throw new AppError('CHECKIN_NOT_OPEN', '活动还没有发布，暂不能签到');
}

/** CHECKIN_NOT_OPEN outside the window, saying when it opens or that it has ended. */
export function requireWindowOpen(a: Pick<CheckinActivity, 'startsAt' | 'endsAt' | 'checkin' | 'status'>, now: Date): void {
  requireCheckinAllowed(a);
  const w = windowOf(a);
  if (now.getTime() < w.opensAt.getTime()) {
    throw new AppError('CHECKIN_NOT_OPEN', `还没到签到时间，${formatShanghai(w.opensAt)} 开始签到`);
  }
  if (now.getTime() > w.closesAt.getTime()) throw new AppError('CHECKIN_NOT_OPEN', '活动签到已经结束');
}

/** Manual check-in from the roster: from the window's opening until a week after the end. */
export function requireManualAllowed(a: Pick<CheckinActivity, 'startsAt' | 'endsAt' | 'checkin' | 'status'>, now: Date): void {
  requireCheckinAllowed(a);
  const w = windowOf(a);
  if (now.getTime() < w.opensAt.getTime()) {
    throw new AppError('CHECKIN_NOT_OPEN', `还没到签到时间，${formatShanghai(w.opensAt)} 开始签到`);
  }
  const last = a.endsAt.getTime() + MANUAL_AFTER_END_DAYS * 24 * 60 * MIN;
  if (now.getTime() > last) throw new AppError('CHECKIN_NOT_OPEN', `活动结束已超过${MANUAL_AFTER_END_DAYS}天，不能再补签`);
}

// ---------------------------------------------------------------------------------------------
// Geofence

export interface Point {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Geofence extends Point {
  radiusM: number;
}

export function geofenceOf(location: ActivityLocation | undefined): Geofence | null {
  if (!location || location.latitude === undefined || location.longitude === undefined || !location.radiusM) return null;
  return { latitude: location.latitude, longitude: location.longitude, radiusM: location.radiusM };
}

/** Poster codes work only together with a geofence; else the live QR is needed. */
export function modeOf(a: Pick<CheckinActivity, 'location'>): CheckinMode {
  return geofenceOf(a.location) ? 'geofence' : 'rotating';
}

/** OUT_OF_RANGE unless the phone is within the activity's radius (when it has one). */
export function requireInRange(location: ActivityLocation | undefined, at: Point | undefined): void {
  const fence = geofenceOf(location);
  if (!fence) return;
  if (!at)
    throw new AppError('OUT_OF_RANGE', '这个活动需要确认您在现场，请允许小程序获取位置后再签到；室内定位不到时，请出示“我的活动”里的签到码，由组织者为您签到');
  const d = distanceM(fence, at);
  if (d > fence.radiusM) {
    throw new AppError('OUT_OF_RANGE', `您距离活动地点约${formatDistance(d)}，需要在${formatDistance(fence.radiusM)}以内才能签到`);
  }
}

export function formatDistance(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)}公里` : `${Math.round(m)}米`;
}

// ---------------------------------------------------------------------------------------------
// Sign-out and service hours

/** When a volunteer's second scan signs them out. */
export function signOutWindowOf(a: Pick<CheckinActivity, 'startsAt' | 'endsAt' | 'checkin'>): Window {
  const closes = Math.max(a.endsAt.getTime() + SIGN_OUT_CLOSES_AFTER_END_MIN * MIN, windowOf(a).closesAt.getTime());
  return { opensAt: new Date(a.endsAt.getTime() - SIGN_OUT_OPENS_BEFORE_END_MIN * MIN), closesAt: new Date(closes) };
}

export interface Duration {
  durationMin: number;
  countsAsHours: boolean;
}

/**
 * Minutes between check-in and sign-out, and whether they reach the minimum share of the
 * activity's planned length for the participation to count as service hours.
 */
export function durationOf(a: Pick<CheckinActivity, 'startsAt' | 'endsAt' | 'checkin'>, at: Date, signOutAt: Date): Duration {
  const durationMin = Math.max(0, Math.round((signOutAt.getTime() - at.getTime()) / MIN));
  const plannedMin = (a.endsAt.getTime() - a.startsAt.getTime()) / MIN;
  return { durationMin, countsAsHours: durationMin >= settingsOf(a).minShare * plannedMin };
}

/** Checks organizer-supplied settings; BAD_REQUEST with the reason. */
export function validateSettings(s: CheckinSettings): Required<CheckinSettings> {
  const merged = { ...DEFAULT_SETTINGS, ...s };
  if (!(Number.isInteger(merged.opensBeforeMin) && merged.opensBeforeMin >= 0 && merged.opensBeforeMin <= 24 * 60)) {
    throw new AppError('BAD_REQUEST', '提前签到时间须在 0 到 1440 分钟之间');
  }
  if (!(Number.isInteger(merged.closesAfterMin) && merged.closesAfterMin >= 0 && merged.closesAfterMin <= 24 * 60)) {
    throw new AppError('BAD_REQUEST', '结束后签到时间须在 0 到 1440 分钟之间');
  }
  if (!(merged.minShare > 0 && merged.minShare <= 1)) throw new AppError('BAD_REQUEST', '计入时长的最低比例须在 0 到 1 之间');
  return merged;
}
