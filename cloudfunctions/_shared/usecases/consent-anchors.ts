import { RECEIPT_KEYS } from '../../../src/content/receipt-keys'
import { type AnchorCheck, buildAnchor, checkAnchor } from '../../../src/domain/consent/consent-anchor'
import { nodeEd25519Verify, signerFromEnv } from '../adapters/signing-key'
import { consentAnchors } from '../repositories/consent-anchors'

/**
 * Timer: anchors every chain head as it stands, once a day. Signs before claiming the day, so a missing
 * key (`CONSENT.SIGNING_KEY_MISSING`) leaves the day free for a run that has one.
 * @throws DomainError `COMMON.CONFLICT` when today's anchor exists: it is never replaced.
 */
export async function anchorHeads(now: Date): Promise<{ date: string; count: number; root: string; fileID: string }> {
  const signer = signerFromEnv()
  const anchor = buildAnchor(await consentAnchors.heads(), now, signer)
  const fileID = await consentAnchors.writeOnce(anchor.date, new TextEncoder().encode(JSON.stringify(anchor)), anchor.root, now)
  return { date: anchor.date, count: anchor.count, root: anchor.root, fileID }
}

/** `subject`'s chain (already verified link by link) against the latest anchor, checked with the published keys. */
export async function anchorCheckOf(subject: string, events: ReadonlyArray<{ seq: number; hash: string }>): Promise<AnchorCheck> {
  const latest = await consentAnchors.latest()
  return latest ? checkAnchor(latest.anchor, latest.date, subject, events, RECEIPT_KEYS, nodeEd25519Verify) : { status: 'none' }
}
