import { DomainError } from '../common/errors'
import { type Lang, type LocalizedText, localize } from '../policy/localized'
import type { LegalBasis, PrivacyManifest } from '../policy/manifest-schema'
import type { ConsentEvent, ConsentTarget, Decision } from './consent-event'
import { purposesForTarget } from './consent-targets'

/** ISO/IEC TS 27560 event states; `refused` records the user's no (after a grant it also ended that grant). */
export type ReceiptEventState = 'given' | 'withdrawn' | 'refused'
const EVENT_STATE: Record<Decision, ReceiptEventState> = { grant: 'given', withdraw: 'withdrawn', deny: 'refused' }
const NOTHING_KEPT: LocalizedText = { 'zh-CN': '不收集、不保存个人信息', en: 'No personal information is collected or kept' }

export interface ReceiptPurpose {
  purposeId: string
  purpose: string
  purposeCategory: string[]
  consentType: 'explicit'
  legalBasis: LegalBasis
  piiCategory: string[]
  /** Basic functions are the primary purpose of the service. */
  primaryPurpose: boolean
  /** How long the data is kept, i.e. when processing for this purpose ends. */
  termination: string
  thirdPartyDisclosure: boolean
  thirdPartyName?: string
}

export interface PiiController {
  piiController: string
  contact: string
  address: string
  email: string
  url: string
  onBehalf: boolean
}

/**
 * A consent receipt: the Kantara Consent Receipt v1.1 field set, with the ISO/IEC TS 27560 event and
 * processing fields the Kantara format lacks, and the chain proof that lets the user check it later.
 */
export interface ConsentReceipt {
  version: 'KI-CR-v1.1.0'
  jurisdiction: 'CN'
  /** Seconds since the epoch (Kantara v1.1). */
  consentTimestamp: number
  /** The same moment in ISO 8601 (27560 event time). */
  eventTime: string
  collectionMethod: string
  consentReceiptID: string
  language: Lang
  piiPrincipalId: string
  piiControllers: PiiController[]
  policyUrl: string
  policyVersion: string
  policyHash: string
  target: ConsentTarget
  services: Array<{ service: string; purposes: ReceiptPurpose[] }>
  sensitive: boolean
  spiCat: string[]
  eventType: 'explicit'
  eventState: ReceiptEventState
  storageLocation: string
  withdrawalMethod: string
  proof: { seq: number; prevHash: string; hash: string; algorithm: 'SHA-256'; canonicalization: 'RFC 8785' }
}

/**
 * The receipt for one ledger event, in the language the user saw. `manifest` must be the one
 * embedded in the policy version the event cites, so the purposes are those the user agreed to.
 * @throws DomainError `CONSENT.UNKNOWN_TARGET` if that manifest does not declare the target.
 */
export function toReceipt(event: ConsentEvent, manifest: PrivacyManifest): ConsentReceipt {
  const lang = event.language
  const purposes = purposesForTarget(manifest, event.target)
  if (event.target.kind !== 'policy' && purposes.length === 0) {
    throw new DomainError('CONSENT.UNKNOWN_TARGET', `policy ${event.policy.version} does not declare ${event.target.kind} ${event.target.id}`)
  }
  const categories = new Map(manifest.dataCategories.map((c) => [c.id, c]))
  const retention = new Map(manifest.retentionClasses.map((r) => [r.id, r]))
  const used = [...new Set(purposes.flatMap((p) => p.dataCategories))].flatMap((id) => categories.get(id) ?? [])
  const sensitive = used.filter((c) => c.sensitive)
  const sep = lang === 'en' ? '; ' : '；'
  const c = manifest.controller
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'CN',
    consentTimestamp: Math.floor(Date.parse(event.serverTime) / 1000),
    eventTime: event.serverTime,
    collectionMethod: `${event.method} @ ${event.page} (${event.client.platform} ${event.client.appVersion})`,
    consentReceiptID: event.eventId,
    language: lang,
    piiPrincipalId: event.subject,
    piiControllers: [{ piiController: localize(c.name, lang), contact: c.email, address: localize(c.address, lang), email: c.email, url: c.policyUrl, onBehalf: false }],
    policyUrl: `${c.policyUrl}/${event.policy.version}`,
    policyVersion: event.policy.version,
    policyHash: event.policy.hash,
    target: event.target,
    services: [
      {
        service: localize(c.appName, lang),
        purposes: purposes.map((p) => {
          const cats = p.dataCategories.flatMap((id) => categories.get(id) ?? [])
          const recipients = (p.recipients ?? []).map((r) => localize(r, lang))
          return {
            purposeId: p.id,
            purpose: localize(p.description, lang),
            purposeCategory: [localize(p.name, lang)],
            consentType: 'explicit' as const,
            legalBasis: p.legalBasis,
            piiCategory: cats.map((x) => localize(x.name, lang)),
            primaryPurpose: p.kind === 'basic',
            termination: cats.length ? [...new Set(cats.flatMap((x) => retention.get(x.retention) ?? []).map((r) => localize(r.period, lang)))].join(sep) : localize(NOTHING_KEPT, lang),
            thirdPartyDisclosure: recipients.length > 0,
            ...(recipients.length ? { thirdPartyName: recipients.join(sep) } : {}),
          }
        }),
      },
    ],
    sensitive: sensitive.length > 0,
    spiCat: sensitive.map((x) => localize(x.name, lang)),
    eventType: 'explicit',
    eventState: EVENT_STATE[event.decision],
    storageLocation: localize(manifest.storage.location, lang),
    withdrawalMethod: localize(manifest.withdrawalMethod, lang),
    proof: { seq: event.seq, prevHash: event.prevHash, hash: event.hash, algorithm: 'SHA-256', canonicalization: 'RFC 8785' },
  }
}
