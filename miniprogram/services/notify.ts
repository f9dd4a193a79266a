/**
 * Asking residents for subscription messages (一次性订阅消息). WeChat lets the backend send one
 * message per "允许" the resident taps, per template, and shows the dialog only from a tap.
 * So: call `askForTemplates` first thing in the tap handler (before any await), then do the
 * action. It never throws and never blocks the action: a refusal or a failure is just "no".
 *
 *   async onSignupTap() {
 *     void askForTemplates(signupTemplates(this.data.activity.seatsLeft === 0));
 *     await signup(...);
 *   }
 *   async onVoted() { void askForTemplates(['resultPublished'], { contestId }); }  // 结果公布时通知我
 */
import type { GrantAnswer, TemplateKey } from '../../typings/notify';
import { callCloud } from './cloud';
import { SUBSCRIBE_TEMPLATE_IDS } from './subscribe-ids';

/** WeChat shows at most 3 templates in one dialog. */
const MAX_PER_DIALOG = 3;

/** The templates to ask for when signing up: a waitlisted resident wants to hear of the promotion. */
export function signupTemplates(willWait: boolean): TemplateKey[] {
  return [willWait ? 'promoted' : 'signupConfirmed', 'reminder', 'activityChanged'];
}

function isAnswer(v: unknown): v is GrantAnswer {
  return v === 'accept' || v === 'reject' || v === 'ban';
}

function requestSubscribe(tmplIds: string[]): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => resolve(res as unknown as Record<string, string>),
      fail: () => resolve(null),
    });
  });
}

/** Templates for which the resident ticked 总是保持以上选择 with 允许 (WeChat stops asking). */
function alwaysAccepted(ids: Record<string, TemplateKey>): Promise<TemplateKey[]> {
  return new Promise((resolve) => {
    wx.getSetting({
      withSubscriptions: true,
      success: (res) => {
        const items = (res.subscriptionsSetting?.itemSettings ?? {}) as Record<string, unknown>;
        resolve(
          Object.keys(ids)
            .filter((id) => items[id] === 'accept')
            .map((id) => ids[id]),
        );
      },
      fail: () => resolve([]),
    });
  });
}

export interface AskOptions {
  /** After voting: the contest whose result to announce (结果公布时通知我). */
  contestId?: string;
}

/**
 * Shows WeChat's subscription dialog for up to 3 templates and reports the answers to
 * notify.grant. Resolves to the unused grants per template, or null when nothing was asked
 * or recorded. Call it from a tap handler, before any await.
 */
export async function askForTemplates(keys: TemplateKey[], options: AskOptions = {}): Promise<Partial<Record<TemplateKey, number>> | null> {
  const chosen = [...new Set(keys)].slice(0, MAX_PER_DIALOG);
  if (chosen.length === 0 || typeof wx.requestSubscribeMessage !== 'function') return null;
  const byId: Record<string, TemplateKey> = {};
  for (const key of chosen) byId[SUBSCRIBE_TEMPLATE_IDS[key]] = key;
  const answers = await requestSubscribe(Object.keys(byId));
  if (!answers) return null;
  const results: Partial<Record<TemplateKey, GrantAnswer>> = {};
  for (const [id, key] of Object.entries(byId)) {
    const answer = answers[id];
    if (isAnswer(answer)) results[key] = answer; // 'filter' (template hidden by WeChat) counts as nothing
  }
  if (Object.keys(results).length === 0) return null;
  const always = await alwaysAccepted(byId);
  try {
    const res = await callCloud(
      'notify',
      'grant',
      { results, ...(always.length > 0 ? { alwaysAccepted: always } : {}), ...(options.contestId ? { contestId: options.contestId } : {}) },
      { loading: false, toast: false },
    );
    return res.grants;
  } catch {
    return null;
  }
}
