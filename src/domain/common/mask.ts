/** What a value that cannot be masked safely (missing, malformed, too short) is shown as. */
export const FULLY_MASKED = '****'

/** `count` mask characters (none for a count that is not a positive whole number). */
export function stars(count: number): string {
  return Number.isInteger(count) && count > 0 ? '*'.repeat(count) : ''
}

/**
 * Masks an identifier for display: enough to recognise it, not enough to use it. Keeps the first two
 * and last two characters; at least four stars, so the length does not leak either.
 */
export function maskId(id: string): string {
  if (id.length <= 4) return FULLY_MASKED
  return `${id.slice(0, 2)}${stars(Math.max(4, id.length - 4))}${id.slice(-2)}`
}
