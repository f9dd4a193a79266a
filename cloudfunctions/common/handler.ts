import { z } from 'zod';
import type { ActionName, Envelope, FunctionName, ReqOf, ResOf } from '../../typings';
import { AppError, fail, ok } from './errors';
import { callerOpenid, getDb, type Database } from './platform/cloud';
import { now } from './platform/clock';

/** What an action gets besides its validated params: who calls, when, and the database. */
export interface CallContext {
  openid: string;
  now: Date;
  db: Database;
}

export interface Action<Req, Res> {
  schema: z.ZodType<Req>;
  run(params: Req, ctx: CallContext): Promise<Res>;
}

/** Declare an action: a zod schema for its params and the code that runs on valid input. */
export function action<Req, Res>(schema: z.ZodType<Req>, run: (params: Req, ctx: CallContext) => Promise<Res>): Action<Req, Res> {
  return { schema, run };
}

export type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: Action<ReqOf<F, A>, ResOf<F, A>> };

/** Jobs run by a timer trigger (config.json), keyed by the trigger's name. */
export type TimerTable = Record<string, (ctx: CallContext) => Promise<unknown>>;

/**
 * A timer trigger's event is { Type: 'Timer', TriggerName, Time }. It has no OPENID, so a
 * resident cannot fake one: a call from the mini-program always carries the caller's OPENID.
 */
function timerOf(event: Record<string, unknown>, timers: TimerTable) {
  if (event.Type !== 'Timer' || typeof event.TriggerName !== 'string') return undefined;
  if (callerOpenid()) return undefined;
  return Object.prototype.hasOwnProperty.call(timers, event.TriggerName) ? timers[event.TriggerName] : undefined;
}

/**
 * Events WeChat pushes to the function set up for 消息推送 ({ MsgType: 'event', Event, … }),
 * keyed by `Event`. They carry no action; each handler checks the event against what the
 * function itself sent (e.g. a trace id), since anyone could send the same shape.
 */
export type PushTable = Record<string, (ctx: CallContext, event: Record<string, unknown>) => Promise<unknown>>;

function pushOf(event: Record<string, unknown>, pushes: PushTable) {
  if (event.MsgType !== 'event' || typeof event.Event !== 'string' || event.action !== undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(pushes, event.Event) ? pushes[event.Event] : undefined;
}

/**
 * The action's params: the event without `action` and the `userInfo` the platform adds.
 * Identity never comes from here — schemas declare only the fields an action reads, so a
 * resident's `openid`/`_openid`/`role` is dropped by validation (only admin actions such as
 * role.grant name a target `openid`, and that is never the caller).
 */
function paramsOf(event: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key !== 'action' && key !== 'userInfo') params[key] = value;
  }
  return params;
}

/** Turns a zod failure into a message naming the field, in words a resident can act on. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  // A schema's own check written for people (e.g. 姓名只能包含汉字或字母) says it best.
  if (issue?.code === 'custom' && /[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  const field = issue?.path.join('.') || '请求';
  return `参数 ${field} 不正确`;
}

export function parseParams<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('BAD_REQUEST', describeIssues(result.error));
  return result.data;
}

/**
 * Builds a cloud function's `main`: picks the action, validates params, supplies identity and
 * clock, and always answers with the envelope — foreseeable failures never throw.
 */
export function createFunction<F extends FunctionName>(name: F, actions: ActionTable<F>, timers: TimerTable = {}, pushes: PushTable = {}) {
  const table = actions as unknown as Record<string, Action<unknown, unknown>>;
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        throw new AppError('BAD_REQUEST', '请求格式不正确');
      }
      const record = event as Record<string, unknown>;
      const timer = timerOf(record, timers);
      if (timer) return ok(await timer({ openid: '', now: now(), db: getDb() }));
      const push = pushOf(record, pushes);
      if (push) return ok(await push({ openid: callerOpenid(), now: now(), db: getDb() }, record));
      const actionName = record.action;
      if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(table, actionName)) {
        // Name the action only when it is text: String() of a hostile object can itself throw.
        throw new AppError('BAD_REQUEST', typeof actionName === 'string' ? `未知的操作：${actionName.slice(0, 40)}` : '请求缺少操作名称');
      }
      const chosen = table[actionName];
      const params = parseParams(chosen.schema, paramsOf(record));
      const ctx: CallContext = { openid: callerOpenid(), now: now(), db: getDb() };
      return ok(await chosen.run(params, ctx));
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message);
      console.error(`[${name}] unexpected error`, e);
      return fail('INTERNAL');
    }
  };
}

/** Requires a signed-in caller (a WeChat OPENID). */
export function requireCaller(ctx: CallContext): string {
  if (!ctx.openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序后再试');
  return ctx.openid;
}
