import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { nodeEd25519Verify } from '../cloudfunctions/_shared/adapters/signing-key'
import { ANCHOR_KIND, anchorPayload } from '../src/domain/consent/consent-anchor'
import { merkleRoot } from '../src/domain/consent/merkle'
import { checkReceipt, checkSignature, type PublicKeys } from '../src/domain/consent/receipt-signature'

/**
 * `npx tsx scripts/verify-receipt.ts <file.json>… [--keys <receipt-keys.json>]`: checks saved consent
 * receipts (the app's "copy the full receipt", or `receipts/*.json` of a data export) and ledger anchors
 * (`consent-anchors/YYYY-MM-DD.json`) offline, with Node's `crypto`, against published public keys
 * (default: src/content/receipt-keys.json). Exits 0 only when every file verifies.
 */
const ROOT = path.resolve(__dirname, '..')

export interface FileVerdict {
  file: string
  ok: boolean
  text: string
}

export function verifyFile(file: string, keys: PublicKeys): FileVerdict {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    return { file, ok: false, text: `not readable as JSON: ${(err as Error).message}` }
  }
  const d = doc as { kind?: unknown; leaves?: unknown; root?: unknown; signature?: unknown; proof?: { seq?: unknown; hash?: unknown }; consentReceiptID?: unknown }
  if (d && d.kind === ANCHOR_KIND) {
    const a = doc as Parameters<typeof anchorPayload>[0] & { leaves: Parameters<typeof merkleRoot>[0] }
    const sig = checkSignature(anchorPayload(a), d.signature, keys, nodeEd25519Verify)
    if (sig.status !== 'valid') return { file, ok: false, text: `anchor NOT verified: signature ${sig.status}` }
    if (!Array.isArray(a.leaves) || a.leaves.length !== a.count || merkleRoot(a.leaves) !== a.root) return { file, ok: false, text: 'anchor NOT verified: its leaves do not hash to its signed root' }
    return { file, ok: true, text: `anchor of ${a.date} verified: ${a.count} chain heads, root ${a.root}, signed by key ${sig.kid}` }
  }
  const check = checkReceipt(doc, keys, nodeEd25519Verify)
  if (check.status === 'valid') return { file, ok: true, text: `receipt ${String(d.consentReceiptID)} verified: signed by key ${check.kid}; record ${String(d.proof?.seq)}, chain hash ${String(d.proof?.hash)}` }
  const why = { invalid: 'its content or signature was changed after signing', 'unknown-key': `key ${'kid' in check ? check.kid : ''} is not in the public keys`, unsigned: 'it carries no signature' }[check.status]
  return { file, ok: false, text: `receipt NOT verified: ${why}` }
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { keys: { type: 'string' } } })
  if (positionals.length === 0) {
    console.error('usage: npx tsx scripts/verify-receipt.ts <receipt-or-anchor.json>… [--keys receipt-keys.json]')
    process.exit(2)
  }
  const keys = JSON.parse(readFileSync(values.keys ?? path.join(ROOT, 'src', 'content', 'receipt-keys.json'), 'utf8')) as PublicKeys
  const verdicts = positionals.map((f) => verifyFile(f, keys))
  for (const v of verdicts) console.log(`${v.ok ? '✔' : '✖'} ${v.file}: ${v.text}`)
  process.exit(verdicts.every((v) => v.ok) ? 0 : 1)
}

if (require.main === module) main()
