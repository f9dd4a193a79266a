/** Calls of the checkin function: codes, scans, the organizer's screen and poster (typed through services/cloud). */
import type { CheckinApi } from '../../typings/checkin';
import { callCloud, type CallOptions } from './cloud';

type Req<A extends keyof CheckinApi> = CheckinApi[A]['req'];
type Res<A extends keyof CheckinApi> = CheckinApi[A]['res'];

export function checkinToken(activityId: string, options: CallOptions = {}): Promise<Res<'token'>> {
  return callCloud('checkin', 'token', { activityId }, { loading: false, toast: false, ...options });
}

export function checkinStats(activityId: string, options: CallOptions = {}): Promise<Res<'stats'>> {
  return callCloud('checkin', 'stats', { activityId }, { loading: false, toast: false, ...options });
}

export function checkinInfo(opened: Req<'info'>, options: CallOptions = {}): Promise<Res<'info'>> {
  return callCloud('checkin', 'info', opened, options);
}

export function scanCheckin(params: Req<'scan'>, options: CallOptions = {}): Promise<Res<'scan'>> {
  return callCloud('checkin', 'scan', params, { loading: '正在签到', ...options });
}

export function manualCheckin(activityId: string, signupId: string, options: CallOptions = {}): Promise<Res<'manual'>> {
  return callCloud('checkin', 'manual', { activityId, signupId }, { loading: '正在签到', ...options });
}

export function posterCode(activityId: string, options: CallOptions = {}): Promise<Res<'poster'>> {
  return callCloud('checkin', 'poster', { activityId }, { loading: '正在生成', ...options });
}

export function myCheckinCode(activityId: string, signupId: string | undefined, options: CallOptions = {}): Promise<Res<'myCode'>> {
  return callCloud('checkin', 'myCode', signupId ? { activityId, signupId } : { activityId }, options);
}

export function verifyCode(code: string, options: CallOptions = {}): Promise<Res<'verify'>> {
  return callCloud('checkin', 'verify', { code }, { loading: '正在核验', ...options });
}
