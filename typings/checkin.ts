import type { IsoTime } from './envelope';

/** How a check-in was recorded. */
export type CheckinMethod = 'scan' | 'verify' | 'manual';

/**
 * How residents check in at an activity: 'rotating' — only the organizer's live QR (a token
 * that changes every 30 s); 'geofence' — also the static poster code, provided the phone is
 * within the activity's radius (the activity has coordinates and radiusM).
 */
export type CheckinMode = 'rotating' | 'geofence';

/** Per-activity check-in settings (organizer's choice; defaults in brackets). */
export interface CheckinSettings {
  /** Minutes before the start that check-in opens [30]. */
  opensBeforeMin?: number;
  /** Minutes after the end that check-in stays open [0]. */
  closesAfterMin?: number;
  /** Volunteer activity: residents sign out (签退) and the time counts as service hours [false]. */
  signOut?: boolean;
  /** Share of the activity's length a volunteer must stay for it to count as hours [0.6]. */
  minShare?: number;
}

export interface CheckinWindowView {
  opensAt: IsoTime;
  closesAt: IsoTime;
  /** Whether check-in is open at the time of the call. */
  open: boolean;
}

export interface CheckinStats {
  activityId: string;
  title: string;
  projectId?: string;
  /** People checked in (each person once). */
  checkedIn: number;
  /** Confirmed sign-ups. */
  signedUp: number;
  /** Checked in without a sign-up. */
  walkIns: number;
  signedOut: number;
  mode: CheckinMode;
  window: CheckinWindowView;
}

export interface ScanResult {
  activityId: string;
  title: string;
  checkedInAt: IsoTime;
  walkIn: boolean;
  /** Set when this scan was the volunteer's sign-out (second scan at the end). */
  signedOutAt?: IsoTime;
  durationMin?: number;
  countsAsHours?: boolean;
}

export interface CheckinApi {
  /** Organizer: the current rotating QR payload (short, base64url). */
  token: {
    req: { activityId: string };
    /** `title`: the activity's, so whatever lists codes names them by activity, not by id. */
    res: { token: string; title: string; expiresAt: IsoTime; refreshAt: IsoTime; window: CheckinWindowView; mode: CheckinMode };
  };
  /**
   * Resident: check in with the scanned token — the organizer's live QR, or the printed poster's
   * code (its scene, `k.…`) where the activity also checks location (mode 'geofence'). A
   * location alone never checks anyone in: it is an extra condition (OUT_OF_RANGE).
   */
  scan: {
    /** `name`: who a walk-in is (e.g. remembered from an earlier sign-up form), for the roster and the export. */
    req: { token?: string; activityId?: string; location?: { latitude: number; longitude: number }; name?: string };
    res: ScanResult;
  };
  /** Organizer: check in someone on the roster (no phone, or signed up by a family member). */
  manual: { req: { activityId: string; signupId: string }; res: { checkedInAt: IsoTime; name?: string } };
  /** Resident: the personal code the organizer scans at the door (核验), for self or a family sign-up. */
  myCode: { req: { activityId: string; signupId?: string }; res: { code: string; name?: string } };
  /** Organizer: check in the resident whose personal code was scanned. */
  /** `activityId`: the activity the organizer's screen is for; a code of another activity is refused by name. */
  verify: { req: { code: string; activityId?: string }; res: { activityId: string; checkedInAt: IsoTime; name?: string; walkIn: boolean } };
  /** Volunteer sign-out: the resident with the live token, or the organizer for a roster entry. */
  signOut: {
    req: { token?: string; activityId?: string; signupId?: string };
    res: { signedOutAt: IsoTime; durationMin: number; countsAsHours: boolean };
  };
  /** Organizer screen: live count checked-in / signed-up. */
  stats: { req: { activityId: string }; res: CheckinStats };
  /** Organizer: the static poster code (mini-program code opening pages/checkin/index). */
  poster: {
    req: { activityId: string; width?: number };
    res: { fileID: string; scene: string; page: string; mode: CheckinMode; /** The same PNG, base64, to show at once. */ pngBase64: string };
  };
  /** Organizer: change the activity's check-in settings. */
  configure: { req: { activityId: string; settings: CheckinSettings }; res: { settings: Required<CheckinSettings> } };
  /** Anyone: what the check-in page needs to show before scanning (title, time, mode). */
  info: {
    /** `poster`: the printed poster's code (the page opened from it knows no activity id). */
    req: { activityId?: string; poster?: string };
    res: { activityId: string; title: string; startsAt: IsoTime; endsAt: IsoTime; mode: CheckinMode; window: CheckinWindowView; locationName?: string };
  };
}
