import { DomainError } from '../../src/domain/common/errors'

/** The DomainError code `fn` throws, or undefined when it returns; any other error fails the test. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof DomainError) return err.code
    throw err
  }
  return undefined
}
