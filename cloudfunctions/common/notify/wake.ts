/**
 * The wake key: a secret the functions share (env NOTIFY_WAKE_KEY, set for activity, contest,
 * checkin and notify in cloudbaserc.json) so that notify.flush can tell a call from another
 * function from a resident's call — both carry the resident's OPENID. Unset: only the timer and
 * admins can flush (the timer still sends everything within a minute).
 */
import crypto from 'node:crypto';

export function wakeKey(): string {
  return process.env.NOTIFY_WAKE_KEY ?? '';
}

export function isTrustedWake(given: string | undefined): boolean {
  const key = wakeKey();
  if (!key || !given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(key).digest();
  return crypto.timingSafeEqual(a, b);
}
