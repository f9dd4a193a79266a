/**
 * What a failed database request means, from the error the SDK throws. One place knows the
 * cloud's codes and wordings (FIELD-NOTES: how the real CloudBase behaves).
 */

function textOf(e: unknown): string {
  if (e instanceof Error) return `${e.message} ${(e as { code?: unknown }).code ?? ''}`;
  return typeof e === 'object' && e !== null ? JSON.stringify(e) : String(e);
}

/** The transaction is gone (it expired after 30 s, or was aborted): start a new one. */
export function isTransactionExpired(e: unknown): boolean {
  return /TransactionNotExist|TRANSACTION_NOT_EXIST/.test(textOf(e));
}

/** A transaction refused because another one holds the document. */
export function isTransactionConflict(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /TransactionConflict|TRANSACTION_CONFLICT|-501001.*[Cc]onflict/.test(text);
}

/** The collection does not exist (-502005): the environment was not set up. */
export function isMissingCollection(e: unknown): boolean {
  return /collection not exist|COLLECTION_NOT_EXIST|-502005/i.test(textOf(e));
}

/** `doc(id).get()` on a document that does not exist (the SDK throws). */
export function isMissingDocument(e: unknown): boolean {
  return /does not exist/i.test(textOf(e));
}
