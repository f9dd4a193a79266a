/**
 * What an edit changed, field by field, for the audit log: the stored values before and after
 * (dates as ISO text, nothing undefined), so the log can show 获奖名额 5 → 6 long after.
 */
import { toIso } from '../platform/time';

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface FieldChange {
  /** Dotted path of the field, e.g. `settings.topN`. */
  field: string;
  before: AuditValue;
  after: AuditValue;
}

/** A stored value as plain data: Dates as ISO text, undefined as null, objects copied. */
export function auditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : toIso(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(auditValue);
  if (typeof value === 'object') {
    const out: { [key: string]: AuditValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = auditValue(v);
    return out;
  }
  return String(value);
}

function at(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Text of a value with object keys sorted: the same data stored in another key order is no change. */
function canonical(v: AuditValue): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The fields among `paths` whose values differ between two versions of a document, in the order given. */
export function diffFields(before: unknown, after: unknown, paths: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of paths) {
    const b = auditValue(at(before, field));
    const a = auditValue(at(after, field));
    if (canonical(b) !== canonical(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}
