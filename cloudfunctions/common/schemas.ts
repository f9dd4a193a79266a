/** Zod primitives every function's request schemas share (one definition of each). */
import { z } from 'zod';

/** A document id as the functions hand them out (contest, project, activity, sign-up …). */
export const id = z.string().min(1).max(128);

/** An OPENID named by an admin (role grants): WeChat's are 28 characters of [A-Za-z0-9_-]. */
export const openid = z.string().min(1).max(128);

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Instants the programme can mean: anything else is a typing slip (or a probe), never stored. */
export const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
export const LATEST = Date.parse('2100-01-01T00:00:00Z');

/** Whether text is an ISO 8601 instant with an offset, on a real calendar day, 2000–2100. */
export function isIsoInstant(text: string): boolean {
  const m = ISO_INSTANT.exec(text);
  if (!m) return false;
  const t = Date.parse(text);
  if (Number.isNaN(t) || t < EARLIEST || t >= LATEST) return false;
  // Date.parse rolls 2026-02-30 over to March: the calendar day must exist as written.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** An ISO 8601 instant with an offset (the contract's time format), between 2000 and 2100. */
export const isoTime = z.string().max(40).refine(isIsoInstant, '时间格式不正确（须为2000年至2100年之间带时区的时间）');

/** Chinese or Latin names, with the middle dot of minority and foreign names. */
export const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·• .]{1,20}$/u;

/** A person's name as people write it (trimmed, inner spaces collapsed), 1–20 letters. */
export const personName = z
  .string()
  .max(40)
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .refine((v) => NAME_PATTERN.test(v), '姓名只能包含汉字或字母，不超过20个字');

/** A whole number from 1 to max (capacities, quotas, counts). */
export const count = (max: number) => z.number().int().min(1).max(max);

/** No params at all. */
export const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;
