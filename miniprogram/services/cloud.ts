/**
 * The one way the mini-program talks to its backend. `callCloud(fn, action, params)` is typed by
 * the contract map in typings/ (request and result per action), unwraps the envelope, shows a
 * loading indicator, turns error codes into friendly toasts, and keeps a second identical call
 * (a double tap) from reaching the server while the first is in flight.
 */
import type { ActionName, FunctionName, ReqOf, ResOf } from '../../typings/api';
import type { Envelope, ErrorCode } from '../../typings/envelope';

/** Contract codes plus the two the client itself produces. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class CloudError extends Error {
  readonly code: ClientErrorCode;
  /** The server's own text (zh-CN), when it gave one. */
  readonly serverMessage: string;
  constructor(code: ClientErrorCode, message: string, serverMessage = '') {
    super(message);
    this.name = 'CloudError';
    this.code = code;
    this.serverMessage = serverMessage;
  }
}

export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CloudError');
}

/** What a resident reads for each code. `null`: the server's message is more precise; use it. */
const FRIENDLY: Record<ClientErrorCode, string | null> = {
  BAD_REQUEST: null,
  FORBIDDEN: '您没有权限进行这个操作',
  NOT_FOUND: '内容不存在或已被删除',
  VOTING_NOT_STARTED: '投票还没开始，请耐心等待',
  VOTING_ENDED: '投票已经结束，感谢关注',
  ALREADY_VOTED_TODAY: '今天已经给这个项目投过票了，明天再来吧',
  DAILY_LIMIT_REACHED: '今天的票数已用完，明天再来吧',
  RATE_LIMITED: '操作太频繁了，请稍等一会儿再试',
  SIGNUP_CLOSED: '报名已截止',
  ALREADY_SIGNED_UP: '您已经报过名了',
  NOT_SIGNED_UP: '您还没有报名这个活动',
  CHECKIN_NOT_OPEN: '现在还不能签到，请在活动开始前后再试',
  TOKEN_INVALID: '二维码无效，请扫描现场的签到码',
  TOKEN_EXPIRED: '二维码已过期，请重新扫描屏幕上的最新签到码',
  ALREADY_CHECKED_IN: '您已经签到过了',
  OUT_OF_RANGE: null,
  CONTENT_REJECTED: '内容未通过审核，请修改后再提交',
  CONFLICT: '刚才有人同时操作，请再试一次',
  NOT_CHECKED_IN: '参加活动并签到后才能评价',
  RATING_CLOSED: '评价时间已过，不能再评价或修改',
  PHONE_NOT_VERIFIED: '请先验证手机号再投票',
  INTERNAL: '系统开小差了，请稍后再试',
  NETWORK: '网络不太好，请检查网络后再试',
  BAD_RESPONSE: '系统开小差了，请稍后再试',
};

export function friendlyMessage(code: ClientErrorCode, serverMessage = ''): string {
  return FRIENDLY[code] ?? (serverMessage || '操作没有成功，请稍后再试');
}

export interface CallOptions {
  /** Text of the blocking loading indicator; `false` when the page shows its own state. */
  loading?: string | false;
  /** Show a toast on failure (default true). Pages with an error state pass false. */
  toast?: boolean;
  /** In-flight key; defaults to function, action and params. */
  key?: string;
}

const inFlight = new Map<string, Promise<unknown>>();
let loadingCount = 0;

function showLoading(title: string): void {
  if (loadingCount++ === 0) wx.showLoading({ title, mask: true });
}

function hideLoading(): void {
  if (loadingCount > 0 && --loadingCount === 0) wx.hideLoading();
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

async function invoke<T>(name: string, data: Record<string, unknown>): Promise<T> {
  let result: unknown;
  try {
    const res = await wx.cloud.callFunction({ name, data });
    result = res.result;
  } catch (e) {
    const msg = typeof e === 'object' && e !== null && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e);
    throw new CloudError('NETWORK', friendlyMessage('NETWORK'), msg);
  }
  if (!isEnvelope(result)) throw new CloudError('BAD_RESPONSE', friendlyMessage('BAD_RESPONSE'));
  if (result.ok) return result.data as T;
  throw new CloudError(result.code, friendlyMessage(result.code, result.message), result.message);
}

export function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: ReqOf<F, A>,
  options: CallOptions = {},
): Promise<ResOf<F, A>> {
  const key = options.key ?? `${fn}.${action}:${JSON.stringify(params)}`;
  const pending = inFlight.get(key);
  if (pending) return pending as Promise<ResOf<F, A>>;

  const loading = options.loading ?? '加载中';
  if (loading) showLoading(loading);
  let loadingShown = Boolean(loading);
  const done = () => {
    inFlight.delete(key);
    if (loadingShown) hideLoading();
    loadingShown = false;
  };
  const run = invoke<ResOf<F, A>>(fn, { ...(params as object), action }).then(
    (data) => {
      done();
      return data;
    },
    (e: unknown) => {
      // The loading indicator goes first: hiding it later would also hide the toast.
      done();
      if (options.toast !== false && isCloudError(e)) wx.showToast({ title: e.message, icon: 'none', duration: 3000 });
      throw e;
    },
  );
  inFlight.set(key, run);
  return run;
}
