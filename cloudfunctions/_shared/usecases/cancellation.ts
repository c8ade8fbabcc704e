import { randomBytes } from 'node:crypto'
import type { AccountRequest, CancellationPreview, CancellationView } from '../../../src/contracts/account'
import { PRIVACY_MANIFEST } from '../../../src/content/privacy-manifest'
import { chineseWorkdayCalendar, shanghaiDate } from '../../../src/domain/calendar'
import { coolingOffDays, coolingOffOver, finishStep, newCancellation, nextStep, reminderDue, requireUndoable, stageOf } from '../../../src/domain/cancellation/cancellation'
import { workingDaysLeft } from '../../../src/domain/ops/request-queue'
import { type DeletionCertificate, deletionCertificate, deletionPlan } from '../../../src/domain/cancellation/certificate'
import { heldSummary } from '../../../src/domain/personal/held-data'
import type { UserActor } from '../../../src/domain/common/actor'
import { DomainError } from '../../../src/domain/common/errors'
import { canonicalJson, sha256Hex } from '../../../src/domain/common/hashing'
import { applyRequestEvent } from '../../../src/domain/requests/rights-request'
import { deleteFiles } from '../adapters/wx'
import { type Cancellation, cancellations } from '../repositories/cancellations'
import { anonymiseSubject } from './consent'
import { notifyCancellation } from './notify'
import { gatherHeld, idFor } from './held'

type Req<A extends AccountRequest['action']> = Extract<AccountRequest, { action: A }>

/** Kept past cancellation, with the manifest class that says for how long. */
const RETAINED = { 'order-records': 'transactions', 'rights-requests': 'rights-requests', 'consent-records': 'consent-records' } as const

const days = () => coolingOffDays(process.env.CANCELLATION_COOLING_OFF_DAYS)
/** 120 random bits: not guessable, so holding the id is what entitles one to read the certificate. */
const newCertificateId = () => randomBytes(15).toString('base64url')

function view(c: Cancellation, now: Date): CancellationView {
  // null when the due date lies in a year the calendar does not cover yet: the date is shown, the count is not.
  const left = workingDaysLeft(chineseWorkdayCalendar(), shanghaiDate(now.toISOString()), c.dueAt)
  return {
    requestId: c.id,
    stage: stageOf(c, c),
    createdAt: c.createdAt,
    dueAt: c.dueAt,
    ...(left === null ? {} : { workingDaysLeft: left }),
    coolingOffEndsAt: c.coolingOffEndsAt,
    ...(c.status === 'rejected' && c.reason ? { reason: c.reason } : {}),
    ...(c.status === 'withdrawn' || c.status === 'rejected' ? {} : { certificateId: c.certificateId }),
    notify: c.notify,
  }
}

/** What cancelling would delete and keep, from the same inventory the personal centre shows. Asks for nothing. */
export async function cancellationPreview(_request: Req<'cancellationPreview'>, actor: UserActor): Promise<CancellationPreview> {
  const held = await gatherHeld(actor.openid, { allEvents: false })
  const counts = heldSummary(held)
  const kept = (c: string): c is keyof typeof RETAINED => c in RETAINED
  return {
    deleted: counts.filter((c) => !kept(c.category)),
    retained: counts.flatMap((c) => (kept(c.category) ? [{ ...c, retention: RETAINED[c.category] }] : [])),
    coolingOffDays: days(),
  }
}

/**
 * Files the cancellation (PIPL Art. 47): no consent needed, no extra data asked for. The id comes from
 * the user and their count of cancellations, so a second tap, or a second phone, gets the same request.
 * @throws `CALENDAR.YEAR_NOT_COVERED` (nothing written) when the due date falls in a year the calendar lacks.
 */
export async function requestCancellation(request: Req<'requestCancellation'>, actor: UserActor, now: Date): Promise<CancellationView> {
  const open = await cancellations.open(actor.openid)
  if (open) return view(open, now)
  const id = idFor(actor.openid, `cancellation-${await cancellations.countFor(actor.openid)}`)
  const made = newCancellation({ id, now, calendar: chineseWorkdayCalendar(), coolingOffDays: days() })
  const outcome = await cancellations.insert(actor.openid, made.request, { coolingOffEndsAt: made.coolingOffEndsAt, notify: request.notify, certificateId: newCertificateId() })
  if (!('created' in outcome)) return view(outcome.existing, now)
  await notifyCancellation(outcome.created, id, { stage: 'cooling-off', coolingOffEndsAt: made.coolingOffEndsAt }, now)
  return view(outcome.created, now)
}

/** One tap takes it back during the cooling-off. */
export async function undoCancellation(request: Req<'undoCancellation'>, actor: UserActor, now: Date): Promise<CancellationView> {
  const found = await cancellations.byId(request.requestId)
  if (!found || found.openid !== actor.openid) throw new DomainError('COMMON.NOT_FOUND', 'no such request')
  requireUndoable(found)
  const next = applyRequestEvent(found, 'undo', { now, by: 'user' })
  if (!(await cancellations.advance(found, next))) throw new DomainError('COMMON.CONFLICT', 'the request changed meanwhile; look again')
  await notifyCancellation(found, found.id, { stage: 'withdrawn' }, now)
  return view({ ...found, ...next }, now)
}

/** Marks the caller's own open cancellation as one to be told about; the notice goes with the next change. */
export async function subscribeCancellation(request: Req<'subscribeCancellation'>, actor: UserActor, now: Date): Promise<CancellationView> {
  const found = await cancellations.byId(request.requestId)
  if (!found || found.openid !== actor.openid) throw new DomainError('COMMON.NOT_FOUND', 'no such request')
  if (found.status === 'completed' || found.status === 'rejected' || found.status === 'withdrawn') throw new DomainError('REQUEST.ILLEGAL_TRANSITION', 'the request is closed')
  if (!found.notify && !(await cancellations.note(found.id, found.updatedAt, { notify: true }))) throw new DomainError('COMMON.CONFLICT', 'the request changed meanwhile; look again')
  return view({ ...found, notify: true }, now)
}

export async function cancellationStatus(_request: Req<'cancellationStatus'>, actor: UserActor, now: Date): Promise<{ cancellation?: CancellationView }> {
  const latest = await cancellations.latest(actor.openid)
  return latest ? { cancellation: view(latest, now) } : {}
}

export async function certificate(request: Req<'certificate'>): Promise<DeletionCertificate> {
  const found = await cancellations.certificate(request.certificateId)
  if (!found) throw new DomainError('COMMON.NOT_FOUND', 'no such certificate')
  return found
}

/**
 * The WeChat account itself is gone (a `user_authorization_cancellation` push): there is no one to
 * cool off or to review for, so the user's cancellation (an open one, or a new one) is accepted at once
 * by the system and the scheduler's next run deletes. Answers the request's id.
 */
export async function cancelForGoneAccount(openid: string, now: Date): Promise<string> {
  const calendar = chineseWorkdayCalendar()
  let c = await cancellations.open(openid)
  if (!c) {
    const made = newCancellation({ id: idFor(openid, `cancellation-${await cancellations.countFor(openid)}`), now, calendar, coolingOffDays: 0 })
    const outcome = await cancellations.insert(openid, made.request, { coolingOffEndsAt: made.coolingOffEndsAt, notify: false, certificateId: newCertificateId() })
    c = 'created' in outcome ? outcome.created : outcome.existing
  }
  const by = { now, by: 'system' as const, reason: 'the WeChat account was cancelled' }
  if (c.status === 'cooling-off') {
    const next = applyRequestEvent(c, 'cooling-off-ended', by)
    if (!(await cancellations.advance(c, next, { coolingOffEndsAt: now.toISOString() }))) throw new DomainError('COMMON.CONFLICT', 'the request changed meanwhile; retry')
    c = { ...c, ...next }
  }
  if (c.status === 'awaiting-review') {
    const next = applyRequestEvent(c, 'accept', by)
    if (!(await cancellations.advance(c, next))) throw new DomainError('COMMON.CONFLICT', 'the request changed meanwhile; retry')
    // One message for where it ends up, not one per step taken in this call.
    await notifyCancellation(c, c.id, { stage: 'approved' }, now)
  }
  return c.id
}

// ── The scheduler (timer `runCancellations`)

/**
 * Carries out one approved cancellation, step by step, until done or `deadline`: each finished step is
 * noted on the request, so a run cut short (timeout, crash) resumes at the next one and repeats none
 * that finished. Answers whether the request completed.
 */
async function carryOut(c: Cancellation, now: Date, deadline: number): Promise<boolean> {
  let progress = c.deletion
  if (!progress) {
    const held = await gatherHeld(c.openid, { allEvents: false, everyArchive: true })
    progress = deletionPlan(held, { now, certificateId: c.certificateId, inventoryHash: sha256Hex(canonicalJson(held)) })
    if (!(await cancellations.note(c.id, c.updatedAt, { deletion: progress }))) return false
  }
  const retainedAs = `retained:${progress.certificateId}`
  for (let step = nextStep(progress); step && Date.now() < deadline; step = nextStep(progress)) {
    switch (step) {
      case 'files':
        await deleteFiles(progress.fileIDs)
        break
      case 'rows':
        await cancellations.removeRows(c.openid)
        break
      case 'retained':
        await cancellations.anonymiseRetained(c.openid, c.id, retainedAs)
        break
      case 'salt':
        // One ledger transaction: the chain records its anonymisation and the salt is destroyed.
        await anonymiseSubject(c.openid, now)
        break
      case 'certificate': {
        const completedAt = now.toISOString()
        await cancellations.putCertificate(
          deletionCertificate({ id: progress.certificateId, requestedAt: c.createdAt, startedAt: progress.startedAt, completedAt, inventoryHash: progress.inventoryHash, categories: progress.categories, tally: progress.tally, lastOrderAt: progress.lastOrderAt, manifest: PRIVACY_MANIFEST }),
        )
        const done = finishStep(progress, step)
        const completed = applyRequestEvent(c, 'complete', { now, by: 'system', outcome: progress.certificateId })
        // The request itself keeps no link to the user either: a returning user is a new one.
        if (!(await cancellations.advance(c, completed, { deletion: done, openid: retainedAs }))) return false
        // Told from memory: nothing stored links the openid to the request any more.
        await notifyCancellation(c, c.id, { stage: 'completed', certificateId: progress.certificateId }, now)
        return true
      }
    }
    progress = finishStep(progress, step)
    await cancellations.note(c.id, c.updatedAt, { deletion: progress })
  }
  return false
}

/**
 * Timer: moves cooling-off requests on when their period ends, raises reminders 3 working days before
 * the due date and when overdue (a log line for ops, no personal data), and carries out approved
 * deletions within `budgetMs` (kept below the function's timeout).
 */
export async function runCancellations(now: Date, budgetMs: number): Promise<{ coolingOffEnded: number; reminded: number; completed: number }> {
  const deadline = Date.now() + budgetMs
  const calendar = chineseWorkdayCalendar()
  const tally = { coolingOffEnded: 0, reminded: 0, completed: 0 }
  for (let c of await cancellations.pending(100)) {
    if (Date.now() >= deadline) break
    if (c.status === 'cooling-off' && coolingOffOver(c, now)) {
      const next = applyRequestEvent(c, 'cooling-off-ended', { now, by: 'system' })
      if (!(await cancellations.advance(c, next))) continue
      c = { ...c, ...next }
      tally.coolingOffEnded += 1
      await notifyCancellation(c, c.id, { stage: 'awaiting-review' }, now)
    }
    let reminder: ReturnType<typeof reminderDue>
    try {
      reminder = reminderDue(c, c, now, calendar)
    } catch {
      reminder = undefined
    }
    if (reminder) {
      const at = now.toISOString()
      const reminded = { ...c.reminded, ...(reminder === 'due-soon' ? { dueSoonAt: at } : { overdueAt: at }) }
      if (await cancellations.note(c.id, c.updatedAt, { reminded })) {
        console.warn(`[cancellations] request ${c.id} is ${reminder === 'due-soon' ? 'due within 3 working days' : 'overdue'} (due ${c.dueAt}, status ${c.status})`)
        tally.reminded += 1
      }
    }
    if (c.status === 'processing' && (await carryOut(c, now, deadline))) tally.completed += 1
  }
  return tally
}
