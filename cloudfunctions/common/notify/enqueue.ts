/**
 * Putting messages in the outbox. Every message has a deterministic `_id`, so enqueueing the
 * same event twice leaves one message (and never resets one already sent back to pending).
 */
import type { Database, Transaction } from '../platform/database';
import { isDuplicateKeyError } from '../platform/documents';
import { txGet, txPut } from '../platform/transaction';
import { OUTBOX, type OutboxMessage } from './message';

/** Inserts a message unless one with its `_id` exists: false when it was already there. */
export async function enqueue(db: Database, msg: OutboxMessage): Promise<boolean> {
  try {
    await db.collection(OUTBOX).add({ data: msg });
    return true;
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
}

/**
 * The same inside the event's transaction: the message commits with the event or not at all.
 * Read-then-write (a duplicate insert would abort the whole transaction).
 */
export async function enqueueInTransaction(tx: Transaction, msg: OutboxMessage): Promise<boolean> {
  if (await txGet(tx, OUTBOX, msg._id)) return false;
  await txPut(tx, OUTBOX, msg);
  return true;
}
