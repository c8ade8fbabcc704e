import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import canonicalize from 'canonicalize'
import { DomainError } from './errors'

// Apart from the policy hashing that uses them, so that hashing a ledger event or a push id does not bring
// the policy's table renderers into every cloud function.

/** RFC 8785 canonical JSON: key order and whitespace never change a hash. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new DomainError('COMMON.INVALID_INPUT', 'value has no JSON form')
  return text
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
}
