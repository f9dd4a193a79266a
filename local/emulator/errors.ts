/**
 * Errors as the CloudBase API reports them: `{ code, message }` in an HTTP 200 reply, which
 * @cloudbase/node-sdk turns into a thrown error and wx-server-sdk maps to a numeric errCode
 * (DATABASE_REQUEST_FAILED → -502001, …).
 */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const dbFailed = (message: string): EmulatorError => new EmulatorError('DATABASE_REQUEST_FAILED', message);

export const duplicateKey = (collection: string, id: unknown): EmulatorError =>
  dbFailed(`[FailedOperation] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);

/** The cloud's answer on a collection nobody created (wx-server-sdk: errCode -502005). */
export const collectionNotExist = (collection: string): EmulatorError =>
  new EmulatorError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] database collection not exist: ${collection}`);

export const invalidParam = (message: string): EmulatorError => new EmulatorError('INVALID_PARAM', message);

export const invalidAction = (action: string): EmulatorError => new EmulatorError('INVALID_ACTION', `[InvalidAction] action ${action} is not supported`);

export const transactionConflict = (): EmulatorError =>
  new EmulatorError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  );

export const transactionNotExist = (id: string): EmulatorError =>
  new EmulatorError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction ${id} does not exist, it may have expired (30 s), committed or been aborted.`,
  );

/** Turns anything thrown while serving a request into the cloud's error reply. */
export function toCloudError(e: unknown): EmulatorError {
  if (e instanceof EmulatorError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return dbFailed(message);
}
