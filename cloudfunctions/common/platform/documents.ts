import type { Database } from './cloud';

/**
 * The cloud's answer to a second insert of the same _id (errCode -502001 with E11000 in the
 * message). -502001 alone is any failed database request, not a duplicate.
 */
export function isDuplicateKeyError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${(e as { code?: unknown }).code ?? ''}` : String(e);
  return /E11000|duplicate key/i.test(text);
}

/** A transaction refused because another one holds the document. */
export function isTransactionConflict(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /TransactionConflict|TRANSACTION_CONFLICT|-501001.*[Cc]onflict/.test(text);
}

/** One document by _id, or null when it does not exist. */
export async function findById<T>(db: Database, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get();
  const doc = (res.data as unknown[])[0];
  return (doc as (T & { _id: string }) | undefined) ?? null;
}
