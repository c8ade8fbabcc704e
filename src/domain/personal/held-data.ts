import type { CertStatus } from '../certification/application'
import type { PhotoSlot } from '../certification/fields'
import type { SealedField, StoredPhoto } from '../certification/record'
import type { ConsentEvent } from '../consent/consent-event'
import type { Order } from '../orders/order'
import type { RightsRequest } from '../requests/rights-request'
import type { StoredContact } from './contact-book'

/**
 * Everything held about one user, as read from the sources of `inventory-sources.ts`, unmasked, times
 * as ISO strings. The personal centre's masked inventory and the export archive are both views of
 * it, so they cannot disagree about what is held.
 */
export interface HeldData {
  /** The account row (`profiles`): the openid WeChat vouches for. */
  profile?: {
    openid: string
    appid: string
    firstSeenAt: string
    /** What the user set in the personal centre (the manifest's `profile` category). */
    nickname?: { value: string; setAt: string }
    avatar?: HeldAvatar
  }
  /** Demo orders, newest first, each with the delivery details it was placed with. */
  orders: Order[]
  contacts: StoredContact[]
  /** The consent chain: its head always; every event only when asked for (the inventory needs the count). */
  consent?: { subject: string; seq: number; hash: string; updatedAt?: string; events?: ConsentEvent[] }
  /** The user's own corrections: which record and fields, never a value. */
  corrections: HeldCorrection[]
  requests: HeldRequest[]
  /** Export archives still in storage. */
  exports: HeldExport[]
  /** The store-certification application: masked values only (the sealed ones never leave the function). */
  certification?: HeldCertification
}

export interface HeldCertification {
  id: string
  status: CertStatus
  version: number
  createdAt: string
  updatedAt: string
  submittedAt?: string
  masked: Partial<Record<SealedField, string>>
  store: { storeName?: string; storeAddress?: string; storeId?: string }
  photos: Partial<Record<PhotoSlot, StoredPhoto>>
  /** Every file of the application, including ones a failed delete left behind: what a deletion removes. */
  fileIDs: string[]
}

export interface HeldAvatar {
  fileID: string
  sha256: string
  size: number
  updatedAt: string
}

export interface HeldCorrection {
  id: string
  category: string
  recordId: string
  action: string
  fields: string[]
  at: string
}

export type HeldRequest = RightsRequest & {
  /** Which category a correction is about. */
  category?: string
  /** When an export's archive was deleted at the end of its retention. */
  archiveExpiredAt?: string
}

export interface HeldExport {
  requestId: string
  fileID: string
  /** SHA-256 of the zip, lower-case hex. */
  sha256: string
  size: number
  createdAt: string
  expiresAt: string
}

/** Which certification values and photos each certification category of the manifest holds. */
export const CERTIFICATION_ITEMS = {
  'legal-person-name': { values: ['legalName'], photos: [] },
  'legal-person-mobile': { values: ['mobile'], photos: [] },
  'id-number': { values: ['idNumber'], photos: [] },
  'id-card-images': { values: [], photos: ['idFront', 'idBack'] },
  'business-licence': { values: ['uscc'], photos: ['licence'] },
} as const satisfies Record<string, { values: readonly SealedField[]; photos: readonly PhotoSlot[] }>
export type CertificationCategory = keyof typeof CERTIFICATION_ITEMS

/** Manifest categories in the order every view lists them. */
export const HELD_CATEGORIES = [
  'wechat-openid',
  'profile',
  'order-records',
  'delivery-contact',
  'legal-person-name',
  'legal-person-mobile',
  'id-number',
  'id-card-images',
  'business-licence',
  'consent-records',
  'rights-requests',
  'data-export',
] as const
export type HeldCategory = (typeof HELD_CATEGORIES)[number]

/** The categories `held` has at least one record in. */
export function heldCategories(held: HeldData): HeldCategory[] {
  const has: Record<HeldCategory, boolean> = {
    'wechat-openid': held.profile !== undefined,
    profile: held.profile?.nickname !== undefined || held.profile?.avatar !== undefined,
    'order-records': held.orders.length > 0,
    'delivery-contact': held.contacts.length > 0,
    'consent-records': held.consent !== undefined,
    'rights-requests': held.requests.length > 0 || held.corrections.length > 0,
    'data-export': held.exports.length > 0,
    'legal-person-name': heldCount(held, 'legal-person-name') > 0,
    'legal-person-mobile': heldCount(held, 'legal-person-mobile') > 0,
    'id-number': heldCount(held, 'id-number') > 0,
    'id-card-images': heldCount(held, 'id-card-images') > 0,
    'business-licence': heldCount(held, 'business-licence') > 0,
  }
  return HELD_CATEGORIES.filter((c) => has[c])
}

/**
 * How much is held in a category: records, except consent, counted in events. Never a value.
 * Exhaustive over the categories, so a new one must say how it is counted.
 */
function heldCount(held: HeldData, category: HeldCategory): number {
  switch (category) {
    case 'wechat-openid':
      return held.profile ? 1 : 0
    case 'profile':
      return (held.profile?.nickname ? 1 : 0) + (held.profile?.avatar ? 1 : 0)
    case 'order-records':
      return held.orders.length
    case 'delivery-contact':
      return held.contacts.length
    case 'consent-records':
      return held.consent?.seq ?? 0
    case 'rights-requests':
      return held.requests.length + held.corrections.length
    case 'data-export':
      return held.exports.length
    case 'legal-person-name':
    case 'legal-person-mobile':
    case 'id-number':
    case 'id-card-images':
    case 'business-licence': {
      const c = held.certification
      const { values, photos } = CERTIFICATION_ITEMS[category]
      return c ? values.filter((v) => c.masked[v]).length + photos.filter((p) => c.photos[p]).length : 0
    }
  }
}

/** The categories held about a user with a count each: what ops may know of someone's data, and what a deletion certificate lists. */
export function heldSummary(held: HeldData): Array<{ category: HeldCategory; count: number }> {
  return heldCategories(held).map((category) => ({ category, count: heldCount(held, category) }))
}
