import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { type WorkdayCalendar, workingDaysBetween } from '../calendar/working-days'
import { DomainError } from '../common/errors'
import type { RequestType, RightsRequest } from '../requests/rights-request'

/**
 * What ops sees of the rights-request queue and may do to it, for every request type: the lifecycle
 * itself is `TRANSITIONS` in requests/rights-request.ts; this adds which of its events are ops' to fire.
 */

/** A place in the due-date order (due date, then id): the last row of a page. */
export interface QueuePosition {
  dueAt: string
  id: string
}

const positionSchema = lazySchema(() => z.tuple([z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))]))

/** An opaque cursor for the page after `p`; only `decodeCursor` reads it. */
export function encodeCursor(p: QueuePosition): string {
  return btoa(JSON.stringify([p.dueAt, p.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** @throws DomainError `COMMON.INVALID_INPUT` for a cursor `encodeCursor` did not make. */
export function decodeCursor(cursor: string): QueuePosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    parsed = undefined
  }
  const checked = positionSchema.safeParse(parsed)
  if (!checked.success) throw new DomainError('COMMON.INVALID_INPUT', 'cursor: not a cursor from listRequests')
  return { dueAt: checked.data[0], id: checked.data[1] }
}

/**
 * Working days from `today` to the due date (both Shanghai dates): 15 on the day a request is filed,
 * 0 on its due day, negative once it is overdue (see `workingDaysBetween`). `null` when the calendar
 * does not cover a year in between: the queue still lists the request, without a count to trust.
 */
export function workingDaysLeft(calendar: WorkdayCalendar, today: string, dueAt: string): number | null {
  try {
    return workingDaysBetween(calendar, today, dueAt)
  } catch (err) {
    if (err instanceof DomainError && err.code === 'CALENDAR.YEAR_NOT_COVERED') return null
    throw err
  }
}

/**
 * Types ops carries out by hand, and so closes: a correction, a deletion (`outcome` says what was
 * deleted), a question or complaint (`outcome` is the answer the user reads). An export is built and
 * closed by the system; a cancellation by the erasure job.
 */
export const COMPLETED_BY_OPS: readonly RequestType[] = ['correction', 'deletion', 'question', 'complaint']
/** Types with a cooling-off period the user may undo in: ops accepts them only once it has ended. */
export const COOLING_OFF_FIRST: readonly RequestType[] = ['cancellation']

/** The events of the lifecycle an operator fires. */
export type OpsEvent = 'accept' | 'reject' | 'complete'

/**
 * Refuses what the transition table would allow but is not ops' to do; whether the event is legal
 * in the request's status is left to `applyRequestEvent`.
 * @throws DomainError `OPS.NOT_ALLOWED`.
 */
export function assertOpsMay(request: Pick<RightsRequest, 'id' | 'type' | 'status'>, event: OpsEvent): void {
  if (event === 'complete' && !COMPLETED_BY_OPS.includes(request.type)) {
    throw new DomainError('OPS.NOT_ALLOWED', `request ${request.id}: ${request.type} requests are completed by the system, not by ops`)
  }
  if (event === 'accept' && request.status === 'submitted' && COOLING_OFF_FIRST.includes(request.type)) {
    throw new DomainError('OPS.NOT_ALLOWED', `request ${request.id}: a ${request.type} request is accepted only after its cooling-off period`)
  }
}

