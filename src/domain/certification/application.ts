import { DomainError } from '../common/errors'

/**
 * A store-certification application's lifecycle. Draft → submitted → under review → approved, or
 * rejected with a reason; a rejected application is corrected and submitted again; the merchant may
 * withdraw at any point, which deletes the data and leaves only this history. Pure: time comes in.
 */
export const CERT_STATUSES = ['draft', 'submitted', 'under-review', 'approved', 'rejected', 'withdrawn'] as const
export type CertStatus = (typeof CERT_STATUSES)[number]

export const CERT_EVENTS = [
  /** The merchant sends the complete form (first time, or corrected after a rejection). */
  'submit',
  /** An operator opens it for review. */
  'start-review',
  'approve',
  /** Needs a reason, shown to the merchant. */
  'reject',
  /** The merchant takes it back; the data is deleted. */
  'withdraw',
  /** Rejected and not resubmitted within the retention period: the data is deleted by the purge. */
  'expire',
  /** A withdrawn application is started again from an empty draft. */
  'restart',
] as const
export type CertEvent = (typeof CERT_EVENTS)[number]

export type CertActor = 'merchant' | 'ops' | 'system'

/**
 * The only source of truth: `CERT_TRANSITIONS[status][event]` is the next status; a missing event is
 * illegal in that status. Approval and rejection are allowed straight from `submitted` so an operator
 * who decides at once needs no separate "start review" step.
 */
export const CERT_TRANSITIONS: Readonly<Record<CertStatus, Readonly<Partial<Record<CertEvent, CertStatus>>>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { 'start-review': 'under-review', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  'under-review': { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { withdraw: 'withdrawn' },
  rejected: { submit: 'submitted', withdraw: 'withdrawn', expire: 'withdrawn' },
  withdrawn: { restart: 'draft' },
}

/** Who may fire which event; the table above says where, this says by whom. */
export const CERT_EVENT_ACTORS: Readonly<Record<CertEvent, CertActor>> = {
  submit: 'merchant',
  'start-review': 'ops',
  approve: 'ops',
  reject: 'ops',
  withdraw: 'merchant',
  expire: 'system',
  restart: 'merchant',
}

/** Statuses in which the merchant may change fields and photos. */
export const EDITABLE: readonly CertStatus[] = ['draft', 'rejected']
/** Statuses that hold personal data. */
export const HOLDS_DATA: readonly CertStatus[] = ['draft', 'submitted', 'under-review', 'approved', 'rejected']
/** Statuses waiting for ops. */
export const AWAITING_OPS: readonly CertStatus[] = ['submitted', 'under-review']

export interface CertHistoryEntry {
  at: string
  event: CertEvent
  from: CertStatus
  to: CertStatus
  by: CertActor
  /** A rejection's reason (never personal data of the applicant: ops are told so in the README). */
  reason?: string
}

export interface CertLifecycle {
  status: CertStatus
  history: CertHistoryEntry[]
}

/** The next lifecycle after `event`, history appended. @throws DomainError `CERT.ILLEGAL_TRANSITION` or `REQUEST.REASON_REQUIRED`. */
export function applyCertEvent<T extends CertLifecycle>(app: T, event: CertEvent, at: Date, reason?: string): T {
  const to = CERT_TRANSITIONS[app.status][event]
  if (!to) throw new DomainError('CERT.ILLEGAL_TRANSITION', `cannot ${event} an application that is ${app.status}`)
  const why = reason?.trim()
  if (event === 'reject' && !why) throw new DomainError('REQUEST.REASON_REQUIRED', 'a rejection needs a reason the merchant can act on')
  const entry: CertHistoryEntry = { at: at.toISOString(), event, from: app.status, to, by: CERT_EVENT_ACTORS[event], ...(why ? { reason: why } : {}) }
  return { ...app, status: to, history: [...app.history, entry] }
}
