/**
 * Signed check-in codes (pure; the secret and the time are passed in).
 *
 * Rotating token (the organizer's live QR): `<activity>.<step>.<mac>` — activity id in
 * base64url, the 30-second time step in base36, and 16 bytes of HMAC-SHA256 in base64url.
 * About 75 characters for a 32-character id: small enough for a QR code and a URL. A token of
 * step s is accepted during steps s and s+1 only (current and previous step), so a photo of the
 * screen sent to someone at home stops working within a minute.
 *
 * Personal code (核验: the organizer scans the resident): `p.<activity>.<personKey>.<mac>`,
 * bound to one activity and one person; it does not rotate — the organizer sees the name.
 *
 * Poster code (the printed mini-program code's scene): `k.<16 random characters>`, stored on
 * the activity. It is what only the venue has where a location can be typed in: a check-in
 * from a poster needs it and, in addition, the phone inside the activity's geofence.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import { requiredSecret } from '../platform/secrets';

export const STEP_MS = 30_000;
/** Steps a token stays valid: its own and the next one. */
export const ACCEPTED_STEPS = 2;
const MAC_BYTES = 16;

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function unb64(part: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  return Buffer.from(part, 'base64url').toString('utf8');
}

function mac(secret: string, purpose: string, ...fields: string[]): Buffer {
  return createHmac('sha256', secret)
    .update([purpose, ...fields].join('\n'))
    .digest()
    .subarray(0, MAC_BYTES);
}

function macMatches(expected: Buffer, given: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(given)) return false;
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function stepOf(at: Date): number {
  return Math.floor(at.getTime() / STEP_MS);
}

export interface IssuedToken {
  token: string;
  /** The end of the last step that accepts it. */
  expiresAt: Date;
  /** When the screen should fetch the next one (start of the next step). */
  refreshAt: Date;
}

export function signToken(secret: string, activityId: string, at: Date): IssuedToken {
  const step = stepOf(at);
  const token = `${b64(activityId)}.${step.toString(36)}.${mac(secret, 'checkin-token', activityId, String(step)).toString('base64url')}`;
  return {
    token,
    expiresAt: new Date((step + ACCEPTED_STEPS) * STEP_MS),
    refreshAt: new Date((step + 1) * STEP_MS),
  };
}

const invalid = () => new AppError('TOKEN_INVALID');

/**
 * The activity a token was issued for, if it is genuine and of the current or previous step.
 * Forged, altered or future tokens → TOKEN_INVALID; older ones → TOKEN_EXPIRED.
 */
export function verifyToken(secret: string, token: string, now: Date): { activityId: string; step: number } {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw invalid();
  const [idPart, stepPart, macPart] = parts;
  const activityId = unb64(idPart);
  if (!activityId || !/^[0-9a-z]{1,12}$/.test(stepPart)) throw invalid();
  const step = parseInt(stepPart, 36);
  if (!macMatches(mac(secret, 'checkin-token', activityId, String(step)), macPart)) throw invalid();
  const current = stepOf(now);
  if (step > current) throw invalid();
  if (step < current - (ACCEPTED_STEPS - 1)) throw new AppError('TOKEN_EXPIRED');
  return { activityId, step };
}

export function signPersonalCode(secret: string, activityId: string, personKey: string): string {
  return `p.${b64(activityId)}.${b64(personKey)}.${mac(secret, 'checkin-person', activityId, personKey).toString('base64url')}`;
}

export function verifyPersonalCode(secret: string, code: string): { activityId: string; personKey: string } {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== 'p') throw new AppError('TOKEN_INVALID', '这不是本活动的签到码，请让居民打开“我的活动”里的签到码');
  const activityId = unb64(parts[1]);
  const personKey = unb64(parts[2]);
  if (!activityId || !personKey || !macMatches(mac(secret, 'checkin-person', activityId, personKey), parts[3])) {
    throw new AppError('TOKEN_INVALID', '签到码无效，请让居民重新打开签到码');
  }
  return { activityId, personKey };
}

/** The secret from the function's environment; missing means a deployment fault, not a user's. */
export function checkinSecret(env: NodeJS.ProcessEnv = process.env): string {
  return requiredSecret('CHECKIN_SECRET', env);
}

const POSTER_CODE = /^k\.[A-Za-z0-9_-]{16}$/;

/** A fresh poster code: 12 random bytes, 18 characters in all (a scene holds 32). */
export function newPosterCode(): string {
  return `k.${randomBytes(12).toString('base64url')}`;
}

export function isPosterCode(text: string): boolean {
  return POSTER_CODE.test(text.trim());
}
