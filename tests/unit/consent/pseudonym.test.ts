import { createHmac } from 'node:crypto'
import { DomainError } from '../../../src/domain/common/errors'
import { subjectPseudonym, verifyChain } from '../../../src/domain/consent'
import { OPENID, SALT, SUBJECT, typicalChain } from './ledger-fixtures'

const OTHER_SALT = 'ffeeddccbbaa99887766554433221100'

describe('subjectPseudonym', () => {
  it('is a stable hex HMAC for the same openid and salt', () => {
    expect(subjectPseudonym(OPENID, SALT)).toBe(SUBJECT)
    expect(SUBJECT).toMatch(/^[0-9a-f]{64}$/)
    expect(SUBJECT).not.toContain(OPENID)
  })

  it('is HMAC-SHA256 keyed by the salt bytes, as an independent implementation computes it', () => {
    expect(subjectPseudonym(OPENID, SALT)).toBe(createHmac('sha256', Buffer.from(SALT, 'hex')).update(OPENID).digest('hex'))
  })

  it('differs across salts and across openids', () => {
    expect(subjectPseudonym(OPENID, OTHER_SALT)).not.toBe(SUBJECT)
    expect(subjectPseudonym('o_test_user_2', SALT)).not.toBe(SUBJECT)
  })

  it.each([
    ['an empty openid', '', SALT],
    ['a short salt', OPENID, '0011'],
    ['a non-hex salt', OPENID, 'zz'.repeat(16)],
    ['an odd-length salt', OPENID, `${SALT}0`],
  ])('refuses %s', (_label, openid, salt) => {
    expect(() => subjectPseudonym(openid, salt)).toThrow(DomainError)
  })
})

describe('erasure by destroying the salt', () => {
  it('leaves a chain that still verifies and can no longer be tied to the openid', () => {
    const events = typicalChain()
    // Cancellation deletes the salt record; the ledger itself is untouched.
    const saltStore = new Map([[OPENID, SALT]])
    saltStore.delete(OPENID)
    expect(verifyChain(events)).toMatchObject({ ok: true, count: events.length })
    // Without the salt, no one can recompute the pseudonym: a fresh salt links to nothing.
    const fresh = subjectPseudonym(OPENID, OTHER_SALT)
    expect(events.some((e) => e.subject === fresh)).toBe(false)
    expect(JSON.stringify(events)).not.toContain(OPENID)
  })
})
