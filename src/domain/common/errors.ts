/**
 * Error codes are part of the wire contract: append-only, never renamed.
 * `<AREA>.<REASON>` so logs and the UI can group them.
 */
export const ERROR_CODES = [
  'COMMON.INVALID_INPUT',
  'COMMON.UNAUTHENTICATED',
  'COMMON.FORBIDDEN',
  'COMMON.NOT_FOUND',
  'COMMON.CONFLICT',
  'COMMON.REGION_NOT_ALLOWED',
  'COMMON.INTERNAL',
  'POLICY.INVALID_CONTENT',
  'POLICY.VERSION_IMMUTABLE',
  'POLICY.VERSION_ORDER',
  'POLICY.UNKNOWN_VERSION',
  'POLICY.TAMPERED',
  'CONSENT.INVALID_EVENT',
  'CONSENT.CHAIN_MISMATCH',
  'CONSENT.REQUEST_ID_REUSED',
  'CONSENT.UNKNOWN_TARGET',
  'CONSENT.REQUIRED',
  'PERSONAL.NICKNAME_INVALID',
  'PERSONAL.NAME_INVALID',
  'PERSONAL.MOBILE_INVALID',
  'PERSONAL.REGION_UNKNOWN',
  'PERSONAL.ADDRESS_INVALID',
  'PERSONAL.CONTACT_LIMIT',
  'PERSONAL.AVATAR_INVALID',
  /** The policy the user agreed to does not declare this data yet: agree to the current one first. */
  'CONSENT.NOT_DECLARED',
  'CALENDAR.YEAR_NOT_COVERED',
  'CALENDAR.INVALID_OVERRIDES',
  'REQUEST.ILLEGAL_TRANSITION',
  'REQUEST.REASON_REQUIRED',
  'EXPORT.NOT_READY',
  'EXPORT.EXPIRED',
  'ORDER.UNKNOWN_STORE',
  'ORDER.UNKNOWN_PRODUCT',
  'ORDER.CONTACT_REQUIRED',
  'OPS.FORBIDDEN',
  'OPS.UNAUTHENTICATED',
  'OPS.NOT_ALLOWED',
  /** A mini-program user called the function that receives WeChat's message pushes. */
  'PUSH.FORBIDDEN',
  /** A push of an event this app does not handle (the message-push config routes only the ones it does). */
  'PUSH.UNSUPPORTED_EVENT',
  'CERT.NAME_INVALID',
  'CERT.MOBILE_INVALID',
  'CERT.ID_NUMBER_INVALID',
  'CERT.USCC_INVALID',
  'CERT.STORE_INVALID',
  /** Not a JPEG, too large, or not base64. */
  'CERT.PHOTO_INVALID',
  /** A submission without every field and photo. */
  'CERT.INCOMPLETE',
  'CERT.ILLEGAL_TRANSITION',
  /** The function has no usable encryption keys: it refuses rather than store in clear. */
  'CERT.KEY_MISSING',
  /** A sealed value failed its integrity check. */
  'CERT.TAMPERED',
  /** A message from 联系我们: empty, shorter than 5 or longer than 500 characters, or with control characters. */
  'REQUEST.MESSAGE_INVALID',
  /** A deletion request's note: longer than 200 characters or not on one line. */
  'REQUEST.DETAIL_INVALID',
  /** Withdrawing an announcement whose latest version is already withdrawn. */
  'ANNOUNCEMENT.ALREADY_WITHDRAWN',
  /** The function has no receipt-signing key: it refuses rather than hand out an unsigned receipt or anchor. */
  'CONSENT.SIGNING_KEY_MISSING',
  /** A withdrawal of a consent that was never granted (the consent transition table refuses it). */
  'CONSENT.NOT_GRANTED',
  /** A row read from the database does not match its schema (edited or written outside the functions): the read is refused. */
  'DATA.CORRUPT_ROW',
  /** Set by the app, never sent: a function's reply did not match its contract's reply schema. */
  'COMMON.BAD_REPLY',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** An expected failure with a stable code; handlers turn it into `{ ok: false, code, message }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export type Failure = { ok: false; code: ErrorCode; message: string }
export type Success<T> = { ok: true; data: T }
/** What every cloud function returns to the mini-program. */
export type Reply<T> = Success<T> | Failure
