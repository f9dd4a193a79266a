/**
 * What a failed subscribeMessage.send means for the message and for the grant it spent.
 * wx-server-sdk throws WeChat's own errcode (positive) when WeChat answered, and its own
 * negative codes when the call did not get an answer.
 */
export type SendFailure =
  /** 43101: the resident holds no grant on WeChat's side (refused or turned off). Permanent; the grant is gone. */
  | { kind: 'refused'; errCode: number; errMsg: string }
  /** WeChat refused the request itself (bad template id, data, page…): permanent; nothing was spent. */
  | { kind: 'rejected'; errCode: number; errMsg: string }
  /** WeChat asked us to come back later (busy, quota): retry; nothing was spent. */
  | { kind: 'transient'; errCode: number; errMsg: string }
  /** No answer: the message may or may not have reached the resident. Never resent. */
  | { kind: 'unknown'; errCode: number; errMsg: string };

export const USER_REFUSED = 43101;

/** WeChat codes worth another try later: system busy, daily quota, call frequency. */
const TRANSIENT = new Set([-1, 45009, 45011, 45047]);

/** CloudBase codes that mean the call was refused before reaching WeChat (e.g. openapi permission missing). */
const NOT_SENT_SDK = new Set([-604101, -604100]);

export function classifySendError(e: unknown): SendFailure {
  const rec = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
  const raw = rec.errCode ?? rec.errcode;
  const errCode = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : 0;
  const errMsg = String(rec.errMsg ?? rec.errmsg ?? (e instanceof Error ? e.message : e)).slice(0, 300);
  if (errCode === USER_REFUSED) return { kind: 'refused', errCode, errMsg };
  if (TRANSIENT.has(errCode)) return { kind: 'transient', errCode, errMsg };
  if (errCode > 0 || NOT_SENT_SDK.has(errCode)) return { kind: 'rejected', errCode, errMsg };
  return { kind: 'unknown', errCode, errMsg };
}

/** Attempts before a transiently failing message is given up as 'failed'. */
export const MAX_ATTEMPTS = 5;

/** Wait before the next attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
