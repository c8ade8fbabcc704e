import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils'
import { canonicalJson } from '../common/hashing'
import type { ConsentReceipt } from './consent-receipt'

/**
 * Detached Ed25519 signatures over canonical JSON (RFC 8785), for consent receipts and ledger anchors.
 * Pure: the signing and verifying primitives are passed in (Node's `crypto` on the server and in the
 * offline script, @noble/curves in the mini-program), so every side checks the very same bytes.
 * Keys and signatures are lower-case hex, like the chain's hashes.
 */
export interface DocumentSignature {
  /** Which published key signed: a key of `receipt-keys.json`. */
  kid: string
  alg: 'Ed25519'
  /** 64 bytes, hex. */
  value: string
}

export type SignedReceipt = ConsentReceipt & { signature: DocumentSignature }

/** kid → Ed25519 public key (32 raw bytes, hex): the keys the app ships and the README prints. */
export type PublicKeys = Readonly<Record<string, string>>

export interface Signer {
  kid: string
  /** Ed25519 over the UTF-8 bytes of `payload`; 64 bytes, hex. */
  sign(payload: string): string
}

export type Ed25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean

export type SignatureCheck =
  | { status: 'valid'; kid: string }
  /** Signed by a listed key, but the signed bytes were changed (or the signature was). */
  | { status: 'invalid'; kid: string }
  /** Signed by a key this copy of the app or script does not list. */
  | { status: 'unknown-key'; kid: string }
  /** No signature, or not in the shape above. */
  | { status: 'unsigned' }

const HEX = (bytes: number) => new RegExp(`^[0-9a-f]{${bytes * 2}}$`)
const SIG_HEX = HEX(64)
const KEY_HEX = HEX(32)

/** What a receipt's signature covers: every field but `signature` itself. */
export function receiptPayload(receipt: object): string {
  const { signature: _omit, ...rest } = receipt as { signature?: unknown }
  return canonicalJson(rest)
}

export function signReceipt(receipt: ConsentReceipt, signer: Signer): SignedReceipt {
  return { ...receipt, signature: { kid: signer.kid, alg: 'Ed25519', value: signer.sign(receiptPayload(receipt)) } }
}

/** Checks `signature` over `payload` against the listed keys. Never throws: a malformed input is `unsigned` or `invalid`. */
export function checkSignature(payload: string, signature: unknown, keys: PublicKeys, verify: Ed25519Verify): SignatureCheck {
  const s = signature as Partial<DocumentSignature> | null | undefined
  if (typeof s !== 'object' || s === null || s.alg !== 'Ed25519' || typeof s.kid !== 'string' || typeof s.value !== 'string') return { status: 'unsigned' }
  const key = Object.prototype.hasOwnProperty.call(keys, s.kid) ? keys[s.kid] : undefined
  if (!key || !KEY_HEX.test(key)) return { status: 'unknown-key', kid: s.kid }
  if (!SIG_HEX.test(s.value)) return { status: 'invalid', kid: s.kid }
  try {
    return verify(hexToBytes(s.value), utf8ToBytes(payload), hexToBytes(key)) ? { status: 'valid', kid: s.kid } : { status: 'invalid', kid: s.kid }
  } catch {
    return { status: 'invalid', kid: s.kid }
  }
}

/** A receipt as saved by its holder (parsed JSON of any shape): is it signed by a published key, unchanged? */
export function checkReceipt(receipt: unknown, keys: PublicKeys, verify: Ed25519Verify): SignatureCheck {
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) return { status: 'unsigned' }
  let payload: string
  try {
    payload = receiptPayload(receipt)
  } catch {
    return { status: 'unsigned' }
  }
  return checkSignature(payload, (receipt as { signature?: unknown }).signature, keys, verify)
}

/**
 * A kept receipt against the ledger as it stands: a validly signed receipt whose event is missing or
 * hashes differently proves the ledger was changed after the receipt was issued.
 */
export function receiptAgainstChain(receipt: Pick<ConsentReceipt, 'consentReceiptID' | 'proof'>, events: ReadonlyArray<{ eventId: string; seq: number; hash: string }>): 'matches' | 'differs' {
  const e = events[receipt.proof.seq - 1]
  return e && e.seq === receipt.proof.seq && e.eventId === receipt.consentReceiptID && e.hash === receipt.proof.hash ? 'matches' : 'differs'
}
