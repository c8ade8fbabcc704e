import { RECEIPT_KEYS } from '../../../src/content/receipt-keys'
import { anchorDate, anchorPayload, buildAnchor, checkAnchor } from '../../../src/domain/consent/consent-anchor'
import { merkleRoot } from '../../../src/domain/consent/merkle'
import { nodeEd25519Verify, signerFromEnv } from '../../../cloudfunctions/_shared/adapters/signing-key'
import { DEV_RECEIPT_ENV } from '../../support/receipt-keys'
import { chain } from '../consent/ledger-fixtures'

// 02:30 on 2 March in China, when the daily timer runs: still 1 March in UTC.
const NOW = new Date('2026-03-01T18:30:00Z')
const signer = signerFromEnv(DEV_RECEIPT_ENV)
const subjectOf = (c: string) => c.repeat(64)

describe('ledger anchors', () => {
  const mine = chain([{}, {}, {}], subjectOf('a'))
  const others = [chain([{}], subjectOf('b')), chain([{}, {}], subjectOf('c'))]
  const heads = [mine, ...others].map((c) => c[c.length - 1]!)
  const anchor = buildAnchor(heads, NOW, signer)
  const check = (a: unknown, events = mine, date = '2026-03-02', subject = subjectOf('a')) => checkAnchor(a, date, subject, events, RECEIPT_KEYS, nodeEd25519Verify)

  it('is named by its day in China, not in UTC, and signed over the header, whose root commits to every head', () => {
    expect(anchorDate(NOW)).toBe('2026-03-02')
    expect(anchor).toMatchObject({ date: '2026-03-02', anchoredAt: NOW.toISOString(), count: 3, root: merkleRoot(anchor.leaves), signature: { kid: signer.kid, alg: 'Ed25519' } })
    expect(anchor.leaves.map((l) => l.seq)).toEqual([3, 1, 2])
    expect(anchorPayload(anchor)).not.toContain('leaves')
  })

  it('vouches for a chain that still holds its anchored head, also after it grew', () => {
    expect(check(anchor)).toEqual({ status: 'match', date: '2026-03-02', seq: 3 })
    const grown = chain([{}, {}, {}, {}], subjectOf('a'))
    expect(check(anchor, grown)).toEqual({ status: 'match', date: '2026-03-02', seq: 3 })
    expect(check(anchor, mine, '2026-03-02', subjectOf('d'))).toEqual({ status: 'not-anchored-yet', date: '2026-03-02' })
  })

  it('catches a chain rewritten and re-hashed after the anchor, or cut short', () => {
    const rewritten = chain([{}, { decision: 'deny', method: 'refuse-button' }, {}], subjectOf('a'))
    expect(rewritten[2]!.hash).not.toBe(mine[2]!.hash)
    expect(check(anchor, rewritten)).toEqual({ status: 'mismatch', date: '2026-03-02', reason: 'event', seq: 3 })
    expect(check(anchor, mine.slice(0, 2))).toMatchObject({ status: 'mismatch', reason: 'event' })
  })

  it('refuses an anchor that was edited to match: leaves, root, header or signature', () => {
    const leaves = anchor.leaves.map((l) => (l.subject === subjectOf('a') ? { ...l, hash: 'e'.repeat(64) } : l))
    expect(check({ ...anchor, leaves })).toMatchObject({ status: 'mismatch', reason: 'root' })
    expect(check({ ...anchor, leaves, root: merkleRoot(leaves) })).toMatchObject({ status: 'mismatch', reason: 'signature' })
    expect(check({ ...anchor, anchoredAt: '2026-03-02T00:00:00.000Z' })).toMatchObject({ status: 'mismatch', reason: 'signature' })
    expect(check({ ...anchor, signature: { ...anchor.signature, kid: 'elsewhere' } })).toMatchObject({ status: 'mismatch', reason: 'signature' })
    // An older (genuine) anchor filed under a newer day does not pass for it.
    expect(check(anchor, mine, '2026-03-03')).toMatchObject({ status: 'mismatch', reason: 'malformed' })
    expect(check({ ...anchor, count: 2 })).toMatchObject({ status: 'mismatch', reason: 'malformed' })
    expect(check(undefined)).toMatchObject({ status: 'mismatch', reason: 'malformed' })
  })
})
