/** The envelope every cloud function returns (API.md "Calling convention"). */

/** Error codes of the contract (API.md minimum set) plus INTERNAL for an unforeseen fault. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'VOTING_NOT_STARTED',
  'VOTING_ENDED',
  'ALREADY_VOTED_TODAY',
  'DAILY_LIMIT_REACHED',
  'RATE_LIMITED',
  'SIGNUP_CLOSED',
  'ALREADY_SIGNED_UP',
  'NOT_SIGNED_UP',
  'CHECKIN_NOT_OPEN',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'ALREADY_CHECKED_IN',
  'OUT_OF_RANGE',
  'CONTENT_REJECTED',
  'CONFLICT',
  /** activity.rate: only people who checked in to the activity may rate it. */
  'NOT_CHECKED_IN',
  /** activity.rate: the rating window of the activity has closed. */
  'RATING_CLOSED',
  /** The contest counts votes per verified phone: verify yours first (vote.verifyPhone). */
  'PHONE_NOT_VERIFIED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Ok<T> {
  ok: true;
  data: T;
}

export interface Fail {
  ok: false;
  code: ErrorCode;
  /** zh-CN text a resident can read. */
  message: string;
}

export type Envelope<T> = Ok<T> | Fail;

/** ISO 8601 instant with an offset, e.g. "2026-01-08T09:00:00+08:00". */
export type IsoTime = string;
