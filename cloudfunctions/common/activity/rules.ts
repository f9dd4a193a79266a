/**
 * Rules of activities and sign-ups as pure functions of plain values: validation, seat
 * placement, cancel windows, custom form answers, masking. No database here.
 */
import type {
  ActivityLocation,
  ActivityStatus,
  ActivityView,
  CancelRule,
  FormAnswer,
  FormAnswers,
  FormField,
  SignupStatus,
} from '../../../typings';
import { AppError } from '../errors';
import { formatShanghai, toIso } from '../platform/time';

export const MAX_CAPACITY = 10_000;
/** A resident may sign up at most this many family members / neighbours per activity. */
export const MAX_FOR_OTHERS = 2;
export const MAX_FIELDS = 10;
/** Mainland China mobile number. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
/** Chinese or Latin names, with the middle dot of minority and foreign names. */
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·• .]{1,20}$/u;

export const DEFAULT_CANCEL_RULE: CancelRule = { kind: 'untilDeadline' };

/** An activity as stored in `activities`. */
export interface ActivityDoc {
  _id: string;
  title: string;
  type?: string;
  projectId?: string;
  startsAt: Date;
  endsAt: Date;
  signupEndsAt?: Date;
  capacity: number;
  location?: ActivityLocation;
  description?: string;
  coverImage?: string;
  status: ActivityStatus;
  confirmed: number;
  waitlisted: number;
  pending: number;
  /** Arrival counter: the next sign-up's seq. */
  nextSeq: number;
  requiresSignup?: boolean;
  approval?: boolean;
  fields?: FormField[];
  cancelRule: CancelRule;
  createdBy: string;
  createdAt: Date;
  updatedAt?: Date;
  cancelledAt?: Date;
}

/** A sign-up as stored in `signups`; `_id` is `${activityId}:${openid}` or `…:other-<n>`. */
export interface SignupDoc {
  _id: string;
  activityId: string;
  /** The resident who signed up (also for a family member). */
  openid: string;
  forOther: boolean;
  name: string;
  phone: string;
  note?: string;
  answers?: FormAnswers;
  status: SignupStatus;
  /** Arrival order within the activity. */
  seq: number;
  createdAt: Date;
  promotedAt?: Date;
  approvedAt?: Date;
  cancelledAt?: Date;
}

export interface Counters {
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

/** Statuses that hold a place (a seat, a waitlist place or a request under review). */
export const ACTIVE_STATUSES: readonly SignupStatus[] = ['confirmed', 'waitlisted', 'pending'];

export function isActive(status: SignupStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

function bad(message: string): never {
  throw new AppError('BAD_REQUEST', message);
}

// ---------------------------------------------------------------------------------------------
// Activity validation

export interface ActivityDraft {
  title: string;
  startsAt: Date;
  endsAt: Date;
  signupEndsAt?: Date;
  capacity: number;
  location?: ActivityLocation;
  fields?: FormField[];
  cancelRule?: CancelRule;
}

/** Checks an activity as a whole (the organiser's form): times in order, a sane capacity, a place. */
export function validateActivity(draft: ActivityDraft): void {
  if (!draft.title.trim()) bad('请填写活动名称');
  if (draft.title.trim().length > 50) bad('活动名称不能超过50个字');
  if (!(draft.endsAt.getTime() > draft.startsAt.getTime())) bad('结束时间必须晚于开始时间');
  if (!Number.isInteger(draft.capacity) || draft.capacity < 1 || draft.capacity > MAX_CAPACITY) {
    bad(`名额必须是 1 到 ${MAX_CAPACITY} 之间的整数`);
  }
  if (draft.signupEndsAt && draft.signupEndsAt.getTime() > draft.startsAt.getTime()) bad('报名截止时间不能晚于活动开始时间');
  if (draft.location) validateLocation(draft.location);
  if (draft.fields) validateFields(draft.fields);
  if (draft.cancelRule?.kind === 'beforeStart') {
    const h = draft.cancelRule.hours;
    if (!(h >= 0 && h <= 24 * 30)) bad('取消时限必须在 0 到 720 小时之间');
  }
}

export function validateLocation(location: ActivityLocation): void {
  if (!location.name.trim() || location.name.length > 50) bad('请填写活动地点（不超过50个字）');
  const hasLat = location.latitude !== undefined;
  const hasLng = location.longitude !== undefined;
  if (hasLat !== hasLng) bad('地点坐标需要同时填写经度和纬度');
  if (hasLat && !(Math.abs(location.latitude as number) <= 90)) bad('纬度不正确');
  if (hasLng && !(Math.abs(location.longitude as number) <= 180)) bad('经度不正确');
  if (location.radiusM !== undefined) {
    if (!hasLat) bad('设置签到范围前请先填写地点坐标');
    if (!(location.radiusM >= 10 && location.radiusM <= 5000)) bad('签到范围必须在 10 到 5000 米之间');
  }
}

/** Custom form questions: unique keys, choices for choice questions, at most MAX_FIELDS. */
export function validateFields(fields: FormField[]): void {
  if (fields.length > MAX_FIELDS) bad(`自定义报名项最多 ${MAX_FIELDS} 个`);
  const keys = new Set<string>();
  for (const field of fields) {
    if (keys.has(field.key)) bad(`报名项「${field.label}」重复了`);
    keys.add(field.key);
    if (!field.label.trim()) bad('报名项需要填写名称');
    const isChoice = field.kind === 'single' || field.kind === 'multi';
    if (isChoice && (!field.options || field.options.length < 2)) bad(`报名项「${field.label}」至少需要两个选项`);
    if (isChoice && new Set(field.options).size !== field.options?.length) bad(`报名项「${field.label}」的选项重复了`);
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) bad(`报名项「${field.label}」的范围不正确`);
  }
}

// ---------------------------------------------------------------------------------------------
// Sign-up form

/** Trims a person's name and checks it reads as a name (Chinese or Latin letters, 1–20). */
export function normaliseName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) bad('请填写姓名');
  if (!NAME_PATTERN.test(name)) bad('姓名只能包含汉字或字母，不超过20个字');
  return name;
}

/** Strips spaces and dashes people type into phone numbers, then checks a mainland mobile number. */
export function normalisePhone(raw: string): string {
  const phone = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (!PHONE_PATTERN.test(phone)) bad('请填写正确的11位手机号码');
  return phone;
}

export function normaliseNote(raw: string | undefined): string | undefined {
  const note = raw?.trim();
  if (!note) return undefined;
  if (note.length > 200) bad('备注不能超过200个字');
  return note;
}

/** 13812341234 → 138****1234; anything else keeps only its last two characters. */
export function maskPhone(phone: string): string {
  if (phone === '') return ''; // signed up without contact details
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.length > 2 ? `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}` : '**';
}

function answerOf(field: FormField, value: FormAnswer | undefined): FormAnswer | undefined {
  const label = field.label;
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) {
    if (field.required) bad(`请填写「${label}」`);
    return undefined;
  }
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string') bad(`「${label}」请填写文字`);
      const text = value.trim();
      if (!text && field.required) bad(`请填写「${label}」`);
      if (text.length > (field.maxLength ?? 200)) bad(`「${label}」不能超过${field.maxLength ?? 200}个字`);
      return text || undefined;
    }
    case 'number': {
      const n = typeof value === 'string' ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) bad(`「${label}」请填写数字`);
      if (field.min !== undefined && n < field.min) bad(`「${label}」不能小于${field.min}`);
      if (field.max !== undefined && n > field.max) bad(`「${label}」不能大于${field.max}`);
      return n;
    }
    case 'single': {
      if (typeof value !== 'string' || !field.options?.includes(value)) bad(`「${label}」请从选项中选择`);
      return value;
    }
    case 'multi': {
      const picked = Array.isArray(value) ? value : [value];
      if (!picked.every((v) => typeof v === 'string' && field.options?.includes(v))) bad(`「${label}」请从选项中选择`);
      return [...new Set(picked as string[])];
    }
  }
}

/** Checks answers against the activity's questions; unknown keys are dropped. */
export function validateAnswers(fields: FormField[] | undefined, answers: FormAnswers | undefined): FormAnswers | undefined {
  if (!fields?.length) return undefined;
  const clean: FormAnswers = {};
  for (const field of fields) {
    const value = answerOf(field, answers?.[field.key]);
    if (value !== undefined) clean[field.key] = value;
  }
  return Object.keys(clean).length ? clean : undefined;
}

// ---------------------------------------------------------------------------------------------
// Windows

export function signupDeadline(a: Pick<ActivityDoc, 'signupEndsAt' | 'startsAt'>): Date {
  return a.signupEndsAt ?? a.startsAt;
}

/** Why a sign-up is refused right now, in words a resident understands; null when open. */
export function signupClosedReason(a: Pick<ActivityDoc, 'status' | 'signupEndsAt' | 'startsAt'>, now: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消，不能报名';
  if (a.status !== 'published') return '活动还没有开放报名';
  if (now.getTime() >= signupDeadline(a).getTime()) return '报名已经截止';
  return null;
}

/** The last instant a resident may cancel, or null when the activity allows no cancelling. */
export function cancelDeadline(a: Pick<ActivityDoc, 'cancelRule' | 'signupEndsAt' | 'startsAt'>): Date | null {
  const rule = a.cancelRule ?? DEFAULT_CANCEL_RULE;
  switch (rule.kind) {
    case 'none':
      return null;
    case 'untilDeadline':
      return signupDeadline(a);
    case 'beforeStart':
      return new Date(a.startsAt.getTime() - rule.hours * 3_600_000);
  }
}

/** Why cancelling is refused now; null when allowed. */
export function cancelClosedReason(a: Pick<ActivityDoc, 'cancelRule' | 'signupEndsAt' | 'startsAt' | 'status'>, now: Date): string | null {
  if (a.status === 'cancelled') return '活动已取消，报名已自动作废';
  const deadline = cancelDeadline(a);
  if (!deadline) return '这个活动报名后不能取消，如有变化请联系组织者';
  if (now.getTime() >= deadline.getTime()) return `已过取消时间（${formatShanghai(deadline)}），如有变化请联系组织者`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Seats

/**
 * Where a new (or newly approved) sign-up goes: a seat while seats remain and nobody is
 * waiting — a free seat with people waiting belongs to the head of the waitlist.
 */
export function placeFor(c: Counters): 'confirmed' | 'waitlisted' {
  return c.confirmed < c.capacity && c.waitlisted === 0 ? 'confirmed' : 'waitlisted';
}

/** How many waiting people a free seat count lets in now. */
export function promotionsDue(c: Counters): number {
  return Math.max(0, Math.min(c.capacity - c.confirmed, c.waitlisted));
}

export function seatsLeft(c: Counters): number {
  return Math.max(0, c.capacity - c.confirmed);
}

/** 1-based waitlist places by arrival order: seq → position. */
export function waitlistPositions(seqs: number[]): Map<number, number> {
  const sorted = [...seqs].sort((a, b) => a - b);
  return new Map(sorted.map((seq, i) => [seq, i + 1]));
}

// ---------------------------------------------------------------------------------------------
// Sign-up ids

export function ownSignupId(activityId: string, openid: string): string {
  return `${activityId}:${openid}`;
}

export function otherSignupId(activityId: string, openid: string, n: number): string {
  return `${activityId}:${openid}:other-${n}`;
}

/** The ids a resident may use for one activity: their own and MAX_FOR_OTHERS family slots. */
export function signupIdsOf(activityId: string, openid: string): string[] {
  const ids = [ownSignupId(activityId, openid)];
  for (let n = 1; n <= MAX_FOR_OTHERS; n++) ids.push(otherSignupId(activityId, openid, n));
  return ids;
}

export function belongsTo(signupId: string, activityId: string, openid: string): boolean {
  return signupIdsOf(activityId, openid).includes(signupId);
}

/** The person part of a sign-up id (openid or openid:other-n), which check-ins key on too. */
export function personKeyOf(signupId: string, activityId: string): string {
  return signupId.startsWith(`${activityId}:`) ? signupId.slice(activityId.length + 1) : signupId;
}

// ---------------------------------------------------------------------------------------------
// Views

export function toActivityView(a: ActivityDoc, now: Date): ActivityView {
  return {
    activityId: a._id,
    title: a.title,
    type: a.type,
    projectId: a.projectId,
    startsAt: toIso(a.startsAt),
    endsAt: toIso(a.endsAt),
    signupEndsAt: a.signupEndsAt ? toIso(a.signupEndsAt) : undefined,
    capacity: a.capacity,
    confirmed: a.confirmed,
    waitlisted: a.waitlisted,
    pending: a.pending,
    seatsLeft: seatsLeft(a),
    location: a.location,
    description: a.description,
    coverImage: a.coverImage,
    status: a.status,
    approval: a.approval ?? false,
    requiresSignup: a.requiresSignup ?? false,
    fields: a.fields,
    cancelRule: a.cancelRule ?? DEFAULT_CANCEL_RULE,
    signupOpen: signupClosedReason(a, now) === null,
  };
}

/** 我的活动 sections: waiting people see their place; ended activities go to the past. */
export function bucketOf(status: SignupStatus, endsAt: Date, now: Date): 'upcoming' | 'waitlisted' | 'past' {
  if (endsAt.getTime() <= now.getTime()) return 'past';
  return status === 'waitlisted' ? 'waitlisted' : 'upcoming';
}

/** Upcoming activities first (soonest first), then past ones (latest first). */
export function compareForList(a: Pick<ActivityDoc, 'startsAt' | 'endsAt'>, b: Pick<ActivityDoc, 'startsAt' | 'endsAt'>, now: Date): number {
  const aPast = a.endsAt.getTime() <= now.getTime();
  const bPast = b.endsAt.getTime() <= now.getTime();
  if (aPast !== bPast) return aPast ? 1 : -1;
  return aPast ? b.startsAt.getTime() - a.startsAt.getTime() : a.startsAt.getTime() - b.startsAt.getTime();
}
