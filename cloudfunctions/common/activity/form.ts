/**
 * The organizer's activity form and the resident's sign-up form as pure checks: an activity as
 * a whole (times in order, capacity, place, custom questions), names, phones, notes, answers.
 */
import type { ActivityLocation, CancelRule, FormAnswer, FormAnswers, FormField } from '../../../typings';
import { AppError } from '../errors';
import { MAX_CAPACITY, MAX_FIELDS } from './model';
import { NAME_PATTERN } from '../schemas';

/** Mainland China mobile number. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

function bad(message: string): never {
  throw new AppError('BAD_REQUEST', message);
}

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

/** Checks an activity as a whole (the organizer's form): times in order, a sane capacity, a place. */
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
