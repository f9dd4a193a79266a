/** Calls of the activity function: the list, a page, sign-ups, rosters, and organizers' editing (typed through services/cloud). */
import type { ActivityApi, ActivityEditable, ActivityView } from '../../typings/activity';
import { callCloud, type CallOptions } from './cloud';

type Req<A extends keyof ActivityApi> = ActivityApi[A]['req'];
type Res<A extends keyof ActivityApi> = ActivityApi[A]['res'];

export function listActivities(params: Req<'list'> = {}, options: CallOptions = {}): Promise<{ items: ActivityView[] }> {
  return callCloud('activity', 'list', params, options);
}

export function getActivity(activityId: string, options: CallOptions = {}): Promise<ActivityView> {
  return callCloud('activity', 'get', { activityId }, options);
}

export function signUp(params: Req<'signup'>, options: CallOptions = {}): Promise<Res<'signup'>> {
  return callCloud('activity', 'signup', params, { loading: '正在报名', ...options });
}

export function cancelSignup(params: Req<'cancel'>, options: CallOptions = {}): Promise<Res<'cancel'>> {
  return callCloud('activity', 'cancel', params, { loading: '正在取消', ...options });
}

export function myActivities(options: CallOptions = {}): Promise<Res<'mine'>> {
  return callCloud('activity', 'mine', {}, options);
}

export function rosterOf(activityId: string, options: CallOptions = {}): Promise<Res<'roster'>> {
  return callCloud('activity', 'roster', { activityId }, options);
}

export function approveSignup(activityId: string, signupId: string): Promise<Res<'approve'>> {
  return callCloud('activity', 'approve', { activityId, signupId }, { loading: '正在审核' });
}

export function rejectSignup(activityId: string, signupId: string): Promise<Res<'reject'>> {
  return callCloud('activity', 'reject', { activityId, signupId }, { loading: '正在审核' });
}

/** Organizer: create, edit and cancel activities (activity function; the server checks the project's organizer). */
export function createActivity(req: ActivityApi['create']['req']): Promise<ActivityApi['create']['res']> {
  return callCloud('activity', 'create', req, { loading: '正在保存' });
}

export function updateActivity(activityId: string, patch: ActivityEditable): Promise<ActivityApi['update']['res']> {
  return callCloud('activity', 'update', { activityId, patch }, { loading: '正在保存' });
}

export function cancelActivity(activityId: string, reason: string): Promise<ActivityApi['cancelActivity']['res']> {
  return callCloud('activity', 'cancelActivity', { activityId, reason }, { loading: '正在取消' });
}

/** 居民评价: 1–5 stars and an optional comment, by someone who checked in (changeable until the deadline). */
export function rateActivity(activityId: string, stars: number, comment?: string): Promise<ActivityApi['rate']['res']> {
  return callCloud('activity', 'rate', { activityId, stars, ...(comment ? { comment } : {}) }, { loading: '正在提交' });
}
