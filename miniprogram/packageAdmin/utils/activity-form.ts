/**
 * The organizer's activity form, as pure functions: pickers for the day and the times, the
 * custom sign-up questions edited as rows, a message under each wrong field, the request.
 */
import type { ActivityEditable, ActivityView, FormField } from '../../../typings/activity';
import { pickedInstant, pickerValues } from '../../utils/time';

export type QuestionKind = FormField['kind'];

/** The question kinds in the kind picker's order, with what organizers call them. */
export const QUESTION_KINDS: { kind: QuestionKind; label: string }[] = [
  { kind: 'text', label: '填空' },
  { kind: 'number', label: '数字' },
  { kind: 'single', label: '单选' },
  { kind: 'multi', label: '多选' },
];

export interface QuestionRow {
  key: string;
  label: string;
  kindIndex: number;
  required: boolean;
  /** Choices, one per line (single and multi). */
  options: string;
}

export interface ActivityForm {
  title: string;
  type: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
  location: string;
  description: string;
  questions: QuestionRow[];
}

export type ActivityFormErrors = Partial<Record<'title' | 'date' | 'endTime' | 'capacity' | 'questions', string>>;

const DAY_MS = 24 * 3600_000;

export function newActivityForm(now: Date = new Date()): ActivityForm {
  return {
    title: '',
    type: '',
    date: pickerValues(now.getTime() + 7 * DAY_MS).date,
    startTime: '09:00',
    endTime: '11:00',
    capacity: '30',
    location: '',
    description: '',
    questions: [],
  };
}

export function questionRow(f: FormField): QuestionRow {
  return {
    key: f.key,
    label: f.label,
    kindIndex: Math.max(
      0,
      QUESTION_KINDS.findIndex((k) => k.kind === f.kind),
    ),
    required: Boolean(f.required),
    options: (f.options ?? []).join('\n'),
  };
}

export function activityForm(a: ActivityView): ActivityForm {
  const from = pickerValues(a.startsAt);
  const to = pickerValues(a.endsAt);
  return {
    title: a.title,
    type: a.type ?? '',
    date: from.date,
    startTime: from.time,
    endTime: to.time,
    capacity: String(a.capacity),
    location: a.location?.name ?? '',
    description: a.description ?? '',
    questions: (a.fields ?? []).map(questionRow),
  };
}

/** A fresh question's key: q1, q2 … the first one no other question uses. */
export function nextQuestionKey(rows: QuestionRow[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.key === `q${n}`)) n++;
  return `q${n}`;
}

const optionsOf = (text: string) =>
  text
    .split(/[\n、,，]/)
    .map((o) => o.trim())
    .filter(Boolean);

export function activityFormErrors(f: ActivityForm): ActivityFormErrors {
  const errors: ActivityFormErrors = {};
  if (!f.title.trim()) errors.title = '请填写活动标题';
  const starts = pickedInstant(f.date, f.startTime);
  const ends = pickedInstant(f.date, f.endTime);
  if (!starts || !ends) errors.date = '请选择活动日期和开始、结束时间';
  else if (Date.parse(ends) <= Date.parse(starts)) errors.endTime = '结束时间要晚于开始时间';
  const capacity = Number(f.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10000) errors.capacity = '填 1–10000 之间的整数';
  for (const [i, q] of f.questions.entries()) {
    const kind = QUESTION_KINDS[q.kindIndex]?.kind;
    if (!q.label.trim()) errors.questions = `第 ${i + 1} 个问题还没有写题目`;
    else if ((kind === 'single' || kind === 'multi') && optionsOf(q.options).length < 2)
      errors.questions = `「${q.label.trim()}」是选择题，请至少写两个选项，每行一个`;
    if (errors.questions) break;
  }
  return errors;
}

export function questionFields(rows: QuestionRow[]): FormField[] {
  return rows.map((q) => {
    const kind = QUESTION_KINDS[q.kindIndex]?.kind ?? 'text';
    const field: FormField = { key: q.key, label: q.label.trim(), kind };
    if (q.required) field.required = true;
    if (kind === 'single' || kind === 'multi') field.options = optionsOf(q.options);
    return field;
  });
}

/** The editable fields of a form without errors. */
export function activityRequest(f: ActivityForm): ActivityEditable & Required<Pick<ActivityEditable, 'title' | 'startsAt' | 'endsAt' | 'capacity'>> {
  return {
    title: f.title.trim(),
    startsAt: pickedInstant(f.date, f.startTime) ?? '',
    endsAt: pickedInstant(f.date, f.endTime) ?? '',
    capacity: Number(f.capacity),
    ...(f.type.trim() ? { type: f.type.trim() } : {}),
    ...(f.location.trim() ? { location: { name: f.location.trim() } } : {}),
    ...(f.description.trim() ? { description: f.description } : {}),
    fields: questionFields(f.questions),
  };
}
