import { createHash } from 'node:crypto'
import type { CategoryView, ContactView, InventoryView, PersonalRequest, RecordView, RequestView } from '../../../src/contracts/personal'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import { chineseWorkdayCalendar } from '../../../src/domain/calendar'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { isGranted } from '../../../src/domain/consent/consent-state'
import { POLICY_TARGET_ID } from '../../../src/domain/consent/consent-targets'
import { applyContactChange, type ContactBook, type ContactChange, type StoredContact } from '../../../src/domain/personal/contact-book'
import { maskAddress, maskId, maskMobile, maskName } from '../../../src/domain/personal/masking'
import { fieldErrorsToDomainError, validateContact } from '../../../src/domain/personal/personal-schemas'
import { newRequest } from '../../../src/domain/requests/rights-request'
import { contacts } from '../repositories/contacts'
import { corrections } from '../repositories/corrections'
import { locations } from '../repositories/locations'
import { profiles } from '../repositories/profiles'
import { rightsRequests } from '../repositories/rights-requests'
import { consentLedger } from '../repositories/consent-ledger'
import { consentViewOf, subjectOf } from './consent'

type Req<A extends PersonalRequest['action']> = Extract<PersonalRequest, { action: A }>

/** Personal data is processed only while the user stands by the policy (PIPL Art. 13–14). */
async function requireAgreement(openid: string): Promise<void> {
  if (!isGranted(await consentViewOf(openid), { kind: 'policy', id: POLICY_TARGET_ID })) throw new DomainError('CONSENT.REQUIRED', 'agree to the privacy policy first')
}

/** A record id derived from the request, so a retried "add" lands on the same id. */
function idFor(openid: string, clientRequestId: string): string {
  return createHash('sha256').update(`${openid}\n${clientRequestId}`).digest('base64url').slice(0, 20)
}

function category(id: string, records: RecordView[], times: string[]): CategoryView {
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

/**
 * Everything held about the caller, read from exactly the sources in `inventory-sources.ts`, labelled
 * with the manifest's category, purposes and retention; values masked. Seven round trips: profile,
 * contacts, location, salt, chain head, corrections, requests (the salt and head give the chain's size
 * without reading every event).
 */
export async function inventory(_request: Req<'inventory'>, actor: UserActor, now: Date): Promise<InventoryView> {
  const { openid } = actor
  const [profile, book, position, subject, fixes, requests] = await Promise.all([
    profiles.find(openid),
    contacts.book(openid),
    locations.find(openid),
    subjectOf(openid),
    corrections.of(openid),
    rightsRequests.of(openid),
  ])
  const head = subject ? await consentLedger.head(subject) : undefined
  const categories: CategoryView[] = []
  if (profile) {
    categories.push(category('wechat-openid', [{ id: 'account', collectedAt: iso(profile.firstSeenAt), revealable: false, fields: [{ key: 'openid', value: maskId(profile._id) }] }], [iso(profile.firstSeenAt)]))
  }
  if (book.contacts.length) categories.push(category('delivery-contact', book.contacts.map(contactRecord), book.contacts.map((c) => c.updatedAt)))
  if (position) {
    const at = iso(position.createdAt)
    // About 10 km: enough to recognise the place, not to find the user.
    categories.push(category('precise-location', [{ id: 'last', collectedAt: at, revealable: false, fields: [{ key: 'position', value: `${position.latitude.toFixed(1)}, ${position.longitude.toFixed(1)}` }] }], [at]))
  }
  if (head) {
    const at = head.updatedAt ?? now.toISOString()
    categories.push(category('consent-records', [{ id: 'chain', collectedAt: at, revealable: false, fields: [{ key: 'events', value: String(head.seq) }] }], [at]))
  }
  const requestRecords: RecordView[] = requests.map((r) => ({
    id: r.id,
    collectedAt: r.createdAt,
    revealable: false,
    fields: [
      { key: 'requestType', value: r.type },
      { key: 'status', value: r.status },
      { key: 'dueAt', value: r.dueAt },
    ],
  }))
  const fixRecords: RecordView[] = fixes.map((f) => ({ id: f._id, collectedAt: iso(f.at), revealable: false, fields: [{ key: 'correction', value: `${f.category}:${f.action}` }, { key: 'fields', value: f.fields.join(',') }] }))
  if (requestRecords.length || fixRecords.length) {
    categories.push(category('rights-requests', [...requestRecords, ...fixRecords], [...requestRecords, ...fixRecords].map((r) => r.collectedAt)))
  }
  return { generatedAt: now.toISOString(), categories }
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

function requestView(r: { id: string; type: string; status: string; createdAt: string; dueAt: string; category?: string; outcome?: string; reason?: string }): RequestView {
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
