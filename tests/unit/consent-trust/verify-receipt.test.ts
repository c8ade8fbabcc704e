import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MANIFEST_2026_1 } from '../../../src/content'
import { RECEIPT_KEYS } from '../../../src/content/receipt-keys'
import { buildAnchor } from '../../../src/domain/consent/consent-anchor'
import { toReceipt } from '../../../src/domain/consent/consent-receipt'
import { signReceipt } from '../../../src/domain/consent/receipt-signature'
import { signerFromEnv } from '../../../cloudfunctions/_shared/adapters/signing-key'
import { verifyFile } from '../../../scripts/verify-receipt'
import { DEV_RECEIPT_ENV } from '../../support/receipt-keys'
import { chain } from '../consent/ledger-fixtures'

describe('scripts/verify-receipt.ts (offline)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-receipts-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const save = (name: string, doc: unknown) => {
    const file = path.join(dir, name)
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2))
    return file
  }
  const signer = signerFromEnv(DEV_RECEIPT_ENV)
  const events = chain([{}, {}])
  const receipt = signReceipt(toReceipt(events[0]!, MANIFEST_2026_1), signer)
  // 02:30 on 2 March in China, when the daily timer runs.
  const anchor = buildAnchor([events[1]!], new Date('2026-03-01T18:30:00Z'), signer)

  it('verifies a saved receipt and an anchor file against the public keys', () => {
    expect(verifyFile(save('r.json', receipt), RECEIPT_KEYS)).toMatchObject({ ok: true, text: expect.stringContaining(`signed by key ${signer.kid}`) })
    expect(verifyFile(save('a.json', anchor), RECEIPT_KEYS)).toMatchObject({ ok: true, text: expect.stringContaining('anchor of 2026-03-02 verified: 1 chain heads') })
  })

  it('says so when a file was changed, is signed by another key, or is no JSON', () => {
    expect(verifyFile(save('r2.json', { ...receipt, eventState: 'refused' }), RECEIPT_KEYS)).toMatchObject({ ok: false, text: expect.stringContaining('changed after signing') })
    expect(verifyFile(save('r3.json', receipt), { other: RECEIPT_KEYS[signer.kid]! })).toMatchObject({ ok: false, text: expect.stringContaining('not in the public keys') })
    expect(verifyFile(save('a2.json', { ...anchor, leaves: [{ ...anchor.leaves[0]!, seq: 1 }] }), RECEIPT_KEYS)).toMatchObject({ ok: false, text: expect.stringContaining('do not hash to its signed root') })
    expect(verifyFile(save('bad.json', '{'), RECEIPT_KEYS)).toMatchObject({ ok: false })
  })
})
