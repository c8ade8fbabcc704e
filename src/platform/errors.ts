import { PlatformError, type PlatformErrorCode } from './types'

// Ordered: the first match wins, so the specific privacy and system messages precede "auth deny".
const RULES: ReadonlyArray<[RegExp, PlatformErrorCode]> = [
  [/privacy permission is not authorized/i, 'PLATFORM.PRIVACY_NOT_AUTHORIZED'],
  [/not declared in the privacy agreement|requiredPrivateInfos/i, 'PLATFORM.PRIVACY_NOT_DECLARED'],
  [/TAP gesture/i, 'PLATFORM.NOT_FROM_TAP'],
  [/system permission denied|LOCATIONSWITCHOFF/i, 'PLATFORM.SYSTEM_DENIED'],
  [/auth den(y|ied)|authorize no response/i, 'PLATFORM.SCOPE_DENIED'],
  [/:fail[: ]cancel/i, 'PLATFORM.USER_CANCELLED'],
]

/** Turns a WeChat `errMsg` (e.g. `getLocation:fail auth deny`) into a coded error. */
export function platformErrorFrom(errMsg: string): PlatformError {
  const rule = RULES.find(([pattern]) => pattern.test(errMsg))
  return new PlatformError(rule ? rule[1] : 'PLATFORM.FAILED', errMsg)
}

/** Whatever a callback-style API failed with (`{ errMsg }`, an Error, anything) as a PlatformError. */
export function toPlatformError(failure: unknown): PlatformError {
  if (failure instanceof PlatformError) return failure
  if (typeof failure === 'object' && failure !== null && 'errMsg' in failure && typeof failure.errMsg === 'string') return platformErrorFrom(failure.errMsg)
  if (failure instanceof Error) return platformErrorFrom(failure.message)
  return platformErrorFrom(String(failure))
}
