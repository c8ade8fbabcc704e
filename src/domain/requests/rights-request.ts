import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { addWorkingDays, type WorkdayCalendar } from '../calendar/working-days'
import { DomainError } from '../common/errors'

/**
 * A data-subject rights request (PIPL Arts. 44–47): one model for viewing, correcting, copying and
 * deleting personal information and for cancelling the account. Wire values are append-only.
 */
export const REQUEST_TYPES = [
  /** See what we hold (查阅). */
  'access',
  /** Correct or complete it (更正、补充). */
  'correction',
  /** Receive a copy (复制 / 转移). */
  'export',
  /** Delete some of it while keeping the account (删除). */
  'deletion',
  /** Cancel the account (注销), with a cooling-off period the user can undo. */
  'cancellation',
  /** A question about how we handle personal information (咨询), sent from 隐私中心 → 联系我们; answered by ops. */
  'question',
  /** A complaint about how we handle personal information (投诉), sent from 联系我们; answered by ops. */
  'complaint',
] as const
export type RequestType = (typeof REQUEST_TYPES)[number]

export const REQUEST_STATUSES = [
  /** Received; nothing decided yet. Every request starts here. */
  'submitted',
  /** Waiting out a period in which the user may still undo (account cancellation). */
  'cooling-off',
  /** Needs an operator's decision: after cooling-off, or after processing failed. */
  'awaiting-review',
  /** Accepted and being carried out. */
  'processing',
  /** Terminal: carried out; `outcome` may summarise what was delivered. */
  'completed',
  /** Terminal: refused; `reason` says why (always present). */
  'rejected',
  /** Terminal: withdrawn by the user before anything was carried out. */
  'withdrawn',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** Every status still waiting for something (what the ops queue lists by default, and what blocks a second cancellation). */
export const OPEN_STATUSES = ['submitted', 'cooling-off', 'awaiting-review', 'processing'] as const satisfies readonly RequestStatus[]

export const REQUEST_EVENTS = [
  /** A cooling-off period begins (cancellation). */
  'start-cooling-off',
  /** The cooling-off period ran out without an undo. */
  'cooling-off-ended',
  /** The user takes the request back. */
  'undo',
  /** The request is valid and work begins (an operator, or the system for automatic types). */
  'accept',
  /** The request is refused; needs a reason. */
  'reject',
  /** The work is done. */
  'complete',
  /** The work could not be done; back to an operator, who may accept again or reject. */
  'fail',
] as const
export type RequestEvent = (typeof REQUEST_EVENTS)[number]

/** Who caused an event: the data subject, an operator, or a timer/automatic step. */
export const REQUEST_ACTORS = ['user', 'ops', 'system'] as const
export type RequestActor = (typeof REQUEST_ACTORS)[number]

/**
 * The only source of truth for the lifecycle: `TRANSITIONS[status][event]` is the next status; an
 * event missing for a status is illegal there. Terminal statuses have no events. The table does not
 * depend on the request type: which path a type takes (e.g. cooling-off only for cancellation) and
 * who may fire which event is the caller's policy.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, Readonly<Partial<Record<RequestEvent, RequestStatus>>>>> = {
  submitted: { 'start-cooling-off': 'cooling-off', accept: 'processing', reject: 'rejected', undo: 'withdrawn' },
  'cooling-off': { undo: 'withdrawn', 'cooling-off-ended': 'awaiting-review' },
  'awaiting-review': { accept: 'processing', reject: 'rejected' },
  processing: { complete: 'completed', fail: 'awaiting-review' },
  completed: {},
  rejected: {},
  withdrawn: {},
}

/**
 * Reply time: 15 working days from receipt, the limit Chinese regulators apply to handling rights
 * requests in apps and mini-programs (e.g. 《App违法违规收集使用个人信息行为认定方法》).
 */
export const RESPONSE_WORKING_DAYS = 15

/**
 * Why a user asks for deletion: the legal triggers of PIPL Art. 47 (GB/T 35273-2020 §8.3). Wire
 * values, append-only.
 */
export const DELETION_TRIGGERS = [
  /** The purpose is achieved, cannot be achieved, or the data is no longer needed for it. */
  'purpose-achieved',
  /** We stopped providing the product or service, or the retention period ended. */
  'service-stopped',
  /** The user withdrew consent. */
  'consent-withdrawn',
  /** Processing breaks a law, regulation or our agreement with the user. */
  'unlawful',
  /** Another reason the user explains in `detail`. */
  'other',
] as const
export type DeletionTrigger = (typeof DELETION_TRIGGERS)[number]

const isoInstant = lazySchema(() => z.iso.datetime())
const TEXT_MAX = 500
/** Manifest data-category ids are kebab-case words. */
const categoryId = lazySchema(() => z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)))
const reasonSchema = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(TEXT_MAX)))

export const requestHistoryEntrySchema = lazySchema(() => z.object({
  at: isoInstant,
  event: z.enum(REQUEST_EVENTS),
  from: z.enum(REQUEST_STATUSES),
  to: z.enum(REQUEST_STATUSES),
  by: z.enum(REQUEST_ACTORS),
  reason: z.optional(reasonSchema),
}))
export type RequestHistoryEntry = z.infer<typeof requestHistoryEntrySchema>

export const rightsRequestSchema = lazySchema(() => z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  /** When it was received (ISO, server clock); the deadline counts from its Shanghai date. */
  createdAt: isoInstant,
  /** Shanghai civil date (`YYYY-MM-DD`) by which it must be answered: 15 working days after receipt. */
  dueAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  updatedAt: isoInstant,
  /** What the user asked for, in their words (what to correct, a question or complaint, why to delete). */
  detail: z.optional(z.string().check(z.maxLength(2000))),
  /** A deletion's legal trigger (PIPL Art. 47); only on `deletion`. */
  trigger: z.optional(z.enum(DELETION_TRIGGERS)),
  /** The manifest data categories a deletion is about; absent: whatever may be deleted. Only on `deletion`. */
  categories: z.optional(z.array(categoryId).check(z.minLength(1), z.maxLength(64))),
  /** What was delivered, set by `complete` (a short summary or a reference, never the data itself). */
  outcome: z.optional(z.string().check(z.minLength(1), z.maxLength(TEXT_MAX))),
  /** Why the request is in its current status, from the event that put it there (required for `rejected`). */
  reason: z.optional(reasonSchema),
  /** Append-only: one entry per event, oldest first. */
  history: z.array(requestHistoryEntrySchema),
}))
export type RightsRequest = z.infer<typeof rightsRequestSchema>

function invalid(issues: readonly { path: PropertyKey[]; message: string }[]): DomainError {
  return new DomainError('COMMON.INVALID_INPUT', issues.map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`).join('; '))
}

function isoOf(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new DomainError('COMMON.INVALID_INPUT', 'now must be a valid Date')
  return now.toISOString()
}

/**
 * A new request in `submitted`, due 15 working days after `now`'s Shanghai date. History starts
 * empty: `createdAt` records the submission.
 * @throws DomainError `COMMON.INVALID_INPUT` for a bad id, type, time or detail;
 *   `CALENDAR.YEAR_NOT_COVERED` when the deadline falls in a year the calendar does not know.
 */
export function newRequest(input: {
  id: string
  type: RequestType
  now: Date
  calendar: WorkdayCalendar
  detail?: string
  trigger?: DeletionTrigger
  categories?: readonly string[]
}): RightsRequest {
  const at = isoOf(input.now)
  if ((input.trigger !== undefined || input.categories !== undefined) && input.type !== 'deletion') {
    throw new DomainError('COMMON.INVALID_INPUT', `only a deletion request has a trigger or categories, not ${String(input.type)}`)
  }
  const candidate = {
    id: input.id,
    type: input.type,
    status: 'submitted' as const,
    createdAt: at,
    dueAt: '0000-00-00',
    updatedAt: at,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
    ...(input.trigger === undefined ? {} : { trigger: input.trigger }),
    ...(input.categories === undefined ? {} : { categories: [...input.categories] }),
    history: [],
  }
  const parsed = rightsRequestSchema.safeParse(candidate)
  if (!parsed.success) throw invalid(parsed.error.issues)
  return { ...parsed.data, dueAt: addWorkingDays(input.calendar, at, RESPONSE_WORKING_DAYS) }
}

/** The events legal in a status, in `REQUEST_EVENTS` order. */
export function allowedEvents(status: RequestStatus): RequestEvent[] {
  return REQUEST_EVENTS.filter((e) => TRANSITIONS[status][e] !== undefined)
}

export function isTerminal(status: RequestStatus): boolean {
  return allowedEvents(status).length === 0
}

/**
 * The request after one event, as a new object (the input is never changed): status from
 * `TRANSITIONS`, `updatedAt = now`, one history entry appended. `reason` (trimmed; blank counts as
 * none) is stored on the entry and as the request's current `reason`; `outcome` is kept only on `complete`.
 * @throws DomainError `REQUEST.ILLEGAL_TRANSITION` when the event is not legal in the current status;
 *   `REQUEST.REASON_REQUIRED` for `reject` without a reason; `COMMON.INVALID_INPUT` for an unknown
 *   event or actor, a time before `updatedAt`, or an over-long reason or outcome.
 */
export function applyRequestEvent(
  request: RightsRequest,
  event: RequestEvent,
  opts: { now: Date; by: RequestActor; reason?: string; outcome?: string },
): RightsRequest {
  if (!(REQUEST_EVENTS as readonly string[]).includes(event)) throw new DomainError('COMMON.INVALID_INPUT', `unknown request event: ${String(event)}`)
  if (!(REQUEST_ACTORS as readonly string[]).includes(opts.by)) throw new DomainError('COMMON.INVALID_INPUT', `unknown actor: ${String(opts.by)}`)
  const from = request.status
  const to = TRANSITIONS[from][event]
  if (to === undefined) {
    throw new DomainError('REQUEST.ILLEGAL_TRANSITION', `request ${request.id}: '${event}' is not allowed in status '${from}'`)
  }
  const reason = opts.reason?.trim() || undefined
  if (event === 'reject' && reason === undefined) throw new DomainError('REQUEST.REASON_REQUIRED', `request ${request.id}: a rejection needs a reason`)
  const at = isoOf(opts.now)
  if (Date.parse(at) < Date.parse(request.updatedAt)) {
    throw new DomainError('COMMON.INVALID_INPUT', `request ${request.id}: event time ${at} is before the last update ${request.updatedAt}`)
  }
  const outcome = event === 'complete' ? opts.outcome?.trim() || undefined : request.outcome
  for (const [field, value] of [['reason', reason], ['outcome', outcome]] as const) {
    if (value !== undefined && value.length > TEXT_MAX) throw new DomainError('COMMON.INVALID_INPUT', `request ${request.id}: ${field} is longer than ${TEXT_MAX} characters`)
  }
  const entry: RequestHistoryEntry = { at, event, from, to, by: opts.by, ...(reason === undefined ? {} : { reason }) }
  const { reason: _previousReason, outcome: _previousOutcome, ...rest } = request
  return {
    ...rest,
    status: to,
    updatedAt: at,
    ...(outcome === undefined ? {} : { outcome }),
    ...(reason === undefined ? {} : { reason }),
    history: [...request.history, entry],
  }
}
