import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { DomainError } from '../../../src/domain/common/errors'

/**
 * Field-level encryption for the sensitive values of store certification (PIPL Art. 51: encryption of
 * sensitive personal information). AES-256-GCM from Node's `crypto`; nothing hand-rolled.
 *
 * Keys come from the function's environment, never from code or the database:
 * - `CERT_KEYS`: `kid:base64key[,kid:base64key…]`, each key 32 random bytes. Older keys stay listed
 *   until the re-encryption job (`ops reencryptCertifications`) has moved every row off them.
 * - `CERT_ACTIVE_KEY`: the kid new values are sealed with (optional when only one key is listed).
 * - `CERT_HMAC_KEY`: base64, 32 bytes: keys the digest that finds a repeated ID number without decrypting.
 * Missing or malformed keys refuse the operation (`CERT.KEY_MISSING`); nothing is ever stored in clear.
 */

/** A sealed value as stored: the key id beside the ciphertext, so keys can rotate. */
export interface Sealed {
  kid: string
  /** 12-byte GCM nonce, base64; random per seal. */
  iv: string
  ct: string
  /** 16-byte GCM tag, base64: a changed ciphertext, nonce or context fails to open. */
  tag: string
}

const KID = /^[A-Za-z0-9_-]{1,32}$/

export interface FieldVault {
  readonly activeKid: string
  /** Seals `plain` bound to `context` (the row and field): a ciphertext moved to another row does not open. */
  seal(plain: string, context: string): Sealed
  /** @throws DomainError `CERT.KEY_MISSING` for a retired key; `CERT.TAMPERED` when the tag fails. */
  open(sealed: Sealed, context: string): string
  /** HMAC-SHA256, hex: equal inputs give equal digests; without the key it reveals nothing. */
  digest(plain: string): string
}

function key(b64: string | undefined): Buffer | undefined {
  if (!b64) return undefined
  const k = Buffer.from(b64, 'base64')
  return k.length === 32 ? k : undefined
}

function missing(what: string): DomainError {
  return new DomainError('CERT.KEY_MISSING', `certification is not available: ${what} (see "Certification keys" in the README)`)
}

/** The vault the environment configures. @throws DomainError `CERT.KEY_MISSING` when it does not configure one. */
export function vaultFromEnv(env: Record<string, string | undefined> = process.env): FieldVault {
  const keys = new Map<string, Buffer>()
  for (const entry of (env.CERT_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kid, b64] = entry.split(':', 2)
    const k = key(b64)
    if (!kid || !KID.test(kid) || !k) throw missing('CERT_KEYS holds an entry that is not kid:base64 of 32 bytes')
    keys.set(kid, k)
  }
  if (keys.size === 0) throw missing('CERT_KEYS is not set')
  const activeKid = env.CERT_ACTIVE_KEY?.trim() || (keys.size === 1 ? [...keys.keys()][0]! : '')
  const active = keys.get(activeKid)
  if (!active) throw missing('CERT_ACTIVE_KEY does not name a key of CERT_KEYS')
  const hmacKey = key(env.CERT_HMAC_KEY)
  if (!hmacKey) throw missing('CERT_HMAC_KEY is not base64 of 32 bytes')
  return {
    activeKid,
    seal(plain, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', active, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return { kid: activeKid, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') }
    },
    open(sealed, context) {
      const k = keys.get(sealed.kid)
      if (!k) throw missing(`the key ${sealed.kid} is no longer configured`)
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 })
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
        return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8')
      } catch {
        throw new DomainError('CERT.TAMPERED', 'a sealed value failed its integrity check')
      }
    },
    digest(plain) {
      return createHmac('sha256', hmacKey).update(plain, 'utf8').digest('hex')
    },
  }
}
