/** The two calls the notify path makes out of a function: WeChat's send, and waking the sender. */
import { getCloud } from '../platform/cloud';
import type { SendParams } from './message';
import { wakeKey } from './wake';

export type SendFn = (params: SendParams) => Promise<void>;

interface SubscribeMessageApi {
  send(params: SendParams & { miniprogramState?: string; lang?: string }): Promise<{ errCode: number }>;
}

/** Which build a tap on the message opens: env NOTIFY_MINIPROGRAM_STATE (formal by default). */
function miniprogramState(): { miniprogramState?: string } {
  const state = process.env.NOTIFY_MINIPROGRAM_STATE;
  return state === 'developer' || state === 'trial' || state === 'formal' ? { miniprogramState: state } : {};
}

/** cloud.openapi.subscribeMessage.send; throws WeChat's errcode on refusal (see outcome.ts). */
export const sendSubscribeMessage: SendFn = async (params) => {
  const api = (getCloud().openapi as { subscribeMessage: SubscribeMessageApi }).subscribeMessage;
  await api.send({ ...params, ...miniprogramState(), lang: 'zh_CN' });
};

/**
 * Asks the notify function to send what is due now, without waiting for it: the caller's reply
 * to the resident does not wait on WeChat. If the request is lost (the caller's instance froze),
 * the every-minute timer sends the message anyway.
 */
export function requestFlush(): void {
  try {
    const wake = wakeKey();
    const pending = getCloud().callFunction({ name: 'notify', data: wake ? { action: 'flush', wake } : { action: 'flush' } });
    if (pending) pending.catch((e: unknown) => console.warn('[notify] flush request failed; the timer will send', e));
  } catch (e) {
    console.warn('[notify] flush request failed; the timer will send', e);
  }
}
