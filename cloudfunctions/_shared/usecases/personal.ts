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
import { CERTIFICATION_ITEMS, type CertificationCategory, type HeldCategory, type HeldCertification, type HeldData, heldCategories } from '../../../src/domain/personal/held-data'
import type { PhotoSlot } from '../../../src/domain/certification/fields'
import type { SealedField } from '../../../src/domain/certification/record'
import { certificationPhotoUrls } from './certification-data'
import { maskAddress, maskId, maskMobile, maskName } from '../../../src/domain/personal/masking'
import { fieldErrorsToDomainError, validateContact, validateNickname } from '../../../src/domain/personal/personal-schemas'
import { decodeAvatar } from '../../../src/domain/personal/avatar'
import type { ProfileRow } from '../../../src/domain/account/profile'
import { findPolicy } from '../../../src/domain/policy/policy-version'
import { newRequest } from '../../../src/domain/requests/rights-request'
import { textError, validateDeletionDetail, validateMessage } from '../../../src/domain/requests/request-input'
import { contacts } from '../repositories/contacts'
import { profiles } from '../repositories/profiles'
import { policies } from '../repositories/policies'
import { rightsRequests } from '../repositories/rights-requests'
import { consentViewOf } from './consent'
import { AVATAR_URL_MAX_AGE_S, gatherHeld, idFor, isOwnAvatar, requestView, requireAgreement } from './held'

type Req<A extends PersonalRequest['action']> = Extract<PersonalRequest, { action: A }>

const iso = (d: Date | string) => new Date(d).toISOString()

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
function certificationRecords(c: HeldCertification, id: CertificationCategory, urls: ThumbnailUrls['photos']): RecordView[] {
  const one = (key: SealedField): RecordView[] => (c.masked[key] ? [{ id: key, collectedAt: c.updatedAt, revealable: false, fields: [{ key, value: c.masked[key]! }] }] : [])
  const photo = (slot: PhotoSlot): RecordView[] => {
    const p = c.photos[slot]
    const url = urls[slot]
    return p ? [{ id: slot, collectedAt: p.uploadedAt, revealable: false, fields: [{ key: slot, value: `${Math.ceil(p.bytes / 1024)} KB` }], ...(url ? { thumbnailUrl: url } : {}) }] : []
  }
  const { values, photos } = CERTIFICATION_ITEMS[id]
  return [...photos.flatMap(photo), ...values.flatMap(one)]
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

/**
 * "Delete my information" (PIPL Art. 47, GB/T 35273-2020 §8.3): a rights request for ops, due in 15
 * working days, with its legal trigger, an optional note and the categories named (deduplicated, in
 * manifest order). Ops approve, delete and `complete` it with what was deleted, or `reject` it with a
 * reason (e.g. a retention the law requires). A retry with the same client request id adds nothing.
 */
export async function requestDeletion(request: Req<'requestDeletion'>, actor: UserActor, now: Date): Promise<RequestView> {
  const note = validateDeletionDetail(request.detail)
  if (!note.ok) throw textError(note)
  await requireAgreement(actor.openid)
  const named = request.categories ? PRIVACY_MANIFEST.dataCategories.map((c) => c.id).filter((id) => request.categories!.includes(id)) : undefined
  const made = newRequest({
    id: idFor(actor.openid, request.clientRequestId),
    type: 'deletion',
    now,
    calendar: chineseWorkdayCalendar(),
    trigger: request.reason,
    ...(note.value ? { detail: note.value } : {}),
    ...(named ? { categories: named } : {}),
  })
  return requestView(await rightsRequests.add(actor.openid, made, undefined))
}

/**
 * 隐私中心 → 联系我们: a question or complaint becomes a rights request of that type, due 15 working
 * days from receipt (no identity check beyond WeChat's: the caller is the openid). Ops answer it with
 * `complete` (the answer is the outcome) or `reject` (with a reason); the user reads both with `requests`.
 */
export async function sendMessage(request: Req<'sendMessage'>, actor: UserActor, now: Date): Promise<RequestView> {
  const message = validateMessage(request.message)
  if (!message.ok) throw textError(message)
  await requireAgreement(actor.openid)
  const made = newRequest({ id: idFor(actor.openid, request.clientRequestId), type: request.kind, now, calendar: chineseWorkdayCalendar(), detail: message.value })
  return requestView(await rightsRequests.add(actor.openid, made, undefined))
}
