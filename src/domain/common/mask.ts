/**
 * Masks an identifier for display: enough to recognise it, not enough to use it. Keeps the first two
 * and last two characters; at least four stars, so the length does not leak either.
 */
export function maskId(id: string): string {
  if (id.length <= 4) return '****'
  return `${id.slice(0, 2)}${'*'.repeat(Math.max(4, id.length - 4))}${id.slice(-2)}`
}
