import type { Database, Doc, Transaction } from './database';
import { isMissingDocument, isTransactionConflict, isTransactionExpired } from './db-errors';
import { AppError } from '../errors';

export interface RetryOptions {
  /** Attempts before giving up with CONFLICT (a hot document sees many at once). */
  attempts?: number;
  /**
   * Time the retries may take in all (default 8 s): under every function's timeout (10 s and
   * more), so the caller gets CONFLICT and a rolled-back transaction, never a killed function
   * holding one open.
   */
  budgetMs?: number;
  /** Upper bound of the first backoff, doubled per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** What the caller is told when the attempts run out (CONFLICT). */
  conflictMessage?: string;
}

const DEFAULT_BUDGET_MS = 8000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction and commits it; on a conflict (another transaction holds a
 * document) or an expired transaction (a slow attempt outlived its 30 s) rolls back, waits a
 * random, growing delay and runs `work` again from the start, within a time budget.
 * The SDK's runTransaction retries only 3 times and leaves the failed transaction open, which
 * a hot document (hundreds of sign-ups in the same second) outgrows.
 * Anything else `work` throws (an AppError refusal) rolls back and propagates: nothing written.
 */
export async function withTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 200;
  const base = opts.baseDelayMs ?? 2;
  const max = opts.maxDelayMs ?? 1000;
  // Elapsed time of this call, not the domain clock (which a test may fix).
  const deadline = performance.now() + (opts.budgetMs ?? DEFAULT_BUDGET_MS);
  for (let attempt = 1; ; attempt++) {
    let tx: Transaction | undefined;
    try {
      tx = await db.startTransaction();
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (e) {
      if (tx) await tx.rollback().catch(() => undefined);
      if (!isTransactionConflict(e) && !isTransactionExpired(e)) throw e;
      const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 10));
      const delay = Math.random() * ceiling;
      if (attempt >= attempts || performance.now() + delay >= deadline) throw new AppError('CONFLICT', opts.conflictMessage);
      await sleep(delay);
    }
  }
}

/** A document read inside a transaction, or null when it does not exist (the SDK throws). */
export async function txGet(tx: Transaction, collection: string, id: string): Promise<Doc | null> {
  try {
    const res = await tx.collection(collection).doc(id).get();
    return (res.data as Doc | null) ?? null;
  } catch (e) {
    if (isMissingDocument(e)) return null;
    throw e;
  }
}

/** Writes a whole document (create or replace) inside a transaction; `_id` goes in the ref. */
export async function txPut(tx: Transaction, collection: string, doc: Doc & { _id: string }): Promise<void> {
  const { _id, ...rest } = doc;
  await tx.collection(collection).doc(_id).set({ data: rest });
}
