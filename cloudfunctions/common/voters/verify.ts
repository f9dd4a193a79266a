/**
 * vote.verifyPhone: the mini-program's `<button open-type="getPhoneNumber">` hands the page a
 * one-time code; the function exchanges it with WeChat (`phonenumber.getPhoneNumber`) for the
 * number and binds its keyed hash to the caller's WeChat account, once. The number itself is
 * never stored. A second account verifying the same phone gets the same key: one voter.
 */
import type { VoteApi } from '../../../typings';
import type { CallContext } from '../handler';
import { requireCaller } from '../handler';
import { AppError } from '../errors';
import { getCloud } from '../platform/cloud';
import { insertOnce } from '../platform/documents';
import { COLLECTIONS } from '../collections';
import { keyedPhone, voterSecret } from './phone-key';
import { findBinding, onRoster, rememberBinding, type PhoneBinding } from './store';

interface PhoneInfo {
  phoneNumber?: string;
  purePhoneNumber?: string;
  countryCode?: string;
}

/** The number behind a code, from WeChat; a code WeChat refuses (used, expired, forged) is the resident's to retry. */
async function phoneOfCode(code: string): Promise<string> {
  let info: PhoneInfo | undefined;
  try {
    const res = (await getCloud().openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo?: PhoneInfo };
    info = res.phoneInfo;
  } catch (e) {
    console.warn('[voters] phonenumber.getPhoneNumber refused the code', e);
    throw new AppError('BAD_REQUEST', '手机号验证没有成功，请重新点击“验证手机号”');
  }
  if (!info?.purePhoneNumber) throw new AppError('BAD_REQUEST', '没有取到手机号，请重新点击“验证手机号”');
  if (info.countryCode !== undefined && String(info.countryCode) !== '86') throw new AppError('BAD_REQUEST', '目前只支持中国大陆手机号');
  return info.purePhoneNumber;
}

export async function verifyPhone(ctx: CallContext, req: VoteApi['verifyPhone']['req']): Promise<VoteApi['verifyPhone']['res']> {
  const openid = requireCaller(ctx);
  const phone = keyedPhone(await phoneOfCode(req.code), voterSecret());
  const binding: PhoneBinding = { _id: openid, phoneKey: phone.key, phoneMasked: phone.masked, verifiedAt: ctx.now };
  // Bound once: an account that could switch phones could vote again under each new one.
  if (!(await insertOnce(ctx.db, COLLECTIONS.voterPhones, { ...binding }))) {
    const held = await findBinding(ctx.db, openid);
    if (held && held.phoneKey !== phone.key) {
      throw new AppError('CONFLICT', `这个微信已验证过手机号 ${held.phoneMasked}，不能更换；如需更换请联系工作人员`);
    }
  } else {
    rememberBinding(binding);
  }
  const res: VoteApi['verifyPhone']['res'] = { phoneMasked: phone.masked };
  if (req.contestId) res.onRoster = await onRoster(ctx.db, req.contestId, phone.key);
  return res;
}
