import { generateKeyPairSync } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519'
import { MANIFEST_2026_1 } from '../../../src/content'
import { RECEIPT_KEYS } from '../../../src/content/receipt-keys'
import { toReceipt } from '../../../src/domain/consent/consent-receipt'
import { checkReceipt, receiptAgainstChain, signReceipt } from '../../../src/domain/consent/receipt-signature'
import { nodeEd25519Verify, signerFromEnv } from '../../../cloudfunctions/_shared/adapters/signing-key'
import { codeOf } from '../../support/domain'
import { DEV_RECEIPT_ENV } from '../../support/receipt-keys'
import { chain } from '../consent/ledger-fixtures'

const nobleVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => ed25519.verify(sig, msg, pub)
const VERIFIERS = [['node crypto (server, offline script)', nodeEd25519Verify], ['@noble/curves (mini-program)', nobleVerify]] as const

describe('signed receipts', () => {
  const events = chain([{}, { target: { kind: 'scope', id: 'scope.userLocation' }, method: 'permission-dialog' }])
  const signer = signerFromEnv(DEV_RECEIPT_ENV)
  const signed = signReceipt(toReceipt(events[1]!, MANIFEST_2026_1), signer)

  it('the committed development key is the dev-… key the app ships', () => {
    expect(signer.kid).toMatch(/^dev-/)
    expect(RECEIPT_KEYS[signer.kid]).toBe(signer.publicKey)
  })

  it.each(VERIFIERS)('a receipt signed on the server verifies with %s', (_name, verify) => {
    expect(signed.signature).toMatchObject({ kid: signer.kid, alg: 'Ed25519', value: expect.stringMatching(/^[0-9a-f]{128}$/) })
    expect(checkReceipt(signed, RECEIPT_KEYS, verify)).toEqual({ status: 'valid', kid: signer.kid })
    // Key order and whitespace do not count (RFC 8785): a re-serialised copy still verifies.
    expect(checkReceipt(JSON.parse(JSON.stringify(signed, null, 2)), RECEIPT_KEYS, verify)).toEqual({ status: 'valid', kid: signer.kid })
  })

  it.each(VERIFIERS)('with %s, any changed field fails, down to one nested value', (_name, verify) => {
    expect(checkReceipt({ ...signed, eventState: 'withdrawn' }, RECEIPT_KEYS, verify)).toEqual({ status: 'invalid', kid: signer.kid })
    expect(checkReceipt({ ...signed, proof: { ...signed.proof, hash: 'f'.repeat(64) } }, RECEIPT_KEYS, verify)).toMatchObject({ status: 'invalid' })
    const purposes = signed.services[0]!.purposes.map((p) => ({ ...p, thirdPartyDisclosure: !p.thirdPartyDisclosure }))
    expect(checkReceipt({ ...signed, services: [{ ...signed.services[0]!, purposes }] }, RECEIPT_KEYS, verify)).toMatchObject({ status: 'invalid' })
    const { value } = signed.signature
    const flipped = `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`
    expect(checkReceipt({ ...signed, signature: { ...signed.signature, value: flipped } }, RECEIPT_KEYS, verify)).toMatchObject({ status: 'invalid' })
  })

  it('a receipt signed by an unpublished key, or not signed, is not vouched for', () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const other = signerFromEnv({ RECEIPT_SIGNING_KEY: `dev-2026:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}` })
    // Same kid, another key (PKCS#8 form accepted): the published key does not verify it.
    expect(checkReceipt(signReceipt(toReceipt(events[0]!, MANIFEST_2026_1), other), RECEIPT_KEYS, nodeEd25519Verify)).toMatchObject({ status: 'invalid' })
    expect(checkReceipt({ ...signed, signature: { ...signed.signature, kid: 'prod-9' } }, RECEIPT_KEYS, nodeEd25519Verify)).toEqual({ status: 'unknown-key', kid: 'prod-9' })
    const { signature: _s, ...unsigned } = signed
    expect(checkReceipt(unsigned, RECEIPT_KEYS, nodeEd25519Verify)).toEqual({ status: 'unsigned' })
    expect(checkReceipt('not a receipt', RECEIPT_KEYS, nodeEd25519Verify)).toEqual({ status: 'unsigned' })
  })

  it('a kept receipt differs from a ledger whose event was rewritten', () => {
    expect(receiptAgainstChain(signed, events)).toBe('matches')
    const rewritten = chain([{}, { target: { kind: 'scope', id: 'scope.userLocation' }, method: 'settings-toggle' }])
    expect(receiptAgainstChain(signed, rewritten)).toBe('differs')
    expect(receiptAgainstChain(signed, events.slice(0, 1))).toBe('differs')
  })

  it('without a usable key nothing is signed: CONSENT.SIGNING_KEY_MISSING', () => {
    for (const RECEIPT_SIGNING_KEY of [undefined, '', 'no-colon', 'k1:', `k1:${Buffer.alloc(31, 1).toString('base64')}`, `bad kid!:${Buffer.alloc(32, 1).toString('base64')}`]) {
      expect(codeOf(() => signerFromEnv({ RECEIPT_SIGNING_KEY }))).toBe('CONSENT.SIGNING_KEY_MISSING')
    }
    expect(signerFromEnv({ RECEIPT_SIGNING_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}` }).kid).toBe('k1')
  })
})
