/**
 * Messages that activity events leave in the `outbox` for the notify function (see
 * notify/README.md): built by notify's event builders, written in the same transaction as the
 * event (a confirmation, a promotion), then the sender is woken. The `_id` is deterministic
 * (`signupConfirmed:<signupId>:<seq>`, `promoted:<signupId>:<seq>`,
 * `activityChanged:<activityId>:<change>:<openid>`), so an event enqueues at most one message.
 */
import type { Transaction } from '../platform/database';
import type { ActivityDoc, SignupDoc } from './model';
import { activityChangedMessage, promotedMessage, signupConfirmedMessage } from '../notify/events';
import type { OutboxMessage } from '../notify/message';
import { putInTransaction } from '../notify/enqueue';
import { requestFlush } from '../notify/transport';

export { requestFlushSafely as wakeSender };
export { enqueueMany } from '../notify/enqueue';

/**
 * The `_id` of these messages holds the sign-up's seq, which only this transaction hands out,
 * so no earlier message can exist under it: a blind write, no read on the hot path.
 */
export function enqueueConfirmed(tx: Transaction, a: ActivityDoc, s: SignupDoc, now: Date): Promise<void> {
  return putInTransaction(tx, signupConfirmedMessage(a, s, now));
}

export function enqueuePromoted(tx: Transaction, a: ActivityDoc, s: SignupDoc, now: Date): Promise<void> {
  return putInTransaction(tx, promotedMessage(a, s, now));
}

export function changedMessage(a: ActivityDoc, touser: string, change: { key: string; text: string }, now: Date): OutboxMessage {
  return activityChangedMessage(a, touser, change, now);
}

/** Asks the notify function to send now (not awaited); the every-minute timer is the backstop. */
function requestFlushSafely(): void {
  try {
    requestFlush();
  } catch {
    // The timer sends it.
  }
}
