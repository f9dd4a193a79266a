/**
 * Times for residents, always in Beijing time (UTC+8, no daylight saving), whatever the phone's
 * zone. A tiny formatter instead of Intl (missing on older WeChat) or a date library.
 */
const OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Parses an ISO 8601 string (or epoch ms); NaN-safe: returns null when unreadable. */
export function parseTime(t: string | number | Date): Date | null {
  const d = t instanceof Date ? t : new Date(t);
  return isNaN(d.getTime()) ? null : d;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: string;
}

export function beijingParts(t: string | number | Date): Parts | null {
  const d = parseTime(t);
  if (!d) return null;
  const b = new Date(d.getTime() + OFFSET_MS);
  return {
    year: b.getUTCFullYear(),
    month: b.getUTCMonth() + 1,
    day: b.getUTCDate(),
    hour: b.getUTCHours(),
    minute: b.getUTCMinutes(),
    weekday: WEEKDAYS[b.getUTCDay()],
  };
}

/** `2026-01-08`: the Beijing calendar day. */
export function beijingDay(t: string | number | Date): string {
  const p = beijingParts(t);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : '';
}

/** What a date and a time picker show for an instant: 'YYYY-MM-DD' and 'HH:mm', Beijing time. */
export function pickerValues(t: string | number | Date): { date: string; time: string } {
  const p = beijingParts(t);
  return p ? { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` } : { date: '', time: '' };
}

/** A date and a time picker's values (Beijing time) → ISO with +08:00, or null when either is missing or unreal. */
export function pickedInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+08:00`;
  return parseTime(iso) ? iso : null;
}

/** `1月8日 周四` (with the year when it is not `now`'s year). */
export function formatDate(t: string | number | Date, now: number = Date.now()): string {
  const p = beijingParts(t);
  const n = beijingParts(now);
  if (!p || !n) return '';
  const year = p.year !== n.year ? `${p.year}年` : '';
  return `${year}${p.month}月${p.day}日 ${p.weekday}`;
}

/** `09:30` */
export function formatClock(t: string | number | Date): string {
  const p = beijingParts(t);
  return p ? `${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** `1月8日 周四 09:30` */
export function formatDateTime(t: string | number | Date, now: number = Date.now()): string {
  const d = formatDate(t, now);
  return d ? `${d} ${formatClock(t)}` : '';
}

/** `1月8日 周四 09:30–11:00`, or both full ends when the range spans days. */
export function formatRange(start: string, end: string, now: number = Date.now()): string {
  if (beijingDay(start) === beijingDay(end)) return `${formatDateTime(start, now)}–${formatClock(end)}`;
  return `${formatDateTime(start, now)} 至 ${formatDateTime(end, now)}`;
}

/** `3天5小时`, `2小时10分`, `8分钟`, `不到1分钟` for a positive duration in ms. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0分钟';
  const minutes = Math.floor(ms / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分` : `${hours}小时`;
  return minutes > 0 ? `${minutes}分钟` : '不到1分钟';
}
