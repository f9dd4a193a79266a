import type { IsoTime } from './envelope';
import type { CheckinMethod } from './checkin';

export type ActivityStatus = 'draft' | 'published' | 'cancelled';
export type SignupStatus = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';
/**
 * A line of a roster or of 我的活动: a sign-up's status, or `walkIn` — checked in without a
 * standing sign-up (现场参加). "Checked in" means one thing everywhere: the person has a row in
 * the check-in ledger for the activity.
 */
export type AttendanceStatus = SignupStatus | 'walkIn';

/** A custom question's answer as people read it: under the question's label. */
export interface AnswerText {
  label: string;
  text: string;
}

export interface ActivityLocation {
  name: string;
  latitude?: number;
  longitude?: number;
  radiusM?: number;
}

/** When a resident may still cancel: never, until the sign-up deadline, or until N hours before start. */
export type CancelRule = { kind: 'none' } | { kind: 'untilDeadline' } | { kind: 'beforeStart'; hours: number };

/** A question the organizer adds to the sign-up form (报名表单自定义项). */
export interface FormField {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'single' | 'multi';
  required?: boolean;
  /** Choices of single/multi questions. */
  options?: string[];
  /** text: max length; number: bounds. */
  maxLength?: number;
  min?: number;
  max?: number;
}

export type FormAnswer = string | number | string[];
export type FormAnswers = Record<string, FormAnswer>;

export interface SignupForm {
  name: string;
  phone: string;
  note?: string;
  answers?: FormAnswers;
}

/** The caller's own sign-up(s) to an activity. */
export interface MySignup {
  signupId: string;
  status: SignupStatus;
  /** 1-based place in the waitlist (waitlisted only). */
  position?: number;
  checkedIn?: boolean;
  forOther?: boolean;
  name?: string;
}

export interface ActivityView {
  activityId: string;
  title: string;
  type?: string;
  projectId?: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
  signupEndsAt?: IsoTime;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  pending?: number;
  /** Seats still free (never negative). */
  seatsLeft?: number;
  location?: ActivityLocation;
  description?: string;
  coverImage?: string;
  status: ActivityStatus;
  approval?: boolean;
  requiresSignup?: boolean;
  fields?: FormField[];
  cancelRule?: CancelRule;
  /** Whether sign-up is open now (published, before the deadline). */
  signupOpen?: boolean;
  /** The caller's own sign-up, if any. */
  me?: { status: SignupStatus; position?: number; checkedIn?: boolean; signupId?: string } | null;
  /** Sign-ups the caller made for family members (为家人报名). */
  family?: MySignup[];
  /** The caller organizes this activity (admin or the project's organizer): roster, edits. */
  canManage?: boolean;
  /** Present once the caller has checked in: their rating and until when they may give or change it. */
  rating?: ActivityRatingView;
}

/** 居民评价: a checked-in resident rates the activity once, and may change it until `until`. */
export interface ActivityRatingView {
  /** Whether the caller may rate (or change the rating) now. */
  canRate: boolean;
  /** The last moment a rating may be given or changed. */
  until: IsoTime;
  mine?: { stars: number; comment?: string; at: IsoTime };
}

export interface RosterItem {
  /** The sign-up's id; for a walk-in, the check-in's (it names the person for 签退). */
  signupId: string;
  /** '' when nobody gave one (the screens show 未留姓名). */
  name: string;
  phoneMasked: string;
  status: AttendanceStatus;
  checkedIn: boolean;
  checkedInAt?: IsoTime;
  /** How the check-in was recorded (扫码, 核验, 手动). */
  checkinMethod?: CheckinMethod;
  /** Checked in without a confirmed place (现场参加), with or without a sign-up. */
  walkIn?: boolean;
  forOther?: boolean;
  /** 1-based place in the waitlist (waitlisted only). */
  position?: number;
  note?: string;
  answers?: FormAnswers;
  /** The answers under their questions' labels, in the form's order. */
  answerTexts?: AnswerText[];
  signedUpAt?: IsoTime;
}

/** Roster row of the admin export: the full phone number. */
export interface RosterExportItem extends Omit<RosterItem, 'phoneMasked'> {
  phone: string;
}

/** A line of 我的活动: a sign-up, or an activity the caller walked into (status `walkIn`, checked in). */
export interface MineItem extends Omit<MySignup, 'status'> {
  status: AttendanceStatus;
  activityId: string;
  title: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
  location?: ActivityLocation;
  activityStatus: ActivityStatus;
  /** upcoming: confirmed/pending, not ended; waitlisted; past: ended. */
  bucket: 'upcoming' | 'waitlisted' | 'past';
}

export interface ActivityEditable {
  title?: string;
  startsAt?: IsoTime;
  endsAt?: IsoTime;
  capacity?: number;
  type?: string;
  signupEndsAt?: IsoTime;
  location?: ActivityLocation;
  description?: string;
  coverImage?: string;
  approval?: boolean;
  requiresSignup?: boolean;
  fields?: FormField[];
  cancelRule?: CancelRule;
}

export interface ActivityApi {
  create: {
    req: {
      title: string;
      startsAt: IsoTime;
      endsAt: IsoTime;
      capacity: number;
      projectId?: string;
      type?: string;
      signupEndsAt?: IsoTime;
      location?: ActivityLocation;
      description?: string;
      coverImage?: string;
      /** 'published' unless created as a draft. */
      status?: 'draft' | 'published';
      approval?: boolean;
      requiresSignup?: boolean;
      fields?: FormField[];
      cancelRule?: CancelRule;
    };
    res: { activityId: string };
  };
  get: { req: { activityId: string }; res: ActivityView };
  list: {
    /** `managed`: only the activities I organize (admins: all), for the organizer's workbench. */
    req: { projectId?: string; type?: string; from?: IsoTime; includeDrafts?: boolean; managed?: boolean; limit?: number };
    res: { items: ActivityView[] };
  };
  /** Without `form`, the caller is signed up without contact details (the roster shows 未留姓名). */
  signup: {
    req: { activityId: string; form?: SignupForm; forOther?: { name: string; phone: string; note?: string; answers?: FormAnswers } };
    res: { status: 'confirmed' | 'waitlisted' | 'pending'; position?: number; signupId?: string };
  };
  /** Cancels the caller's own sign-up, or one made for a family member (signupId). */
  cancel: {
    req: { activityId: string; signupId?: string };
    res: { status: 'cancelled'; /** How many moved up from the waitlist (never whose ids). */ promoted?: number };
  };
  roster: { req: { activityId: string }; res: { items: RosterItem[] } };
  /** Admin only: the roster with full phone numbers. */
  export: { req: { activityId: string }; res: { items: RosterExportItem[] } };
  /** 我的活动. */
  mine: { req: { from?: IsoTime }; res: { items: MineItem[] } };
  /** Organizer: approve a pending sign-up (takes a seat if one is free, else joins the waitlist). */
  approve: { req: { activityId: string; signupId: string }; res: { status: 'confirmed' | 'waitlisted'; position?: number } };
  reject: { req: { activityId: string; signupId: string }; res: { status: 'rejected' } };
  update: { req: { activityId: string; patch: ActivityEditable; status?: 'draft' | 'published' }; res: { activityId: string; promoted: number } };
  cancelActivity: { req: { activityId: string; reason?: string }; res: { status: 'cancelled'; notified: number } };
  /** A resident who checked in rates the activity 1–5 stars (comment optional, content-checked); again to change it, until the deadline. */
  rate: { req: { activityId: string; stars: number; comment?: string }; res: { stars: number; comment?: string; until: IsoTime } };
}
