import { createHash } from 'node:crypto'
import type { CategoryView, ContactView, InventoryView, PersonalRequest, ProfileView, RecordView, RequestView } from '../../../src/contracts/personal'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import { storeName } from '../../../src/content/stores'
import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { agreedPolicy, isGranted } from '../../../src/domain/consent/consent-state'
import { POLICY_TARGET_ID } from '../../../src/domain/consent/consent-targets'
import { formatFen, itemsSummary, type Order } from '../../../src/domain/orders/order'
import { applyContactChange, type ContactBook, type ContactChange, type StoredContact } from '../../../src/domain/personal/contact-book'
import { type HeldCategory, type HeldCertification, type HeldData, heldCategories } from '../../../src/domain/personal/held-data'
import type { PhotoSlot } from '../../../src/domain/certification/fields'
import { type CertificationRecord, filesOf, type SealedField } from '../../../src/domain/certification/record'
import { certifications } from '../repositories/certifications'
import { certificationPhotoUrls } from './certification-data'
import { maskAddress, maskId, maskMobile, maskName } from '../../../src/domain/personal/masking'
import { fieldErrorsToDomainError, validateContact, validateNickname } from '../../../src/domain/personal/personal-schemas'
import { decodeAvatar } from '../../../src/domain/personal/avatar'
import type { ProfileRow } from '../../../src/domain/account/profile'
import { findPolicy } from '../../../src/domain/policy/policy-version'
import { newRequest } from '../../../src/domain/requests/rights-request'
import { contacts } from '../repositories/contacts'
import { corrections } from '../repositories/corrections'
import { locations } from '../repositories/locations'
import { orders } from '../repositories/orders'
import { avatarPath, profiles } from '../repositories/profiles'
import { policies } from '../repositories/policies'
import { cloudPathOf } from '../adapters/wx'
import { rightsRequests } from '../repositories/rights-requests'
import { consentLedger } from '../repositories/consent-ledger'
import { exportArchives } from '../repositories/exports'
import { consentViewOf, subjectOf } from './consent'

type Req<A extends PersonalRequest['action']> = Extract<PersonalRequest, { action: A }>

/** Personal data is processed only while the user stands by the policy (PIPL Art. 13–14). */
export async function requireAgreement(openid: string): Promise<void> {
  if (!isGranted(await consentViewOf(openid), { kind: 'policy', id: POLICY_TARGET_ID })) throw new DomainError('CONSENT.REQUIRED', 'agree to the privacy policy first')
}

/**
 * Data added to the manifest after the policy the user agreed to is not collected until they agree to
 * a version that declares it (PIPL Art. 14: a new kind of data needs consent anew).
 */
async function requireDeclared(openid: string, category: string): Promise<void> {
  const [consents, published] = await Promise.all([consentViewOf(openid), policies.all()])
  const ref = agreedPolicy(consents)
  if (!ref || !isGranted(consents, { kind: 'policy', id: POLICY_TARGET_ID })) throw new DomainError('CONSENT.REQUIRED', 'agree to the privacy policy first')
  const agreed = findPolicy(published, ref)
  if (!agreed?.content.manifest.dataCategories.some((c) => c.id === category)) {
    throw new DomainError('CONSENT.NOT_DECLARED', `the policy version you agreed to does not cover ${category}; agree to the current version first`)
  }
}

/** A thumbnail link lives as long as an export link: long enough to show, short enough not to share. */
export const AVATAR_URL_MAX_AGE_S = 600

/** Only the caller's own fixed avatar path, whatever a row claims. */
export function isOwnAvatar(openid: string, fileID: string): boolean {
  return cloudPathOf(fileID) === avatarPath(openid)
}

/** A record id derived from the request, so a retried "add" lands on the same id. */
export function idFor(openid: string, clientRequestId: string): string {
  return createHash('sha256').update(`${openid}\n${clientRequestId}`).digest('base64url').slice(0, 20)
}

function category(id: HeldCategory, records: RecordView[], times: string[]): CategoryView {
  const c = PRIVACY_MANIFEST.dataCategories.find((x) => x.id === id)!
  const purposes = PRIVACY_MANIFEST.purposes.filter((p) => p.dataCategories.includes(id))
  const last = [...times].sort().at(-1)
  return {
    category: id,
    purposes: purposes.map((p) => p.id),
    retention: c.retention,
    sharedWith: purposes.reduce((n, p) => n + (p.recipients?.length ?? 0), 0),
    count: times.length,
    ...(last ? { lastCollectedAt: last } : {}),
    records,
  }
}

const iso = (d: Date | string) => new Date(d).toISOString()

/**
 * Everything held about the caller, from exactly the sources in `inventory-sources.ts`, unmasked.
 * Round trips: profile, orders, contacts, location, salt, corrections, requests, certification in parallel; then the chain
 * head (keyed by the pseudonym the salt gives) and, only when an export request may still have its
 * archive, the export metadata. `allEvents` also reads the whole consent chain (one round trip per
 * 1,000 events) for the export; the inventory needs only the head's count. `everyArchive` reads the
 * export metadata whatever the requests say: a deletion must find every file, not only the expected ones. Orders take one round
 * trip per 1,000, so both list every order.
 */
export async function gatherHeld(openid: string, opts: { allEvents: boolean; everyArchive?: boolean }): Promise<HeldData> {
  const [profile, placed, book, position, subject, fixes, requests, application] = await Promise.all([
    profiles.find(openid),
    orders.all(openid),
    contacts.book(openid),
    locations.find(openid),
    subjectOf(openid),
    corrections.of(openid),
    rightsRequests.of(openid),
    certifications.ofOpenid(openid),
  ])
  const mayHoldArchive = opts.everyArchive === true || requests.some((r) => r.type === 'export' && !r.archiveExpiredAt)
  const [head, events, archives] = await Promise.all([
    subject ? consentLedger.head(subject) : undefined,
    subject && opts.allEvents ? consentLedger.events(subject) : undefined,
    mayHoldArchive ? exportArchives.of(openid) : [],
  ])
  return {
    ...(profile ? { profile: heldProfile(profile) } : {}),
    orders: placed,
    contacts: book.contacts,
    ...(position ? { location: { latitude: position.latitude, longitude: position.longitude, collectedAt: iso(position.createdAt) } } : {}),
    ...(subject && head ? { consent: { subject, seq: head.seq, hash: head.hash, ...(head.updatedAt ? { updatedAt: head.updatedAt } : {}), ...(events ? { events } : {}) } } : {}),
    corrections: fixes.map((f) => ({ id: f._id, category: f.category, recordId: f.recordId, action: f.action, fields: f.fields, at: iso(f.at) })),
    requests,
    exports: archives,
    ...(application ? { certification: heldCertification(application) } : {}),
  }
}

/** The application as held: masked values, store, photos and every file; never the sealed values. */
function heldCertification(r: CertificationRecord): HeldCertification {
  return {
    id: r._id,
    status: r.status,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    masked: r.masked,
    store: r.store,
    photos: r.photos,
    fileIDs: filesOf(r),
  }
}

function heldProfile(p: ProfileRow): NonNullable<HeldData['profile']> {
  return {
    openid: p._id,
    appid: p.appid,
    visits: p.visits,
    firstSeenAt: iso(p.firstSeenAt),
    lastSeenAt: iso(p.lastSeenAt),
    ...(p.nickname !== undefined ? { nickname: { value: p.nickname, setAt: iso(p.nicknameSetAt ?? p.firstSeenAt) } } : {}),
    ...(p.avatar ? { avatar: { fileID: p.avatar.fileID, sha256: p.avatar.sha256, size: p.avatar.size, updatedAt: iso(p.avatar.updatedAt) } } : {}),
  }
}

function contactRecord(c: StoredContact): RecordView {
  return {
    id: c.id,
    collectedAt: c.createdAt,
    revealable: true,
    isDefault: c.isDefault,
    fields: [
      { key: 'name', value: maskName(c.name) },
      { key: 'mobile', value: maskMobile(c.mobile) },
      { key: 'address', value: maskAddress(c) },
    ],
  }
}

/** An order as a transaction record: what, where from, how much, and the delivery details it was placed with, masked. */
function orderRecord(o: Order): RecordView {
  return {
    id: o.id,
    collectedAt: o.placedAt,
    revealable: false,
    fields: [
      { key: 'store', value: storeName(o.storeId) },
      { key: 'items', value: itemsSummary(o.lines) },
      { key: 'total', value: formatFen(o.totalFen) },
      { key: 'name', value: maskName(o.deliverTo.name) },
      { key: 'mobile', value: maskMobile(o.deliverTo.mobile) },
      { key: 'address', value: maskAddress(o.deliverTo) },
    ],
  }
}

/** The masked view of one held category; the export archive shows the same records unmasked. */
function maskedCategory(held: HeldData, id: HeldCategory, now: Date, urls: ThumbnailUrls): CategoryView {
  const avatarUrl = urls.avatar
  switch (id) {
    case 'wechat-openid': {
      const p = held.profile!
      return category(id, [{ id: 'account', collectedAt: p.firstSeenAt, revealable: false, fields: [{ key: 'openid', value: maskId(p.openid) }] }], [p.firstSeenAt])
    }
    case 'profile': {
      const { nickname, avatar } = held.profile!
      const records: RecordView[] = [
        ...(nickname ? [{ id: 'nickname', collectedAt: nickname.setAt, revealable: true, fields: [{ key: 'nickname', value: maskName(nickname.value) }] }] : []),
        ...(avatar ? [{ id: 'avatar', collectedAt: avatar.updatedAt, revealable: false, fields: [{ key: 'avatar', value: `${Math.ceil(avatar.size / 1024)} KB` }], ...(avatarUrl ? { thumbnailUrl: avatarUrl } : {}) }] : []),
      ]
      return category(id, records, records.map((r) => r.collectedAt))
    }
    case 'order-records':
      return category(id, held.orders.map(orderRecord), held.orders.map((o) => o.placedAt))
    case 'delivery-contact':
      return category(id, held.contacts.map(contactRecord), held.contacts.map((c) => c.updatedAt))
    case 'precise-location': {
      const l = held.location!
      // About 10 km: enough to recognise the place, not to find the user.
      return category(id, [{ id: 'last', collectedAt: l.collectedAt, revealable: false, fields: [{ key: 'position', value: `${l.latitude.toFixed(1)}, ${l.longitude.toFixed(1)}` }] }], [l.collectedAt])
    }
    case 'consent-records': {
      const at = held.consent!.updatedAt ?? now.toISOString()
      return category(id, [{ id: 'chain', collectedAt: at, revealable: false, fields: [{ key: 'events', value: String(held.consent!.seq) }] }], [at])
    }
    case 'rights-requests': {
      const records: RecordView[] = [
        ...held.requests.map((r) => ({
          id: r.id,
          collectedAt: r.createdAt,
          revealable: false,
          fields: [
            { key: 'requestType', value: r.type },
            { key: 'status', value: r.status },
            { key: 'dueAt', value: r.dueAt },
          ],
        })),
        ...held.corrections.map((f) => ({ id: f.id, collectedAt: f.at, revealable: false, fields: [{ key: 'correction', value: `${f.category}:${f.action}` }, { key: 'fields', value: f.fields.join(',') }] })),
      ]
      return category(id, records, records.map((r) => r.collectedAt))
    }
    case 'data-export':
      return category(
        id,
        held.exports.map((e) => ({ id: e.requestId, collectedAt: e.createdAt, revealable: false, fields: [{ key: 'sha256', value: e.sha256 }, { key: 'size', value: String(e.size) }, { key: 'expiresAt', value: e.expiresAt }] })),
        held.exports.map((e) => e.createdAt),
      )
    case 'legal-person-name':
    case 'legal-person-mobile':
    case 'id-number':
    case 'id-card-images':
    case 'business-licence': {
      const records = certificationRecords(held.certification!, id, urls.photos)
      return category(id, records, records.map((r) => r.collectedAt))
    }
  }
}

/** Links for the thumbnails the inventory shows: the avatar and the certification photos, each only for the caller's own files. */
interface ThumbnailUrls {
  avatar?: string
  photos: Partial<Record<PhotoSlot, string>>
}

/** What a certification category holds, masked as everywhere else; photos as 5-minute thumbnails. */
function certificationRecords(c: HeldCertification, id: HeldCategory, urls: ThumbnailUrls['photos']): RecordView[] {
  const one = (key: SealedField): RecordView[] => (c.masked[key] ? [{ id: key, collectedAt: c.updatedAt, revealable: false, fields: [{ key, value: c.masked[key]! }] }] : [])
  const photo = (slot: PhotoSlot): RecordView[] => {
    const p = c.photos[slot]
    const url = urls[slot]
    return p ? [{ id: slot, collectedAt: p.uploadedAt, revealable: false, fields: [{ key: slot, value: `${Math.ceil(p.bytes / 1024)} KB` }], ...(url ? { thumbnailUrl: url } : {}) }] : []
  }
  switch (id) {
    case 'legal-person-name':
      return one('legalName')
    case 'legal-person-mobile':
      return one('mobile')
    case 'id-number':
      return one('idNumber')
    case 'id-card-images':
      return [...photo('idFront'), ...photo('idBack')]
    default:
      return [...photo('licence'), ...one('uscc')]
  }
}

/** Everything held about the caller, by manifest category, with the manifest's purposes and retention; values masked. */
export async function inventory(_request: Req<'inventory'>, actor: UserActor, now: Date): Promise<InventoryView> {
  const held = await gatherHeld(actor.openid, { allEvents: false })
  const avatar = held.profile?.avatar
  const [avatarUrl, photos] = await Promise.all([
    avatar && isOwnAvatar(actor.openid, avatar.fileID) ? profiles.avatarUrl(avatar.fileID, AVATAR_URL_MAX_AGE_S) : undefined,
    held.certification ? certificationPhotoUrls(held.certification.id, held.certification.photos) : {},
  ])
  return { generatedAt: now.toISOString(), categories: heldCategories(held).map((id) => maskedCategory(held, id, now, { ...(avatarUrl ? { avatar: avatarUrl } : {}), photos })) }
}

function contactView(c: StoredContact): ContactView {
  return { id: c.id, name: c.name, mobile: c.mobile, regionId: c.regionId, addressLine: c.addressLine, isDefault: c.isDefault }
}

/** The owner's own contact, unmasked; another user's id is simply not in the caller's book. */
export async function reveal(request: Req<'reveal'>, actor: UserActor): Promise<ContactView> {
  await requireAgreement(actor.openid)
  const found = (await contacts.book(actor.openid)).contacts.find((c) => c.id === request.recordId)
  if (!found) throw new DomainError('COMMON.NOT_FOUND', 'no such record')
  return contactView(found)
}

function contactInput(raw: unknown) {
  const checked = validateContact(raw)
  if (!checked.ok) throw fieldErrorsToDomainError(checked.fieldErrors)
  return checked.value
}

async function changeContacts(actor: UserActor, clientRequestId: string, now: Date, change: ContactChange): Promise<{ contacts: ContactView[] }> {
  await requireAgreement(actor.openid)
  const book: ContactBook = await contacts.change(actor.openid, clientRequestId, now, (current) =>
    applyContactChange(current, change, { now: now.toISOString(), newId: idFor(actor.openid, clientRequestId) }),
  )
  return { contacts: book.contacts.map(contactView) }
}

export const addContact = (r: Req<'addContact'>, a: UserActor, now: Date) => changeContacts(a, r.clientRequestId, now, { kind: 'add', contact: contactInput(r.contact) })
export const updateContact = (r: Req<'updateContact'>, a: UserActor, now: Date) => changeContacts(a, r.clientRequestId, now, { kind: 'update', id: r.recordId, contact: contactInput(r.contact) })
export const deleteContact = (r: Req<'deleteContact'>, a: UserActor, now: Date) => changeContacts(a, r.clientRequestId, now, { kind: 'delete', id: r.recordId })
export const setDefaultContact = (r: Req<'setDefaultContact'>, a: UserActor, now: Date) => changeContacts(a, r.clientRequestId, now, { kind: 'set-default', id: r.recordId })

export function requestView(r: { id: string; type: string; status: string; createdAt: string; dueAt: string; category?: string; outcome?: string; reason?: string }): RequestView {
  return { id: r.id, type: r.type, status: r.status, createdAt: r.createdAt, dueAt: r.dueAt, ...(r.category ? { category: r.category } : {}), ...(r.outcome ? { outcome: r.outcome } : {}), ...(r.reason ? { reason: r.reason } : {}) }
}

/**
 * What the user cannot change alone (orders, the account id, consent records) goes to ops as a
 * correction request, due in 15 working days. Fails with `CALENDAR.YEAR_NOT_COVERED` (and writes
 * nothing) when the deadline falls in a year the operator has not added to the calendar.
 */
export async function requestCorrection(request: Req<'requestCorrection'>, actor: UserActor, now: Date): Promise<RequestView> {
  await requireAgreement(actor.openid)
  const made = newRequest({ id: idFor(actor.openid, request.clientRequestId), type: 'correction', now, calendar: chineseWorkdayCalendar(), detail: request.reason })
  return requestView({ ...(await rightsRequests.add(actor.openid, made, request.category)), category: request.category })
}

export async function requests(_request: Req<'requests'>, actor: UserActor): Promise<{ requests: RequestView[] }> {
  return { requests: (await rightsRequests.of(actor.openid)).map(requestView) }
}

async function profileView(openid: string, row: ProfileRow | undefined): Promise<ProfileView> {
  const avatar = row?.avatar
  const url = avatar && isOwnAvatar(openid, avatar.fileID) ? await profiles.avatarUrl(avatar.fileID, AVATAR_URL_MAX_AGE_S) : undefined
  return {
    ...(row?.nickname !== undefined ? { nickname: row.nickname } : {}),
    ...(avatar && url ? { avatar: { url, maxAge: AVATAR_URL_MAX_AGE_S, sha256: avatar.sha256, size: avatar.size, updatedAt: iso(avatar.updatedAt) } } : {}),
  }
}

/** The caller's own nickname and avatar, unmasked: the profile is only ever read under the caller's openid. */
export async function profile(_request: Req<'profile'>, actor: UserActor): Promise<ProfileView> {
  await requireAgreement(actor.openid)
  return profileView(actor.openid, await profiles.find(actor.openid))
}

export async function setNickname(request: Req<'setNickname'>, actor: UserActor, now: Date): Promise<ProfileView> {
  const checked = validateNickname(request.nickname)
  if (!checked.ok) throw fieldErrorsToDomainError(checked.fieldErrors)
  await requireDeclared(actor.openid, 'profile')
  return profileView(actor.openid, await profiles.change(actor.openid, actor.appid ?? '', request.clientRequestId, now, { nickname: checked.value }))
}

/**
 * Stores the JPEG at the caller's one avatar path, overwriting (so deleting) the previous picture, then
 * points the profile at it. A retry uploads the same bytes to the same path: nothing is left behind.
 */
export async function setAvatar(request: Req<'setAvatar'>, actor: UserActor, now: Date): Promise<ProfileView> {
  const jpeg = decodeAvatar(request.image)
  await requireDeclared(actor.openid, 'profile')
  const fileID = await profiles.uploadAvatar(actor.openid, jpeg)
  const sha256 = createHash('sha256').update(jpeg).digest('hex')
  const row = await profiles.change(actor.openid, actor.appid ?? '', request.clientRequestId, now, { avatar: { fileID, sha256, size: jpeg.length, updatedAt: now } })
  return profileView(actor.openid, row)
}

/** Removes the avatar: the reference first, then the file, so the profile never points at a missing picture. */
export async function removeAvatar(request: Req<'removeAvatar'>, actor: UserActor, now: Date): Promise<ProfileView> {
  await requireAgreement(actor.openid)
  const before = await profiles.find(actor.openid)
  const row = await profiles.change(actor.openid, actor.appid ?? '', request.clientRequestId, now, { avatar: null })
  if (before?.avatar && isOwnAvatar(actor.openid, before.avatar.fileID)) await profiles.deleteAvatarFiles([before.avatar.fileID])
  return profileView(actor.openid, row)
}
