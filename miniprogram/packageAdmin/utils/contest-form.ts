/**
 * The admin's contest form, as pure functions: what the pickers and fields hold, the message
 * under each field that is wrong, and the request it becomes. Times are Beijing time: a date
 * picker gives 'YYYY-MM-DD', a time picker 'HH:mm'.
 */
import type { ContestDetail } from '../../../typings/contest';
import type { ContestPatch } from '../../../typings/contest-admin';
import { pickedInstant, pickerValues } from '../../utils/time';

export interface ContestForm {
  title: string;
  description: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  perProjectPerDay: string;
  perDay: string;
  total: string;
  topN: string;
  blindHours: string;
  hideCountsWhenFrozen: boolean;
  rateMax: string;
  rateWindowMin: string;
}

export type ContestFormErrors = Partial<Record<keyof ContestForm, string>>;

const DAY_MS = 24 * 3600_000;

/** A new contest: voting from tomorrow 08:00 to 20:00 four days later, the top five win. */
export function newContestForm(now: Date = new Date()): ContestForm {
  const start = pickerValues(now.getTime() + DAY_MS).date;
  const end = pickerValues(now.getTime() + 5 * DAY_MS).date;
  return {
    title: '',
    description: '',
    startDate: start,
    startTime: '08:00',
    endDate: end,
    endTime: '20:00',
    perProjectPerDay: '1',
    perDay: '',
    total: '',
    topN: '5',
    blindHours: '0',
    hideCountsWhenFrozen: true,
    rateMax: '20',
    rateWindowMin: '1',
  };
}

export function contestForm(c: ContestDetail): ContestForm {
  const from = pickerValues(c.voting.startsAt);
  const to = pickerValues(c.voting.endsAt);
  const s = c.settings;
  return {
    title: c.title,
    description: c.description ?? '',
    startDate: from.date,
    startTime: from.time,
    endDate: to.date,
    endTime: to.time,
    perProjectPerDay: String(c.voting.perProjectPerDay),
    perDay: c.voting.perDay ? String(c.voting.perDay) : '',
    total: c.voting.total ? String(c.voting.total) : '',
    topN: String(s.topN),
    blindHours: String(s.blindHours),
    hideCountsWhenFrozen: s.hideCountsWhenFrozen,
    rateMax: String(s.rateLimit.max),
    rateWindowMin: String(Math.max(1, Math.round(s.rateLimit.windowSeconds / 60))),
  };
}

/** A whole number typed in a field: '' stays undefined (optional), anything else must be whole. */
function whole(text: string): number | undefined | 'bad' {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : 'bad';
}

/** Each wrong field with what to do about it, in words the admin understands. */
export function contestFormErrors(f: ContestForm): ContestFormErrors {
  const errors: ContestFormErrors = {};
  if (!f.title.trim()) errors.title = '请填写评选名称';
  const startsAt = pickedInstant(f.startDate, f.startTime);
  const endsAt = pickedInstant(f.endDate, f.endTime);
  if (!startsAt) errors.startDate = '请选择投票开始的日期和时间';
  if (!endsAt) errors.endDate = '请选择投票结束的日期和时间';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endDate = '结束时间要晚于开始时间';
  const range = (key: keyof ContestForm, min: number, max: number, required: boolean, message: string) => {
    const v = whole(String(f[key]));
    if (v === undefined ? required : v === 'bad' || v < min || v > max) errors[key] = message;
  };
  range('perProjectPerDay', 1, 100, true, '填 1–100 之间的整数');
  range('perDay', 1, 1000, false, '不限就留空，否则填 1–1000 之间的整数');
  range('total', 1, 10000, false, '不限就留空，否则填 1–10000 之间的整数');
  range('topN', 1, 100, true, '填 1–100 之间的整数');
  range('blindHours', 0, 240, true, '不隐藏填 0，最多 240 小时');
  range('rateMax', 1, 1000, true, '填 1–1000 之间的整数');
  range('rateWindowMin', 1, 1440, true, '填 1–1440 分钟');
  return errors;
}

/** The request of a form without errors: the patch of contest.update (create adds `draft`). */
export function contestRequest(
  f: ContestForm,
): Required<Pick<ContestPatch, 'title' | 'voting' | 'topN' | 'blindHours' | 'hideCountsWhenFrozen' | 'rateLimit'>> & { description: string } {
  const num = (t: string) => (t.trim() === '' ? undefined : Number(t));
  const perDay = num(f.perDay);
  const total = num(f.total);
  return {
    title: f.title.trim(),
    description: f.description,
    voting: {
      startsAt: pickedInstant(f.startDate, f.startTime) ?? '',
      endsAt: pickedInstant(f.endDate, f.endTime) ?? '',
      perProjectPerDay: Number(f.perProjectPerDay),
      ...(perDay ? { perDay } : {}),
      ...(total ? { total } : {}),
    },
    topN: Number(f.topN),
    blindHours: Number(f.blindHours),
    hideCountsWhenFrozen: f.hideCountsWhenFrozen,
    rateLimit: { max: Number(f.rateMax), windowSeconds: Number(f.rateWindowMin) * 60 },
  };
}

/** What 封票 / 公布结果 will do, said before it is done. */
export function statusConfirmation(
  next: 'open' | 'frozen' | 'published',
  f: Pick<ContestForm, 'hideCountsWhenFrozen' | 'topN'>,
): { title: string; content: string } {
  if (next === 'open') return { title: '开始投票', content: '评选将对居民公开，投票时间内居民可以投票。' };
  if (next === 'frozen') {
    return {
      title: '封票',
      content: f.hideCountsWhenFrozen ? '投票立即停止。公布结果前，居民看不到票数和名次。' : '投票立即停止。居民仍能看到封票时的票数和名次。',
    };
  }
  return { title: '公布结果', content: `前 ${f.topN} 名获得最佳人气奖，结果对所有居民可见，并通知关注结果的居民。公布后不能再修改。` };
}
