import { shanghaiDate, type WorkdayCalendar, workingDaysBetween } from '../calendar/working-days'
import { DomainError } from '../common/errors'
import { applyRequestEvent, newRequest, type RightsRequest } from '../requests/rights-request'

/**
 * Account cancellation (注销, PIPL Art. 47, GB/T 35273 §8.5) on top of the shared rights-request
 * lifecycle: submitted → cooling-off (the user may undo) → awaiting-review (ops decides) →
 * processing (approved, then deleting) → completed with a deletion certificate, or rejected.
 * Pure: time, ids and the calendar come in.
 */

/** Default cooling-off: a week to change one's mind, the common practice of Chinese apps. */
export const DEFAULT_COOLING_OFF_DAYS = 7
export const MAX_COOLING_OFF_DAYS = 30
/** Ops are reminded this many working days before the due date, and again once it has passed. */
export const REMIND_WORKING_DAYS = 3

const DAY_MS = 24 * 60 * 60 * 1000

/** The cooling-off length from the function's environment (`CANCELLATION_COOLING_OFF_DAYS`), 0–30 days. */
export function coolingOffDays(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_COOLING_OFF_DAYS
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > MAX_COOLING_OFF_DAYS) throw new Error(`CANCELLATION_COOLING_OFF_DAYS must be an integer 0–${MAX_COOLING_OFF_DAYS}, got ${raw}`)
  return n
}

/** What a cancellation adds to the shared request row. */
export interface CancellationState {
  /** When the cooling-off ends (ISO); the scheduler moves the request on at or after it. */
  coolingOffEndsAt: string
  /** The user accepted a one-time subscribe message: they are told the outcome. */
  notify: boolean
  /**
   * Chosen at submission and shown from then on, so the user holds it before their account (and with
   * it this request's link to them) is gone; a certificate under it exists once the deletion completes.
   */
  certificateId: string
  /** The deletion's progress once it has begun: steps done, so a resumed run skips them. */
  deletion?: DeletionProgress
  /** Reminders already raised for ops (each once). */
  reminded?: { dueSoonAt?: string; overdueAt?: string }
}

export interface DeletionProgress {
  startedAt: string
  /** Steps finished, in `DELETION_STEPS` order. */
  done: DeletionStep[]
  /** The request's certificate id (see `CancellationState`). */
  certificateId: string
  /** SHA-256 of the inventory as it stood when deletion began. */
  inventoryHash: string
  /** Categories held at the start, with record counts. */
  categories: Array<{ category: string; count: number }>
  /** The user's files at the start (fileIDs), deleted by the `files` step. */
  fileIDs: string[]
  /** When the latest order was placed: the kept orders' retention counts from it. */
  lastOrderAt?: string
  /** What the steps remove or keep, planned from the inventory at the start. */
  tally: DeletionTally
}

/**
 * The order the scheduler works in. Files first (a row is the only way to find its file), then rows,
 * then what is kept (orders, request records: anonymised), then the salt (which anonymises the
 * consent chain), and the certificate last, so it describes what was actually done.
 */
export const DELETION_STEPS = ['files', 'rows', 'retained', 'salt', 'certificate'] as const
export type DeletionStep = (typeof DELETION_STEPS)[number]

export interface DeletionTally {
  /** Rows removed per collection. */
  rows: Record<string, number>
  /** Files removed per storage prefix. */
  files: Record<string, number>
  /** Rows kept, anonymised, per collection. */
  retained: Record<string, number>
}

/** The next step to run, or undefined when every step is done. */
export function nextStep(progress: DeletionProgress): DeletionStep | undefined {
  return DELETION_STEPS.find((s) => !progress.done.includes(s))
}

/**
 * `progress` with `step` done; a step already done changes nothing. Once the files are deleted their list
 * goes too: the paths name the user (`avatars/<openid>/…`) and the request record outlives the account.
 */
export function finishStep(progress: DeletionProgress, step: DeletionStep): DeletionProgress {
  if (progress.done.includes(step)) return progress
  return { ...progress, done: [...progress.done, step], ...(step === 'files' ? { fileIDs: [] } : {}) }
}

/**
 * A new cancellation, already in its cooling-off: due 15 working days after `now` (Shanghai date),
 * cooling-off ending `days` later.
 * @throws `CALENDAR.YEAR_NOT_COVERED` when the due date falls in a year the calendar does not know.
 */
export function newCancellation(input: { id: string; now: Date; calendar: WorkdayCalendar; coolingOffDays: number }): { request: RightsRequest; coolingOffEndsAt: string } {
  const submitted = newRequest({ id: input.id, type: 'cancellation', now: input.now, calendar: input.calendar })
  const request = applyRequestEvent(submitted, 'start-cooling-off', { now: input.now, by: 'system' })
  return { request, coolingOffEndsAt: new Date(input.now.getTime() + input.coolingOffDays * DAY_MS).toISOString() }
}

/** What the user sees: the request's status, with `processing` split into approved and deleting. */
export const CANCELLATION_STAGES = ['cooling-off', 'awaiting-review', 'approved', 'deleting', 'completed', 'rejected', 'withdrawn'] as const
export type CancellationStage = (typeof CANCELLATION_STAGES)[number]

export function stageOf(request: Pick<RightsRequest, 'status'>, state: Pick<CancellationState, 'deletion'>): CancellationStage {
  switch (request.status) {
    case 'submitted':
    case 'cooling-off':
      return 'cooling-off'
    case 'processing':
      return state.deletion ? 'deleting' : 'approved'
    default:
      return request.status
  }
}

/** Whether the cooling-off has run out at `now`. */
export function coolingOffOver(state: Pick<CancellationState, 'coolingOffEndsAt'>, now: Date): boolean {
  return Date.parse(state.coolingOffEndsAt) <= now.getTime()
}

/** The reminder due for an open request at `now`, if one has not been raised yet. */
export function reminderDue(request: Pick<RightsRequest, 'dueAt' | 'status'>, state: Pick<CancellationState, 'reminded'>, now: Date, calendar: WorkdayCalendar): 'due-soon' | 'overdue' | undefined {
  if (request.status === 'completed' || request.status === 'rejected' || request.status === 'withdrawn') return undefined
  const today = shanghaiDate(now.toISOString())
  const left = workingDaysBetween(calendar, today, request.dueAt)
  if (left < 0 || (left === 0 && today > request.dueAt)) return state.reminded?.overdueAt ? undefined : 'overdue'
  if (left <= REMIND_WORKING_DAYS) return state.reminded?.dueSoonAt ? undefined : 'due-soon'
  return undefined
}

/** The user may undo only during the cooling-off: once ops have it, it goes through review. */
export function requireUndoable(request: Pick<RightsRequest, 'status'>): void {
  if (request.status !== 'cooling-off' && request.status !== 'submitted') throw new DomainError('REQUEST.ILLEGAL_TRANSITION', 'the cooling-off period is over; the request can no longer be undone')
}

/** `iso` plus whole days, for retention end dates. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString()
}
