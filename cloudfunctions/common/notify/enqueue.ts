/**
 * Putting messages in the outbox. Every message has a deterministic `_id`, so enqueueing the
 * same event twice leaves one message (and never resets one already sent back to pending).
 */
import type { Database, Transaction } from '../platform/database';
import { insertManyOnce, insertOnce } from '../platform/documents';
import { txPut } from '../platform/transaction';
import { OUTBOX, type OutboxMessage } from './message';

/** Inserts a message unless one with its `_id` exists: false when it was already there. */
export function enqueue(db: Database, msg: OutboxMessage): Promise<boolean> {
  return insertOnce(db, OUTBOX, { ...msg });
}

/** Many messages in batches (a change for thousands of residents); answers how many were new. */
export function enqueueMany(db: Database, msgs: OutboxMessage[]): Promise<number> {
  return insertManyOnce(
    db,
    OUTBOX,
    msgs.map((m) => ({ ...m })),
  );
}

/**
 * Writes a message inside the event's transaction: it commits with the event or not at all.
 * A blind write, for messages whose `_id` only this transaction can hand out (it carries the
 * sign-up's `seq`), so no earlier message can exist under it.
 */
export async function putInTransaction(tx: Transaction, msg: OutboxMessage): Promise<void> {
  await txPut(tx, OUTBOX, { ...msg });
}
