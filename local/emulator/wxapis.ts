/**
 * Stand-ins for the WeChat open APIs the project calls, with WeChat's validation errors
 * (kept simple) so that functions' error handling can be tested.
 *
 * - subscribeMessage.send: 40037 empty template id; 47003 a value too long for its type
 *   (thing ≤ 20, phrase ≤ 5, name ≤ 10, number/letter/character_string ≤ 32, phone_number ≤ 17);
 *   43101 for a `touser` listed in env DOORSTEP_REFUSE_OPENIDS (comma list).
 * - wxacode.getUnlimited: 40097 bad scene (> 32 chars or outside WeChat's charset), 41030 bad
 *   page (leading "/", query string); otherwise a PNG QR code of `scene`.
 * - security.msgSecCheck: suggest "risky", label 20001 when the content contains one of
 *   MARKER_WORDS, else "pass", label 100 (version 1: errcode 87014 when risky).
 * - security.mediaCheckAsync: accepted with a trace id.
 * - phonenumber.getPhoneNumber: the body must be exactly `{ code }` (47001 otherwise); the code
 *   must be one the local WeChat issued, unused and under five minutes old (phone-codes.ts;
 *   40029 otherwise); answers `phone_info` as WeChat does.
 * Any other API answers `{errcode: 0}`.
 */
import crypto from 'crypto';
import { qrPng } from './png';
import type { PhoneCodes } from './phone-codes';

/** Content containing any of these is judged risky by security.msgSecCheck. */
export const MARKER_WORDS = ['违禁词', 'BADWORD'];

export interface WxReply {
  /** WeChat's JSON reply (errcode 0 on success). */
  json?: Record<string, unknown>;
  binary?: { contentType: string; data: Buffer };
}

const LIMITS: Array<[RegExp, number]> = [
  [/^thing\d*$/, 20],
  [/^phrase\d*$/, 5],
  [/^name\d*$/, 10],
  [/^(number|letter|character_string|amount)\d*$/, 32],
  [/^phone_number\d*$/, 17],
  [/^car_number\d*$/, 8],
];

const err = (errcode: number, errmsg: string): WxReply => ({ json: { errcode, errmsg } });
const traceId = (): string => crypto.randomBytes(12).toString('hex');

function refusedOpenids(): Set<string> {
  return new Set(
    (process.env.DOORSTEP_REFUSE_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function subscribeSend(p: Record<string, unknown>): WxReply {
  const templateId = p.template_id ?? p.templateId;
  if (typeof templateId !== 'string' || templateId.trim() === '') return err(40037, 'invalid template_id');
  const touser = p.touser;
  if (typeof touser !== 'string' || touser === '') return err(40003, 'invalid openid');
  const data = (p.data ?? {}) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(data)) {
    const value = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      return err(47003, `argument invalid! data.${key}.value is empty or invalid`);
    }
    const text = String(value);
    const rule = LIMITS.find(([re]) => re.test(key));
    if (rule && [...text].length > rule[1]) return err(47003, `argument invalid! data.${key}.value exceeds ${rule[1]} characters`);
  }
  if (refusedOpenids().has(touser)) return err(43101, 'user refuse to accept the msg');
  return { json: { errcode: 0, errmsg: 'ok', msgid: Number(BigInt('0x' + traceId().slice(0, 12)) % 10n ** 15n) } };
}

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

function getUnlimited(p: Record<string, unknown>): WxReply {
  const scene = typeof p.scene === 'string' ? p.scene : String(p.scene ?? '');
  if (scene === '' || scene.length > 32 || !SCENE_CHARS.test(scene)) return err(40097, 'invalid args: scene');
  const page = p.page;
  if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.includes('?'))) {
    return err(41030, 'invalid page rid: local');
  }
  const width = typeof p.width === 'number' ? Math.min(1280, Math.max(280, p.width)) : 430;
  return { binary: { contentType: 'image/png', data: qrPng(scene, width) } };
}

function msgSecCheck(p: Record<string, unknown>): WxReply {
  const content = typeof p.content === 'string' ? p.content : '';
  if ([...content].length > 2500) return err(40003, 'content too long');
  const risky = MARKER_WORDS.some((w) => content.includes(w));
  if (p.version !== 2 && p.version !== '2') {
    return risky ? err(87014, 'risky content') : { json: { errcode: 0, errmsg: 'ok' } };
  }
  if (typeof p.openid !== 'string' || p.openid === '') return err(40003, 'invalid openid');
  const suggest = risky ? 'risky' : 'pass';
  const label = risky ? 20001 : 100;
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
      trace_id: traceId(),
    },
  };
}

function getPhoneNumber(p: Record<string, unknown>, codes: PhoneCodes | undefined, appid: string): WxReply {
  const extra = Object.keys(p).filter((k) => k !== 'code');
  if (extra.length) return err(47001, `data format error: unexpected ${extra.join(', ')}`);
  if (!codes) return err(40029, 'invalid code');
  const redeemed = codes.redeem(p.code);
  if ('errcode' in redeemed) return err(redeemed.errcode, redeemed.errmsg);
  const { phone } = redeemed;
  return {
    json: {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid } },
    },
  };
}

/** What the stand-ins need besides the call: the phone-number codes issued so far, the calling app. */
export interface WxApiContext {
  phoneCodes?: PhoneCodes;
  appid?: string;
}

export function callWxApi(api: string, params: Record<string, unknown>, context: WxApiContext = {}): WxReply {
  switch (api) {
    case 'phonenumber.getPhoneNumber':
      return getPhoneNumber(params, context.phoneCodes, context.appid ?? 'wx0000000000000000');
    case 'subscribeMessage.send':
      return subscribeSend(params);
    case 'wxacode.getUnlimited':
      return getUnlimited(params);
    case 'security.msgSecCheck':
      return msgSecCheck(params);
    case 'security.mediaCheckAsync':
      return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId() } };
    default:
      return { json: { errcode: 0, errmsg: 'ok' } };
  }
}
