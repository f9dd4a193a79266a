import type { ErrorCode, Fail, Ok } from '../../typings';

/** Default zh-CN messages a resident can read, one per error code. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: '请求内容有误，请检查后重试',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  VOTING_NOT_STARTED: '投票还没有开始',
  VOTING_ENDED: '投票已经结束',
  ALREADY_VOTED_TODAY: '今天已经为这个项目投过票了，明天再来吧',
  DAILY_LIMIT_REACHED: '您的投票次数已用完',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  SIGNUP_CLOSED: '报名已经截止',
  ALREADY_SIGNED_UP: '您已经报过名了',
  NOT_SIGNED_UP: '您还没有报名这个活动',
  CHECKIN_NOT_OPEN: '现在不在签到时间内',
  TOKEN_INVALID: '签到码无效，请扫描现场的签到码',
  TOKEN_EXPIRED: '签到码已过期，请重新扫描',
  ALREADY_CHECKED_IN: '您已经签到过了',
  OUT_OF_RANGE: '您不在活动地点附近',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后再提交',
  CONFLICT: '操作冲突，请稍后重试',
  NOT_CHECKED_IN: '签到参加活动后才能评价',
  RATING_CLOSED: '评价时间已过，不能再评价或修改',
  PHONE_NOT_VERIFIED: '本次评选需要先验证手机号才能投票',
  INTERNAL: '系统繁忙，请稍后再试',
};

/**
 * A foreseeable refusal. Domain code throws it; the handler turns it into the failure
 * envelope, so nothing past the throw runs (and nothing is written after it).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.code = code;
    this.name = 'AppError';
  }
}

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message?: string): Fail {
  return { ok: false, code, message: message ?? DEFAULT_MESSAGES[code] };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
