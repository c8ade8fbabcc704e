import {
  AUDIT_PAGE_MAX,
  type AuditExportView,
  type AuditVerifyView,
  BULK_MAX,
  type BulkApproveView,
  LIST_LIMIT_DEFAULT,
  type ListRequestsView,
  OPEN_STATUSES,
  OPS_ACTIONS,
  REVEAL_ITEMS,
  type OpsRequest,
  type QueueRowView,
  type RequestDetailView,
  type ShowRequestView,
} from '../../../src/contracts/ops'
import { chineseWorkdayCalendar, shanghaiDate } from '../../../src/domain/calendar'
import { DomainError } from '../../../src/domain/common/errors'
import { ANONYMOUS, type AuditFields, type AuditHead, OK, UNKNOWN_ACTION, USER_CALLER, auditCsv, verifyAuditChain } from '../../../src/domain/ops/audit-log'
import { OPERATOR_NAME } from '../../../src/domain/ops/operators'
import { type OpsEvent, assertOpsMay, decodeCursor, encodeCursor, workingDaysLeft } from '../../../src/domain/ops/request-queue'
import { heldSummary } from '../../../src/domain/personal/held-data'
import type { HeldRequest } from '../../../src/domain/personal/held-data'
import { applyRequestEvent } from '../../../src/domain/requests/rights-request'
import { type OpsCall, opsFailure } from '../handler'
import { opsAudit } from '../repositories/ops-audit'
import { type OwnedRequest, rightsRequests } from '../repositories/rights-requests'
import { notifyCancellation } from './notify'
import { gatherHeld } from './held'

type Req<A extends OpsRequest['action']> = Extract<OpsRequest, { action: A }>

function row(r: HeldRequest, today: string): QueueRowView {
  return {
    requestId: r.id,
    type: r.type,
    status: r.status,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    workingDaysLeft: workingDaysLeft(chineseWorkdayCalendar(), today, r.dueAt),
    overdue: today > r.dueAt,
    ...(r.category ? { category: r.category } : {}),
  }
}

function detail(r: HeldRequest, today: string): RequestDetailView {
  return {
    ...row(r, today),
    updatedAt: r.updatedAt,
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.trigger ? { trigger: r.trigger } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    history: r.history,
  }
}

const todayOf = (now: Date) => shanghaiDate(now.toISOString())

/** The queue by due date (then id), masked: ids, type, status, dates and a correction's category only. */
export async function listRequests(request: Req<'listRequests'>, now: Date): Promise<ListRequestsView> {
  const limit = request.limit ?? LIST_LIMIT_DEFAULT
  const statuses = request.status === undefined ? OPEN_STATUSES : typeof request.status === 'string' ? [request.status] : request.status
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor)
  // One row more than the page tells whether another page follows.
  const found = await rightsRequests.queue({ statuses, ...(request.type ? { type: request.type } : {}), ...(after ? { after } : {}), limit: limit + 1 })
  const page = found.slice(0, limit)
  const today = todayOf(now)
  const last = page[page.length - 1]
  return { rows: page.map((r) => row(r, today)), ...(found.length > limit && last ? { nextCursor: encodeCursor({ dueAt: last.dueAt, id: last.id }) } : {}) }
}

async function find(requestId: string): Promise<OwnedRequest> {
  const found = await rightsRequests.byId(requestId)
  if (!found) throw new DomainError('COMMON.NOT_FOUND', `no request ${requestId}`)
  return found
}

/** The request with its history, and what is held about its user in categories and counts: never a value or the openid. */
export async function showRequest(request: Req<'showRequest'>, now: Date): Promise<ShowRequestView> {
  const { request: r, openid } = await find(request.requestId)
  const held = await gatherHeld(openid, { allEvents: false })
  return { request: detail(r, todayOf(now)), held: heldSummary(held) }
}

/**
 * Fires one ops event on a request that `found` read, compare-and-set: if the request changed since,
 * nothing is written and the caller gets `COMMON.CONFLICT`.
 */
async function fire(found: OwnedRequest, event: OpsEvent, now: Date, words: { reason?: string; outcome?: string }): Promise<HeldRequest> {
  assertOpsMay(found.request, event)
  const next = applyRequestEvent(found.request, event, { now, by: 'ops', ...words })
  if (!(await rightsRequests.advance(found.openid, found.request, next))) throw new DomainError('COMMON.CONFLICT', `request ${found.request.id} changed meanwhile; show it again`)
  return next
}

/** A cancellation's owner hears of ops' decision if they asked to; other request types have no message. */
async function tellOwner(found: OwnedRequest, decided: HeldRequest, now: Date): Promise<void> {
  if (found.request.type !== 'cancellation') return
  await notifyCancellation(found, decided.id, decided.status === 'rejected' ? { stage: 'rejected', reason: decided.reason ?? '' } : { stage: 'approved' }, now)
}

export async function approve(request: Req<'approve'>, now: Date): Promise<RequestDetailView> {
  const found = await find(request.requestId)
  const approved = await fire(found, 'accept', now, { reason: request.reason })
  await tellOwner(found, approved, now)
  return detail(approved, todayOf(now))
}

export async function complete(request: Req<'complete'>, now: Date): Promise<RequestDetailView> {
  return detail(await fire(await find(request.requestId), 'complete', now, { outcome: request.outcome }), todayOf(now))
}

export async function reject(request: Req<'reject'>, now: Date): Promise<RequestDetailView> {
  const found = await find(request.requestId)
  const rejected = await fire(found, 'reject', now, { reason: request.reason })
  await tellOwner(found, rejected, now)
  return detail(rejected, todayOf(now))
}

/**
 * `approve` for each id (repeats counted once), one after another; each succeeds or fails on its own,
 * so the reply (and the audit) say exactly which were approved, even if one fails inside.
 */
export async function bulkApprove(request: Req<'bulkApprove'>, now: Date): Promise<BulkApproveView> {
  const ids = [...new Set(request.requestIds)]
  const byId = new Map((await rightsRequests.byIds(ids)).map((o) => [o.request.id, o]))
  const out: BulkApproveView = { succeeded: [], failed: [] }
  // Each message is sent while the next decisions are made, not awaited one by one: 100 sends in a row would eat the timeout.
  const told: Array<Promise<void>> = []
  for (const requestId of ids) {
    const found = byId.get(requestId)
    try {
      if (!found) throw new DomainError('COMMON.NOT_FOUND', `no request ${requestId}`)
      told.push(tellOwner(found, await fire(found, 'accept', now, {}), now))
      out.succeeded.push(requestId)
    } catch (err) {
      out.failed.push({ requestId, code: opsFailure(err).code })
    }
  }
  await Promise.all(told)
  return out
}

/** A page of the audit log as RFC 4180 CSV. */
export async function exportAudit(request: Req<'exportAudit'>): Promise<AuditExportView> {
  const lastSeq = (await opsAudit.head())?.seq ?? 0
  const from = request.fromSeq ?? 1
  const to = Math.min(lastSeq, from + (request.limit ?? AUDIT_PAGE_MAX) - 1)
  const entries = from <= to ? await opsAudit.entries(from, to) : []
  return { csv: auditCsv(entries), count: entries.length, lastSeq, ...(to < lastSeq ? { nextFromSeq: to + 1 } : {}) }
}

/** Recomputes the whole chain against the head read first, 1,000 entries at a time. */
export async function verifyAudit(): Promise<AuditVerifyView> {
  const head = await opsAudit.head()
  if (!head) {
    // No head: the log must be empty too, or its head was deleted.
    const first = await opsAudit.entries(1, 1)
    return first.length === 0 ? { intact: true, count: 0 } : { intact: false, seq: 1, problem: 'head-mismatch' }
  }
  let from: AuditHead | undefined
  for (let start = 1; ; start += 1000) {
    const end = Math.min(head.seq, start + 999)
    const last = end === head.seq
    const result = verifyAuditChain(await opsAudit.entries(start, end), last ? head : undefined, from)
    if (!result.intact || last) return result
    from = result.head
  }
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/
const WORDS_MAX = 500

/**
 * What the audit keeps of a call. The event may be anything: only a known action, well-formed request
 * ids and, from an authenticated operator, their own words are kept; never the token, and nothing of
 * a mini-program user's event but its action and ids.
 */
export function describeCall(call: OpsCall): Omit<AuditFields, 'at'> {
  const e: Record<string, unknown> = call.event !== null && typeof call.event === 'object' && !Array.isArray(call.event) ? (call.event as Record<string, unknown>) : {}
  const action = typeof e.action === 'string' && (OPS_ACTIONS as readonly string[]).includes(e.action) ? e.action : UNKNOWN_ACTION
  const claimed = e.operator !== null && typeof e.operator === 'object' ? (e.operator as { name?: unknown }).name : undefined
  const operator = call.userCaller ? USER_CALLER : (call.operator ?? (typeof claimed === 'string' && OPERATOR_NAME.test(claimed) ? claimed : ANONYMOUS))
  // A published announcement is kept by its id, the one ops gave or the one the reply names.
  const published = call.reply.ok && action === 'publishAnnouncement' ? (call.reply.data as { announcementId?: unknown }).announcementId : undefined
  const named = [e.requestId, e.applicationId, e.announcementId, published, ...(Array.isArray(e.requestIds) ? e.requestIds.slice(0, BULK_MAX) : [])]
  const targets = [...new Set(named.filter((id): id is string => typeof id === 'string' && REQUEST_ID.test(id)))]
  const said = action === 'complete' ? e.outcome : e.reason
  const reason = call.operator !== undefined && typeof said === 'string' && said.trim() !== '' && said.length <= WORDS_MAX ? said.trim() : undefined
  // A reveal is kept with what it showed (the item, never the value), whether or not it succeeded.
  const item = action === 'revealCertification' && typeof e.item === 'string' && (REVEAL_ITEMS as readonly string[]).includes(e.item) ? e.item : undefined
  const failed = call.reply.ok && action === 'bulkApprove' ? (call.reply.data as BulkApproveView).failed : []
  return {
    operator,
    action,
    targets,
    ...(reason === undefined ? {} : { reason }),
    ...(item === undefined ? {} : { item }),
    outcome: call.reply.ok ? OK : call.reply.code,
    ...(failed.length > 0 ? { failed } : {}),
  }
}

/** The audit hook of the ops handler. */
export async function recordCall(call: OpsCall, clock: () => Date): Promise<void> {
  await opsAudit.append(describeCall(call), clock)
}
