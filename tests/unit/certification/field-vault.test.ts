import { createHash, randomBytes } from 'node:crypto'
import { type Sealed, vaultFromEnv } from '../../../cloudfunctions/_shared/adapters/field-vault'

const k1 = randomBytes(32).toString('base64')
const k2 = randomBytes(32).toString('base64')
const hmac = randomBytes(32).toString('base64')

const ENV = { CERT_KEYS: `k1:${k1}`, CERT_HMAC_KEY: hmac }
const CONTEXT = 'certifications/app-1/idNumber'
/** A fictional ID number. */
const ID = '11010519491231002X'

const TAMPERED = expect.objectContaining({ name: 'DomainError', code: 'CERT.TAMPERED' })
const KEY_MISSING = expect.objectContaining({ name: 'DomainError', code: 'CERT.KEY_MISSING' })

/** `b64` with one bit of byte `index` flipped. */
function flipBit(b64: string, index = 0, bit = 0): string {
  const bytes = Buffer.from(b64, 'base64')
  bytes[index] = bytes[index]! ^ (1 << bit)
  return bytes.toString('base64')
}

describe('round trip', () => {
  const vault = vaultFromEnv(ENV)
  it.each([
    ['ASCII', ID],
    ['Chinese', '张示例'],
    ['a Chinese address', '上海市浦东新区演示街 8 号 3 室'],
    ['an astral character', '𠀀 示例 🙂'],
    ['the empty string', ''],
    ['a long value', '示'.repeat(5_000)],
  ])('%s opens to what was sealed', (_label, plain) => {
    const sealed = vault.seal(plain, CONTEXT)
    expect(vault.open(sealed, CONTEXT)).toBe(plain)
  })

  it('stores nothing in clear', () => {
    const sealed = vault.seal(ID, CONTEXT)
    const stored = JSON.stringify(sealed)
    expect(stored).not.toContain(ID)
    expect(stored).not.toContain(Buffer.from(ID).toString('base64'))
    expect(Object.keys(sealed).sort()).toEqual(['ct', 'iv', 'kid', 'tag'])
  })

  it('uses a 12-byte iv and a 16-byte tag, and seals under the only key', () => {
    const sealed = vault.seal(ID, CONTEXT)
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12)
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16)
    expect(Buffer.from(sealed.ct, 'base64')).toHaveLength(Buffer.byteLength(ID))
    expect(sealed.kid).toBe('k1')
    expect(vault.activeKid).toBe('k1')
  })

  it('gives every seal a fresh iv, so two seals of one value differ', () => {
    const seals = Array.from({ length: 50 }, () => vault.seal(ID, CONTEXT))
    expect(new Set(seals.map((s) => s.iv)).size).toBe(50)
    expect(new Set(seals.map((s) => s.ct)).size).toBe(50)
    const [a, b] = seals
    expect(a).not.toEqual(b)
    expect(vault.open(a!, CONTEXT)).toBe(ID)
    expect(vault.open(b!, CONTEXT)).toBe(ID)
  })

  it('opens with a second vault built from the same environment', () => {
    expect(vaultFromEnv(ENV).open(vault.seal(ID, CONTEXT), CONTEXT)).toBe(ID)
  })
})

describe('the context binds', () => {
  const vault = vaultFromEnv(ENV)
  it.each([
    ['another row', 'certifications/app-2/idNumber'],
    ['another field', 'certifications/app-1/mobile'],
    ['no context', ''],
    ['a context differing in case', 'Certifications/app-1/idNumber'],
    ['a context with a trailing space', `${CONTEXT} `],
  ])('refuses to open under %s', (_label, other) => {
    const sealed = vault.seal(ID, CONTEXT)
    expect(() => vault.open(sealed, other)).toThrow(TAMPERED)
    expect(vault.open(sealed, CONTEXT)).toBe(ID)
  })
})

describe('tamper detection', () => {
  const vault = vaultFromEnv(ENV)
  const sealed = vault.seal(ID, CONTEXT)

  it.each<[string, (s: Sealed) => Sealed]>([
    ['a bit of the first ct byte', (s) => ({ ...s, ct: flipBit(s.ct, 0, 0) })],
    ['the top bit of the last ct byte', (s) => ({ ...s, ct: flipBit(s.ct, Buffer.from(s.ct, 'base64').length - 1, 7) })],
    ['a bit of the tag', (s) => ({ ...s, tag: flipBit(s.tag, 5, 3) })],
    ['the last bit of the tag', (s) => ({ ...s, tag: flipBit(s.tag, 15, 7) })],
    ['a bit of the iv', (s) => ({ ...s, iv: flipBit(s.iv, 0, 0) })],
    ['the last bit of the iv', (s) => ({ ...s, iv: flipBit(s.iv, 11, 7) })],
    ['a tag truncated to 12 bytes', (s) => ({ ...s, tag: Buffer.from(s.tag, 'base64').subarray(0, 12).toString('base64') })],
    ['a tag truncated to 4 bytes', (s) => ({ ...s, tag: Buffer.from(s.tag, 'base64').subarray(0, 4).toString('base64') })],
    ['an empty tag', (s) => ({ ...s, tag: '' })],
    ['a tag one byte longer', (s) => ({ ...s, tag: Buffer.concat([Buffer.from(s.tag, 'base64'), Buffer.from([0])]).toString('base64') })],
    ['an empty iv', (s) => ({ ...s, iv: '' })],
    ['a truncated ct', (s) => ({ ...s, ct: Buffer.from(s.ct, 'base64').subarray(1).toString('base64') })],
    ['an extended ct', (s) => ({ ...s, ct: Buffer.concat([Buffer.from(s.ct, 'base64'), Buffer.from([0])]).toString('base64') })],
    ['an empty ct', (s) => ({ ...s, ct: '' })],
  ])('refuses %s with CERT.TAMPERED', (_label, tamper) => {
    const bad = tamper(sealed)
    expect(bad).not.toEqual(sealed)
    expect(() => vault.open(bad, CONTEXT)).toThrow(TAMPERED)
  })

  it('refuses a ct and tag moved from another seal', () => {
    const other = vault.seal('13812345678', CONTEXT)
    expect(() => vault.open({ ...sealed, ct: other.ct }, CONTEXT)).toThrow(TAMPERED)
    expect(() => vault.open({ ...sealed, tag: other.tag }, CONTEXT)).toThrow(TAMPERED)
  })

  it('refuses a value sealed under a different key with the same kid', () => {
    const stranger = vaultFromEnv({ CERT_KEYS: `k1:${k2}`, CERT_HMAC_KEY: hmac })
    expect(() => stranger.open(sealed, CONTEXT)).toThrow(TAMPERED)
  })

  it('still opens the untouched value', () => {
    expect(vault.open(sealed, CONTEXT)).toBe(ID)
  })
})

describe('key rotation', () => {
  const old = vaultFromEnv(ENV)
  const sealedUnderK1 = old.seal(ID, CONTEXT)
  const rotated = vaultFromEnv({ CERT_KEYS: `k1:${k1},k2:${k2}`, CERT_ACTIVE_KEY: 'k2', CERT_HMAC_KEY: hmac })

  it('opens a value sealed under the old key', () => {
    expect(rotated.activeKid).toBe('k2')
    expect(rotated.open(sealedUnderK1, CONTEXT)).toBe(ID)
  })

  it('seals new values under the active key', () => {
    const fresh = rotated.seal(ID, CONTEXT)
    expect(fresh.kid).toBe('k2')
    expect(rotated.open(fresh, CONTEXT)).toBe(ID)
    // The old vault does not know k2.
    expect(() => old.open(fresh, CONTEXT)).toThrow(KEY_MISSING)
  })

  it('really seals with k2: relabelling the kid as k1 fails the tag', () => {
    const fresh = rotated.seal(ID, CONTEXT)
    expect(() => rotated.open({ ...fresh, kid: 'k1' }, CONTEXT)).toThrow(TAMPERED)
  })

  it('refuses to open under a vault without k1 with CERT.KEY_MISSING', () => {
    const retired = vaultFromEnv({ CERT_KEYS: `k2:${k2}`, CERT_HMAC_KEY: hmac })
    expect(() => retired.open(sealedUnderK1, CONTEXT)).toThrow(KEY_MISSING)
  })

  it('accepts spaces around entries and picks the active key among several', () => {
    const spaced = vaultFromEnv({ CERT_KEYS: ` k1:${k1} , k2:${k2} `, CERT_ACTIVE_KEY: ' k1 ', CERT_HMAC_KEY: hmac })
    expect(spaced.activeKid).toBe('k1')
    expect(spaced.open(sealedUnderK1, CONTEXT)).toBe(ID)
  })

  it('keeps the digest across a rotation of the encryption keys (same HMAC key)', () => {
    expect(rotated.digest(ID)).toBe(old.digest(ID))
  })
})

describe('configuration', () => {
  it.each<[string, Record<string, string | undefined>]>([
    ['no CERT_KEYS', { CERT_HMAC_KEY: hmac }],
    ['an empty CERT_KEYS', { CERT_KEYS: '', CERT_HMAC_KEY: hmac }],
    ['a CERT_KEYS of only commas', { CERT_KEYS: ' , ,', CERT_HMAC_KEY: hmac }],
    ['an entry without a kid', { CERT_KEYS: `:${k1}`, CERT_HMAC_KEY: hmac }],
    ['an entry without a key', { CERT_KEYS: 'k1', CERT_HMAC_KEY: hmac }],
    ['an entry with an empty key', { CERT_KEYS: 'k1:', CERT_HMAC_KEY: hmac }],
    ['a 16-byte key', { CERT_KEYS: `k1:${randomBytes(16).toString('base64')}`, CERT_HMAC_KEY: hmac }],
    ['a 31-byte key', { CERT_KEYS: `k1:${randomBytes(31).toString('base64')}`, CERT_HMAC_KEY: hmac }],
    ['a 33-byte key', { CERT_KEYS: `k1:${randomBytes(33).toString('base64')}`, CERT_HMAC_KEY: hmac }],
    ['a 64-byte key', { CERT_KEYS: `k1:${randomBytes(64).toString('base64')}`, CERT_HMAC_KEY: hmac }],
    ['a hex key (64 characters, not base64 of 32 bytes)', { CERT_KEYS: `k1:${randomBytes(32).toString('hex')}`, CERT_HMAC_KEY: hmac }],
    ['a kid with a space', { CERT_KEYS: `k 1:${k1}`, CERT_HMAC_KEY: hmac }],
    ['a kid with a dot', { CERT_KEYS: `k.1:${k1}`, CERT_HMAC_KEY: hmac }],
    ['a kid of 33 characters', { CERT_KEYS: `${'k'.repeat(33)}:${k1}`, CERT_HMAC_KEY: hmac }],
    ['a kid with Chinese', { CERT_KEYS: `密钥:${k1}`, CERT_HMAC_KEY: hmac }],
    ['one good and one bad entry', { CERT_KEYS: `k1:${k1},k2:short`, CERT_ACTIVE_KEY: 'k1', CERT_HMAC_KEY: hmac }],
    ['no CERT_HMAC_KEY', { CERT_KEYS: `k1:${k1}` }],
    ['an empty CERT_HMAC_KEY', { CERT_KEYS: `k1:${k1}`, CERT_HMAC_KEY: '' }],
    ['a short CERT_HMAC_KEY', { CERT_KEYS: `k1:${k1}`, CERT_HMAC_KEY: randomBytes(16).toString('base64') }],
    ['a long CERT_HMAC_KEY', { CERT_KEYS: `k1:${k1}`, CERT_HMAC_KEY: randomBytes(48).toString('base64') }],
    ['CERT_ACTIVE_KEY naming an absent key', { CERT_KEYS: `k1:${k1}`, CERT_ACTIVE_KEY: 'k9', CERT_HMAC_KEY: hmac }],
    ['two keys and no CERT_ACTIVE_KEY', { CERT_KEYS: `k1:${k1},k2:${k2}`, CERT_HMAC_KEY: hmac }],
    ['two keys and a blank CERT_ACTIVE_KEY', { CERT_KEYS: `k1:${k1},k2:${k2}`, CERT_ACTIVE_KEY: '  ', CERT_HMAC_KEY: hmac }],
  ])('refuses %s with CERT.KEY_MISSING at vaultFromEnv', (_label, env) => {
    expect(() => vaultFromEnv(env)).toThrow(KEY_MISSING)
  })

  it('names no key material in its error', () => {
    let message = ''
    try {
      vaultFromEnv({ CERT_KEYS: `k1:${k1}`, CERT_HMAC_KEY: randomBytes(16).toString('base64') })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).not.toBe('')
    expect(message).not.toContain(k1)
  })

  it('accepts one key without CERT_ACTIVE_KEY and makes it active', () => {
    expect(vaultFromEnv({ CERT_KEYS: `main_2026-01:${k1}`, CERT_HMAC_KEY: hmac }).activeKid).toBe('main_2026-01')
  })

  it('accepts a kid of 32 characters', () => {
    const kid = 'k'.repeat(32)
    expect(vaultFromEnv({ CERT_KEYS: `${kid}:${k1}`, CERT_HMAC_KEY: hmac }).seal(ID, CONTEXT).kid).toBe(kid)
  })
})

describe('digest', () => {
  const vault = vaultFromEnv(ENV)

  it('gives equal inputs equal digests', () => {
    expect(vault.digest(ID)).toBe(vault.digest(ID))
    expect(vaultFromEnv(ENV).digest(ID)).toBe(vault.digest(ID))
  })

  it('is 64 hex characters (HMAC-SHA256)', () => {
    expect(vault.digest(ID)).toMatch(/^[0-9a-f]{64}$/)
    expect(vault.digest('')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives different inputs different digests', () => {
    expect(vault.digest(ID)).not.toBe(vault.digest('11010519491231002x'))
    expect(vault.digest(ID)).not.toBe(vault.digest(`${ID} `))
  })

  it('depends on the HMAC key, not on the encryption keys', () => {
    const otherHmac = vaultFromEnv({ ...ENV, CERT_HMAC_KEY: randomBytes(32).toString('base64') })
    expect(otherHmac.digest(ID)).not.toBe(vault.digest(ID))
    const otherEnc = vaultFromEnv({ ...ENV, CERT_KEYS: `k2:${k2}` })
    expect(otherEnc.digest(ID)).toBe(vault.digest(ID))
  })

  it('is not a plain hash of the input', () => {
    expect(vault.digest(ID)).not.toBe(createHash('sha256').update(ID).digest('hex'))
  })

  it('does not contain the input', () => {
    for (const plain of [ID, '13812345678', '张示例']) {
      const d = vault.digest(plain)
      expect(d).not.toContain(plain)
      expect(d).not.toContain(plain.toLowerCase())
      expect(d).not.toContain(Buffer.from(plain).toString('hex'))
    }
  })
})
