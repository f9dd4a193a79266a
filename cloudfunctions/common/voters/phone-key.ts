/**
 * A phone as the functions know it: a keyed hash. The same phone — verified through WeChat or
 * typed at a desk — always gives the same key, so it is one voter; without the secret nobody
 * can tell which phone a key is (an unkeyed hash of 11 digits is reversed by trying them all).
 */
import { createHmac } from 'node:crypto';
import { maskPhone, normalisePhone } from '../activity/form';
import { requiredSecret } from '../platform/secrets';

/** Voter keys of phones start with this; a WeChat OPENID never contains a dot. */
export const PHONE_KEY_PREFIX = 'tel.';

/** The HMAC secret from the function's environment; missing means a deployment fault, not a user's. */
export function voterSecret(env: NodeJS.ProcessEnv = process.env): string {
  return requiredSecret('VOTER_SECRET', env);
}

/** The key of a normalised mainland mobile number (13812341234). */
export function keyOfPhone(phone: string, secret: string): string {
  return PHONE_KEY_PREFIX + createHmac('sha256', secret).update(`phone:${phone}`, 'utf8').digest('hex').slice(0, 32);
}

export function isPhoneKey(voter: string): boolean {
  return voter.startsWith(PHONE_KEY_PREFIX);
}

export interface KeyedPhone {
  key: string;
  masked: string;
}

/** A phone as typed (spaces, dashes, +86 allowed): its key and masked form; a wrong number is BAD_REQUEST. */
export function keyedPhone(raw: string, secret: string = voterSecret()): KeyedPhone {
  const phone = normalisePhone(raw);
  return { key: keyOfPhone(phone, secret), masked: maskPhone(phone) };
}
