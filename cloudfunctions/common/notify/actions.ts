/** The notify function's actions and timer, as plain functions of { openid, now, db }. */
import { TEMPLATE_KEYS, type FlushReport, type NotifyApi, type TemplateKey } from '../../../typings';
import { findDoc } from '../platform/documents';
import { COLLECTIONS } from '../collections';
import { AppError } from '../errors';
import { requireCaller, type CallContext } from '../handler';
import { isAdmin } from '../roles/policy';
import { continueResultPublished, watchContest } from './result-watch';
import { applyGrant, countsOf, readSubscriptions } from './grants';
import { enqueueDueReminders } from './reminders';
import { flushOutbox } from './sender';
import { sendSubscribeMessage, type SendFn } from './transport';
import { isTrustedWake } from './wake';

type Api = NotifyApi;

/** notify.grant: what wx.requestSubscribeMessage answered, counted per template. */
export async function grant(ctx: CallContext, req: Api['grant']['req']): Promise<Api['grant']['res']> {
  const openid = requireCaller(ctx);
  const templates = (Object.keys(req.results) as TemplateKey[]).filter((t) => TEMPLATE_KEYS.includes(t));
  const always = new Set(req.alwaysAccepted ?? []);
  if (req.contestId && req.results.resultPublished === 'accept') {
    const contest = await findDoc(ctx.db, COLLECTIONS.contests, req.contestId);
    if (!contest) throw new AppError('NOT_FOUND', '评选不存在或已被删除');
    // Already published: nothing left to announce (the grant still counts for a later contest).
    if (contest.status !== 'published') await watchContest(ctx.db, req.contestId, openid, ctx.now);
  }
  for (const template of templates) {
    const answer = req.results[template];
    if (!answer) continue;
    await applyGrant(ctx.db, { openid, template, answer, alwaysAccepted: answer === 'accept' && always.has(template), now: ctx.now });
  }
  return { grants: countsOf(templates, await readSubscriptions(ctx.db, openid, templates)) };
}

/** notify.mine: unused grants per template, and the templates the resident turned off. */
export async function mine(ctx: CallContext): Promise<Api['mine']['res']> {
  const openid = requireCaller(ctx);
  const docs = await readSubscriptions(ctx.db, openid, TEMPLATE_KEYS);
  return { grants: countsOf(TEMPLATE_KEYS, docs), banned: docs.filter((d) => d.banned).map((d) => d.template) };
}

/**
 * notify.flush: send what is due now. Other functions call it after an event with the wake key
 * (a function called by another runs as the same resident, so the OPENID cannot tell them
 * apart); admins may call it; a resident may not.
 */
export async function flush(ctx: CallContext, req: Api['flush']['req'], send: SendFn = sendSubscribeMessage): Promise<FlushReport> {
  if (ctx.openid && !isTrustedWake(req.wake) && !(await isAdmin(ctx))) throw new AppError('FORBIDDEN');
  return flushOutbox({ db: ctx.db, now: ctx.now, send });
}

/** Timer every-minute: enqueue reminders that came due and result messages left over, then send. */
export async function everyMinute(ctx: CallContext, send: SendFn = sendSubscribeMessage): Promise<FlushReport & { reminders: number; results: number }> {
  const reminders = await enqueueDueReminders(ctx.db, ctx.now);
  const results = await continueResultPublished(ctx.db, ctx.now);
  return { ...(await flushOutbox({ db: ctx.db, now: ctx.now, send })), reminders, results };
}
