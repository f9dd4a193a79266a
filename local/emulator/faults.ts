/**
 * Test-only fault injection. Active only when the environment variable DOORSTEP_FAULTS holds
 * a JSON list of rules; otherwise `match` always returns undefined.
 *
 * A rule: `{ "action": "database.modifyDocument", "collection": "projects", "fail": 1,
 *            "skip": 0, "code": "DATABASE_REQUEST_FAILED", "message": "…", "delayMs": 0 }`
 * - `action`, `collection` (or function name / open-API name for those actions): which
 *   requests it matches; omitted = any.
 * - `skip`: let this many matching requests through first; `fail`: then fail this many
 *   (omitted = all that follow).
 * - `code`/`message`: the cloud-like error to reply with (default DATABASE_REQUEST_FAILED).
 * - `delayMs`: wait this long before failing (or, with `fail: 0`, before serving normally).
 */
import { EmulatorError } from './errors';

export interface FaultRule {
  action?: string;
  collection?: string;
  skip?: number;
  fail?: number;
  code?: string;
  message?: string;
  delayMs?: number;
}

interface RuleState {
  rule: FaultRule;
  seen: number;
}

export interface FaultDecision {
  delayMs: number;
  error?: EmulatorError;
}

export class Faults {
  private readonly rules: RuleState[];

  constructor(spec: string | undefined, log: (m: string) => void) {
    this.rules = [];
    if (!spec) return;
    try {
      const parsed = JSON.parse(spec) as unknown;
      const list = Array.isArray(parsed) ? parsed : [parsed];
      for (const r of list) if (r && typeof r === 'object') this.rules.push({ rule: r as FaultRule, seen: 0 });
      log(`[emulator] fault injection active: ${this.rules.length} rule(s)`);
    } catch (e) {
      log(`[emulator] DOORSTEP_FAULTS ignored, not JSON: ${(e as Error).message}`);
    }
  }

  /** `target` is the collection, function or open-API name of the request. */
  match(action: string, target: string | undefined): FaultDecision | undefined {
    for (const st of this.rules) {
      const r = st.rule;
      if (r.action !== undefined && r.action !== action) continue;
      if (r.collection !== undefined && r.collection !== target) continue;
      const n = st.seen++;
      const skip = r.skip ?? 0;
      if (n < skip) continue;
      const failing = r.fail === undefined || n - skip < r.fail;
      if (!failing && !r.delayMs) continue;
      return {
        delayMs: r.delayMs ?? 0,
        error: failing ? new EmulatorError(r.code ?? 'DATABASE_REQUEST_FAILED', r.message ?? `[InternalError] injected fault for ${action}`) : undefined,
      };
    }
    return undefined;
  }
}
