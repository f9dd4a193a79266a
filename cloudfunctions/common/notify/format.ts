/**
 * Formats facts into WeChat template values. WeChat refuses a whole message (47003) when one
 * value breaks its type's rule, so every value is cut or reshaped here: a send never fails
 * for length. Lengths count characters (code points), as WeChat does.
 */
import { formatShanghai } from '../platform/time';
import type { FieldType } from './templates';

/** Maximum characters per value type (WeChat's subscription-message rules). */
export const LIMITS: Record<Exclude<FieldType, 'time' | 'date'>, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  number: 32,
  letter: 32,
  character_string: 32,
  phone_number: 17,
  amount: 11,
};

const chars = (s: string): string[] => Array.from(s);

/** Collapses whitespace (line breaks are not allowed in values). */
function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters; a cut text ends with "…" so the resident sees it was cut. */
export function truncate(text: string, max: number): string {
  const cs = chars(text);
  if (cs.length <= max) return text;
  return `${cs.slice(0, max - 1).join('')}…`;
}

/** `2019年10月1日 15:01` in Beijing time, the format WeChat documents for time values. */
export function formatTime(at: Date): string {
  return formatShanghai(at, 'YYYY年M月D日 HH:mm');
}

export function formatDate(at: Date): string {
  return formatShanghai(at, 'YYYY年M月D日');
}

function toDate(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw === 'string' || typeof raw === 'number') {
    const d = new Date(raw);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  // A date as the database returns it through some SDK paths: { $date: … }.
  if (raw && typeof raw === 'object' && '$date' in raw) return toDate((raw as { $date: unknown }).$date);
  return null;
}

function onlyMatching(text: string, allowed: RegExp, max: number): string {
  return chars(text)
    .filter((c) => allowed.test(c))
    .slice(0, max)
    .join('');
}

/**
 * The value for one field. `fallback` is used when the fact is missing or nothing of it fits
 * the type; time fields without a usable time show `now` (WeChat accepts only times there).
 */
export function formatValue(type: FieldType, raw: unknown, fallback: string, now: Date): string {
  if (type === 'time' || type === 'date') {
    const at = toDate(raw) ?? toDate(fallback) ?? now;
    return type === 'time' ? formatTime(at) : formatDate(at);
  }
  const text = raw === undefined || raw === null ? '' : clean(String(raw));
  const value = shape(type, text);
  return value !== '' ? value : shape(type, clean(fallback));
}

function shape(type: Exclude<FieldType, 'time' | 'date'>, text: string): string {
  switch (type) {
    case 'thing':
      return truncate(text, LIMITS.thing);
    case 'name':
      return truncate(text, LIMITS.name);
    case 'phrase':
      // 5 Chinese characters at most, nothing else allowed, so no ellipsis either.
      return onlyMatching(text, /\p{Script=Han}/u, LIMITS.phrase);
    case 'number':
      return onlyMatching(text, /[0-9.]/, LIMITS.number);
    case 'letter':
      return onlyMatching(text, /[A-Za-z]/, LIMITS.letter);
    case 'character_string':
      return onlyMatching(text, /[\x21-\x7e]/, LIMITS.character_string);
    case 'phone_number':
      return onlyMatching(text, /[0-9+\-() ]/, LIMITS.phone_number).trim();
    case 'amount':
      return onlyMatching(text, /[0-9.¥$€£元]/, LIMITS.amount);
  }
}
