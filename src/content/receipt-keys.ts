import type { PublicKeys } from '../domain/consent/receipt-signature'
import KEYS from './receipt-keys.json'

/**
 * The public keys receipts and ledger anchors are checked against: kid → Ed25519 public key, hex.
 * Shipped in the app and printed in the README. A deployment replaces the JSON with its own key(s)
 * (keeping retired ones, so old receipts still verify).
 */
export const RECEIPT_KEYS: PublicKeys = KEYS

/** `dev-…` keys are the committed development key (config/dev-receipt-key.json): they prove nothing. */
export const isDevelopmentKey = (kid: string): boolean => kid.startsWith('dev-')
