import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils'
import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { DomainError } from '../common/errors'

/**
 * Ops staff call the `ops` function from the CloudBase console, where there is no WeChat identity, so
 * each operator proves who they are with a token. The function's environment holds only each token's
 * hash, in `OPS_OPERATORS` = `{"ops_alice": "sha256:<hex>", …}`.
 *
 * Tokens are 32 random bytes made by `npm run ops -- new-token` (256 bits): nothing to guess from a
 * dictionary, so one SHA-256 is as hard to invert as the token is to guess, and a slow password hash
 * (scrypt) would only add its cost to every call. Tokens shorter than `TOKEN_MIN` are refused outright.
 */
export const OPERATOR_NAME = /^[a-z][a-z0-9_]{1,31}$/
export const TOKEN_MIN = 32
export const TOKEN_MAX = 128
const HASH_FORMAT = /^sha256:[0-9a-f]{64}$/

export const operatorClaimSchema = lazySchema(() => z.strictObject({
  name: z.string().check(z.regex(OPERATOR_NAME)),
  token: z.string().check(z.minLength(TOKEN_MIN), z.maxLength(TOKEN_MAX)),
}))
export type OperatorClaim = z.infer<typeof operatorClaimSchema>

/** Operator name → SHA-256 of their token. */
export type OperatorTable = ReadonlyMap<string, Uint8Array>

/** What `OPS_OPERATORS` stores for a token. */
export function tokenHash(token: string): string {
  if (token.length < TOKEN_MIN || token.length > TOKEN_MAX) throw new DomainError('COMMON.INVALID_INPUT', `a token has ${TOKEN_MIN} to ${TOKEN_MAX} characters`)
  return `sha256:${bytesToHex(sha256(utf8ToBytes(token)))}`
}

/**
 * Reads `OPS_OPERATORS`. Problems are named by operator, never by hash value, so the message can be logged.
 * @throws DomainError `OPS.UNAUTHENTICATED` when it is unset, not JSON, or holds a bad name or hash:
 *   nobody can be authenticated against a table that cannot be read.
 */
export function parseOperatorTable(raw: string | undefined): OperatorTable {
  const fail = (why: string): never => {
    throw new DomainError('OPS.UNAUTHENTICATED', `no operator can sign in: OPS_OPERATORS ${why}`)
  }
  if (raw === undefined || raw.trim() === '') return fail('is not set')
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return fail('is not JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('must be a JSON object of name → "sha256:<hex>"')
  const table = new Map<string, Uint8Array>()
  for (const [name, hash] of Object.entries(parsed)) {
    if (!OPERATOR_NAME.test(name)) fail(`has a name that is not ${OPERATOR_NAME.source}`)
    if (typeof hash !== 'string' || !HASH_FORMAT.test(hash)) fail(`has a hash for ${name} that is not "sha256:" and 64 lower-case hex digits`)
    table.set(name, hexToBytes((hash as string).slice('sha256:'.length)))
  }
  return table
}

/** Compared with when the name is unknown, so an unknown name costs what a wrong token does. */
const NO_SUCH_OPERATOR = new Uint8Array(32)

/** Every byte is compared whatever differs first, so the time taken says nothing about the hash. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** The operator's name when `claim` is a known name with its token; otherwise undefined. */
export function authenticateOperator(table: OperatorTable, claim: unknown): string | undefined {
  const parsed = operatorClaimSchema.safeParse(claim)
  if (!parsed.success) return undefined
  const expected = table.get(parsed.data.name)
  const matches = sameBytes(expected ?? NO_SUCH_OPERATOR, sha256(utf8ToBytes(parsed.data.token)))
  return matches && expected !== undefined ? parsed.data.name : undefined
}
