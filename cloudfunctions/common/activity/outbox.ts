/**
 * Messages that activity events leave in the `outbox` for the notify function (see
 * notify/README.md): built by notify's event builders, written in the same transaction as the
 * event (a confirmation, a promotion), then the sender is woken. The `_id` is deterministic
 * (`signupConfirmed:<signupId>:<seq>`, `promoted:<signupId>:<seq>`,
 * `activityChanged:<activityId>:<change>:<openid>`), so an event enqueues at most one message.
 */
import type { Transaction } from '../platform/database';
import type { ActivityDoc, SignupDoc } from './rules';
import { activityChangedMessage, promotedMessage, signupConfirmedMessage } from '../notify/events';
import type { OutboxMessage } from '../notify/message';
import { OUTBOX } from '../notify/message';
import { txPut } from '../platform/transaction';

export { OUTBOX, requestFlushSafely as wakeSender };
export { enqueue } from '../notify/enqueue';
import { requestFlush } from '../notify/transport';

/**
 * Writes a message inside the event's transaction. The `_id` holds the sign-up's seq, which
 * only this transaction hands out, so no earlier message can exist under it: a blind write
 * spares the read that enqueueInTransaction does (one round trip on the hot path).
 */
async function putMessage(tx: Transaction, msg: OutboxMessage): Promise<void> {
  await txPut(tx, OUTBOX, msg as unknown as Record<string, unknown> & { _id: string });
}

export function enqueueConfirmed(tx: Transaction, a: ActivityDoc, s: SignupDoc, now: Date): Promise<void> {
  return putMessage(tx, signupConfirmedMessage(a, s, now));
}

export function enqueuePromoted(tx: Transaction, a: ActivityDoc, s: SignupDoc, now: Date): Promise<void> {
  return putMessage(tx, promotedMessage(a, s, now));
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
