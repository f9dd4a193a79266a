import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Calendar days of the programme are days in Beijing time, whatever the server's zone. */
export const PROGRAMME_ZONE = 'Asia/Shanghai';

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return dayjs(at).tz(PROGRAMME_ZONE).format('YYYY-MM-DD');
}

/** An instant as ISO 8601 with the +08:00 offset, the wire format of the contract. */
export function toIso(at: Date): string {
  return dayjs(at).tz(PROGRAMME_ZONE).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** The first instant of the next Asia/Shanghai day. */
export function startOfNextShanghaiDay(at: Date): Date {
  return dayjs(at).tz(PROGRAMME_ZONE).startOf('day').add(1, 'day').toDate();
}

/** Human text for residents, e.g. "1月8日 周日 09:00". */
export function formatShanghai(at: Date, pattern = 'M月D日 HH:mm'): string {
  return dayjs(at).tz(PROGRAMME_ZONE).format(pattern);
}

export { dayjs };
