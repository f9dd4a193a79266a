/**
 * The local stand-in for WeChat's side of the phone-number button: WeChat gives the page a
 * one-time `code` for the user's phone, and only a function can exchange it
 * (`phonenumber.getPhoneNumber`). Here the code is issued on request (`POST /api/phone-code`
 * of the runtime: the web preview's button and the tests ask for one) and redeemed by the
 * open-API stand-in (wxapis.ts) with WeChat's rules: single use, valid five minutes, unknown
 * codes refused (errcode 40029). Codes live in memory only, as short-lived as WeChat's.
 */
import crypto from 'crypto';

/** WeChat's validity of a phone-number code. */
export const CODE_TTL_MS = 5 * 60_000;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

interface Issued {
  phone: string;
  issuedAt: number;
  used: boolean;
}

export type Redeemed = { phone: string } | { errcode: number; errmsg: string };

export class PhoneCodes {
  private readonly codes = new Map<string, Issued>();

  /** A code for a mainland mobile number (the phone the user picked in WeChat's dialog). */
  issue(phone: string, now = Date.now()): string {
    if (!MAINLAND_MOBILE.test(phone)) throw new Error(`not a mainland mobile number: ${phone}`);
    this.sweep(now);
    const code = crypto.randomBytes(16).toString('hex');
    this.codes.set(code, { phone, issuedAt: now, used: false });
    return code;
  }

  redeem(code: unknown, now = Date.now()): Redeemed {
    if (typeof code !== 'string' || code === '') return { errcode: 41008, errmsg: 'missing code' };
    const issued = this.codes.get(code);
    if (!issued) return { errcode: 40029, errmsg: 'invalid code' };
    if (issued.used) return { errcode: 40029, errmsg: 'invalid code, code been used' };
    if (now - issued.issuedAt > CODE_TTL_MS) return { errcode: 40029, errmsg: 'invalid code, code expired' };
    issued.used = true;
    return { phone: issued.phone };
  }

  private sweep(now: number): void {
    for (const [code, issued] of this.codes) if (now - issued.issuedAt > CODE_TTL_MS) this.codes.delete(code);
  }
}
