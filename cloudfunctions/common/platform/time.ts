import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Calendar days of the programme are days in Beijing time, whatever the server's zone. */
export const PROGRAMME_ZONE = 'Asia/Shanghai';

/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991. Beijing wall time is
 * computed as UTC arithmetic on the shifted instant: dayjs's tz() and utcOffset() both go
 * through the machine's local zone and come out an hour wrong around its DST changes
 * (time.test.ts runs under such zones); tz() is also slow (new Intl formatters per call).
 */
const OFFSET_MS = 8 * 3600_000;

/** A dayjs in UTC mode whose fields read as Beijing wall time. Never format its zone. */
function beijingWallClock(at: Date) {
  return dayjs.utc(at.getTime() + OFFSET_MS);
}

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return beijingWallClock(at).format('YYYY-MM-DD');
}

/** The Asia/Shanghai clock hour of an instant, as "YYYY-MM-DD HH:00" (hourly limits and counts). */
export function shanghaiHour(at: Date): string {
  return beijingWallClock(at).format('YYYY-MM-DD HH:00');
}

/** An instant as ISO 8601 with the +08:00 offset, the wire format of the contract. */
export function toIso(at: Date): string {
  return `${beijingWallClock(at).format('YYYY-MM-DDTHH:mm:ss.SSS')}+08:00`;
}

/** The first instant of the next Asia/Shanghai day. */
export function startOfNextShanghaiDay(at: Date): Date {
  return new Date(beijingWallClock(at).startOf('day').add(1, 'day').valueOf() - OFFSET_MS);
}

/** Human text for residents, e.g. "1月8日 09:00" (patterns without zone tokens). */
export function formatShanghai(at: Date, pattern = 'M月D日 HH:mm'): string {
  return beijingWallClock(at).format(pattern);
}

export { dayjs };
