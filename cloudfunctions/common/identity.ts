/**
 * How a person appears in stored ids: a keyed hash of their OPENID (HMAC with the deployment's
 * AUDIT_SALT), never the OPENID itself. Deterministic, so the unique `_id` stays the dedup
 * (one sign-up and one check-in per person and activity), yet an id read on a roster, in a
 * message or a log names nobody and cannot be turned back into an OPENID without the secret.
 */
import { createHmac } from 'node:crypto';
import { requiredSecret } from './platform/secrets';

export function personKeyOf(openid: string, secret = requiredSecret('AUDIT_SALT')): string {
  return createHmac('sha256', secret).update(`person\n${openid}`).digest('base64url').slice(0, 16);
}
