/**
 * What the activity pages show, computed from the contract's records so WXML stays free of
 * logic: status words a resident understands, button labels, Beijing times with weekday.
 */
import type { ActivityView, AttendanceStatus, CancelRule, FormAnswers, FormField, MineItem, RosterItem } from '../../typings/activity';
import type { Tone } from './cards';
import { formatDateTime, formatRange } from './time';

/** Mainland mobile number, as the server checks it. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export function statusText(status: AttendanceStatus, position?: number, checkedIn?: boolean): string {
  switch (status) {
    case 'walkIn':
      return '现场参加';
    case 'confirmed':
      return checkedIn ? '已签到' : '已报名';
    case 'waitlisted':
      return position ? `候补第 ${position} 位` : '候补中';
    case 'pending':
      return '待审核';
    case 'rejected':
      return '未通过审核';
    case 'cancelled':
      return '已取消';
  }
}

export function statusTone(status: AttendanceStatus): Tone {
  if (status === 'confirmed' || status === 'walkIn') return 'success';
  if (status === 'waitlisted' || status === 'pending') return 'warning';
  return 'default';
}

export function cancelRuleText(rule: CancelRule | undefined, a: Pick<ActivityView, 'signupEndsAt' | 'startsAt'>, now: number): string {
  if (!rule) return '';
  if (rule.kind === 'none') return '报名后不能取消，如有变化请联系组织者';
  if (rule.kind === 'untilDeadline') return `报名截止前可以取消（${formatDateTime(a.signupEndsAt ?? a.startsAt, now)}）`;
  return rule.hours > 0 ? `活动开始前 ${rule.hours} 小时可以取消` : '活动开始前可以取消';
}

/** Whether the activity's cancel rule still allows cancelling at `now` (the server decides; this sets the button). */
export function cancelOpen(rule: CancelRule | undefined, a: Pick<ActivityView, 'signupEndsAt' | 'startsAt' | 'status'>, now: number): boolean {
  if (a.status === 'cancelled' || !rule || rule.kind === 'none') return false;
  const start = new Date(a.startsAt).getTime();
  const deadline = rule.kind === 'untilDeadline' ? new Date(a.signupEndsAt ?? a.startsAt).getTime() : start - rule.hours * 3_600_000;
  return now < deadline;
}

export interface DetailView {
  timeText: string;
  deadlineText: string;
  placeText: string;
  hasMap: boolean;
  seatsText: string;
  seatsLeftText: string;
  seatsTone: 'success' | 'warning';
  myText: string;
  myTone: Tone;
  signedUp: boolean;
  /** The main button: 我要报名 / 候补报名, or a reason it is off. */
  signupLabel: string;
  canSignup: boolean;
  cancelText: string;
  /** The cancel button works now (else it reads 已不能取消). */
  canCancel: boolean;
  statusNote: string;
  family: { signupId: string; name: string; text: string }[];
}

export function toDetailView(a: ActivityView, now: number = Date.now()): DetailView {
  const seatsLeft = Math.max(0, a.capacity - a.confirmed);
  const me = a.me ?? null;
  const ended = new Date(a.endsAt).getTime() <= now;
  let statusNote = '';
  if (a.status === 'cancelled') statusNote = '活动已取消';
  else if (ended) statusNote = '活动已结束';
  else if (!a.signupOpen) statusNote = '报名已截止';
  const full = seatsLeft === 0 || a.waitlisted > 0;
  let signupLabel = full ? '已满，候补报名' : '我要报名';
  if (a.approval && !full) signupLabel = '我要报名（需审核）';
  if (statusNote) signupLabel = statusNote;
  return {
    timeText: formatRange(a.startsAt, a.endsAt, now),
    deadlineText: a.signupEndsAt ? `报名截止：${formatDateTime(a.signupEndsAt, now)}` : '',
    placeText: a.location?.name ?? '',
    hasMap: a.location?.latitude !== undefined && a.location?.longitude !== undefined,
    seatsText: `共 ${a.capacity} 个名额，已报名 ${a.confirmed} 人${a.waitlisted ? `，候补 ${a.waitlisted} 人` : ''}`,
    seatsLeftText: seatsLeft > 0 ? `还剩 ${seatsLeft} 个名额` : '名额已满，可以候补',
    /** Full is a warning, not good news: the text's colour says which. */
    seatsTone: seatsLeft > 0 ? ('success' as const) : ('warning' as const),
    myText: me ? statusText(me.status, me.position, me.checkedIn) : '',
    myTone: me ? statusTone(me.status) : 'default',
    signedUp: Boolean(me),
    signupLabel,
    canSignup: !statusNote,
    cancelText: cancelRuleText(a.cancelRule, a, now),
    canCancel: cancelOpen(a.cancelRule, a, now),
    statusNote,
    family: (a.family ?? []).map((f) => ({ signupId: f.signupId, name: f.name ?? '家人', text: statusText(f.status, f.position, f.checkedIn) })),
  };
}

export interface MineRow {
  signupId: string;
  activityId: string;
  title: string;
  timeText: string;
  placeText: string;
  statusText: string;
  tone: Tone;
  whoText: string;
}

export function toMineRow(item: MineItem, now: number = Date.now()): MineRow {
  let text = statusText(item.status, item.position, item.checkedIn);
  let tone = statusTone(item.status);
  if (item.activityStatus === 'cancelled') {
    text = '活动已取消';
    tone = 'default';
  } else if (item.bucket === 'past') {
    text = item.status === 'walkIn' ? '现场参加 · 已签到' : item.checkedIn ? '已签到' : item.status === 'confirmed' ? '未签到' : text;
    tone = item.checkedIn ? 'success' : 'default';
  }
  return {
    signupId: item.signupId,
    activityId: item.activityId,
    title: item.title,
    timeText: formatRange(item.startsAt, item.endsAt, now),
    placeText: item.location?.name ?? '',
    statusText: text,
    tone,
    whoText: item.forOther ? `为 ${item.name ?? '家人'} 报名` : '',
  };
}

export interface RosterRow extends RosterItem {
  statusText: string;
  tone: Tone;
  pending: boolean;
  extraText: string;
}

export function toRosterRow(item: RosterItem): RosterRow {
  // Each answer under its question's label: 「是否带孩子：是」, never a bare value.
  const answers = (item.answerTexts ?? []).map((a) => `${a.label}：${a.text}`);
  const extra = [item.forOther ? '代报名' : '', item.walkIn && item.status !== 'walkIn' ? '现场参加' : '', item.note ?? '', ...answers]
    .filter(Boolean)
    .join(' · ');
  return {
    ...item,
    name: item.name || '未留姓名',
    statusText: statusText(item.status, item.position),
    tone: statusTone(item.status),
    pending: item.status === 'pending',
    extraText: extra,
  };
}

/** The first thing the resident must fix, in plain words; '' when the form is complete. */
export function formProblem(d: { name: string; phone: string; forOther: boolean; fields: FormField[]; answers: FormAnswers }): string {
  const who = d.forOther ? '家人的' : '';
  if (!d.name.trim()) return `请填写${who}姓名`;
  if (!PHONE_PATTERN.test(d.phone.replace(/[\s-]/g, ''))) return `请填写正确的${who}11位手机号码`;
  for (const f of d.fields) {
    const a = d.answers[f.key];
    const empty = a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
    if (f.required && empty) return `请填写「${f.label}」`;
  }
  return '';
}
