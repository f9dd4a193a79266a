/** Zod primitives every function's request schemas share (one definition of each). */
import { z } from 'zod';

/** A document id as the functions hand them out (contest, project, activity, sign-up …). */
export const id = z.string().min(1).max(128);

/**
 * An OPENID named by an admin (role grants): WeChat's are 28 characters of [A-Za-z0-9_-]; the
 * same alphabet, up to 64 long, admits the local runtime's personas and nothing that could be
 * a query operator, a path or hidden text.
 */
export const openid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'OPENID 格式不正确');

/**
 * Characters that change how text reads without being seen: C0/C1 controls (tab and line
 * breaks aside), the soft hyphen, zero-width characters and joiners, bidi marks, embeddings,
 * overrides and isolates, invisible operators, the byte-order mark and interlinear annotation.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\p{Cs}/gu;

/** Text as a resident typed it, minus what nobody can see; one line unless `multiline`. */
export function cleanText(raw: string, multiline = false): string {
  const visible = raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  return (multiline ? visible.replace(/[ \t]+$/gm, '') : visible.replace(/\s+/g, ' ')).trim();
}

/**
 * Free text others will read (titles, names, notes, answers, reasons): invisible and
 * direction-changing characters are stripped and the ends trimmed before the length checks, so
 * text of nothing but such characters is empty. `multiline` keeps line breaks (descriptions).
 */
export function freeText(max: number, opts: { min?: number; multiline?: boolean } = {}) {
  // The raw cap keeps a huge body from being scanned; the real limits apply to the clean text.
  return z
    .string()
    .max(max * 4)
    .transform((s) => cleanText(s, opts.multiline))
    .pipe(
      z
        .string()
        .min(opts.min ?? 0)
        .max(max),
    );
}

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
