import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { DomainError } from '../../../src/domain/common/errors'
import type { Ed25519Verify, Signer } from '../../../src/domain/consent/receipt-signature'

/**
 * Ed25519 through Node's `crypto` for consent receipts and ledger anchors.
 *
 * The key comes from the function's environment, never from code or the database:
 * `RECEIPT_SIGNING_KEY` = `kid:base64`, where base64 is the 32-byte seed or a PKCS#8 DER private key
 * (`openssl genpkey -algorithm ed25519 -outform DER | base64`). Without it nothing is signed: callers
 * get `CONSENT.SIGNING_KEY_MISSING`, never an unsigned receipt.
 */

const KID = /^[A-Za-z0-9_-]{1,32}$/
/** DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI), RFC 8410. */
const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

function missing(what: string): DomainError {
  return new DomainError('CONSENT.SIGNING_KEY_MISSING', `receipts cannot be signed: ${what} (see "Signed receipts and anchors" in the README)`)
}

function privateKeyOf(der: Buffer): KeyObject | undefined {
  try {
    const key = createPrivateKey({ key: der.length === 32 ? Buffer.concat([PKCS8_SEED_PREFIX, der]) : der, format: 'der', type: 'pkcs8' })
    return key.asymmetricKeyType === 'ed25519' ? key : undefined
  } catch {
    return undefined
  }
}

/** The raw 32-byte public key of a private key, hex: what receipt-keys.json lists. */
export function publicKeyHex(key: KeyObject): string {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length).toString('hex')
}

/** The signer the environment configures. @throws DomainError `CONSENT.SIGNING_KEY_MISSING` when it configures none. */
export function signerFromEnv(env: Record<string, string | undefined> = process.env): Signer & { publicKey: string } {
  const entry = env.RECEIPT_SIGNING_KEY?.trim()
  if (!entry) throw missing('RECEIPT_SIGNING_KEY is not set')
  const at = entry.indexOf(':')
  const kid = entry.slice(0, at)
  const key = at > 0 ? privateKeyOf(Buffer.from(entry.slice(at + 1), 'base64')) : undefined
  if (!KID.test(kid) || !key) throw missing('RECEIPT_SIGNING_KEY is not kid:base64 of an Ed25519 seed or PKCS#8 key')
  return {
    kid,
    publicKey: publicKeyHex(key),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), key).toString('hex'),
  }
}

/** Ed25519 verification with Node's `crypto`, in the shape the domain checks take. */
export const nodeEd25519Verify: Ed25519Verify = (signature, message, publicKey) => {
  if (publicKey.length !== 32) return false
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
  return verify(null, message, key, signature)
}
