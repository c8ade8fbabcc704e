import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import canonicalize from 'canonicalize'
import { DomainError } from '../common/errors'

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

/**
 * The content hash of a policy version: hex SHA-256 of its canonical JSON. Consent events carry it,
 * so a record proves which exact text (and manifest) the user saw.
 */
export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content))
}
