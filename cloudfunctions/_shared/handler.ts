import { z } from 'zod/mini'
import { lazySchema } from '../../src/domain/common/lazy-schema'
import { type Actor, isUser, type UserActor } from '../../src/domain/common/actor'
import { DomainError, type Failure, type Reply } from '../../src/domain/common/errors'
import { isMainlandRegion } from '../../src/domain/common/region'
import { authenticateOperator, parseOperatorTable } from '../../src/domain/ops/operators'
import { isClientSource } from '../../src/domain/push/authorization-change'
import type { ActionOf, ReplySchemas } from '../../src/contracts/replies'
import { currentActor, currentRegion } from './adapters/wx'

/**
 * One use case per action; each receives only its own request variant and who is calling, and
 * answers what its reply schema describes (functions without reply schemas answer anything).
 */
export type Routes<Req extends { action: string }, Who, R extends ReplySchemas<Req> = ReplySchemas<Req>> = {
  [A in ActionOf<Req>]: (request: Extract<Req, { action: A }>, actor: Who) => Promise<z.infer<R[A]>>
}

/** The event a timer trigger delivers (its name is the one in the function's config.json). */
const timerEvent = lazySchema(() => z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string() }))
export type TimerEvent = z.infer<typeof timerEvent>

/**
 * What a handler serves, read off its own spec: the fuzz and authorization suites list every action
 * from it (tests/support/callables.ts), so a new route, timer or push joins them by construction.
 */
export interface HandlerManifest {
  audience: 'user' | 'ops' | 'push'
  /** The route names (each request's `action`); none for a push handler, which has one entry point. */
  actions: readonly string[]
  /** Timer trigger names. */
  timers: readonly string[]
  /** The request any caller may send (`HandlerSpec.open`), if the handler has one. */
  open?: z.ZodMiniType<unknown>
  /** The request (or push) schema, so a test can tell a well-formed payload from a malformed one. */
  request: z.ZodMiniType<unknown>
}

export type Handler = ((event: unknown) => Promise<Reply<unknown>>) & { manifest: HandlerManifest }

const INTERNAL: Failure = { ok: false, code: 'COMMON.INTERNAL', message: 'internal error, please retry' }

function invalidInput(issues: readonly { path: PropertyKey[]; message: string }[]): DomainError {
  return new DomainError('COMMON.INVALID_INPUT', issues.map((i) => `${i.path.map(String).join('.') || '(event)'}: ${i.message}`).join('; '))
}

function regionGuard(): void {
  // Rule 10: data stays in mainland China; refuse before touching any data.
  if (!isMainlandRegion(currentRegion())) throw new DomainError('COMMON.REGION_NOT_ALLOWED', 'this function only runs in a mainland-China region')
}

export interface HandlerSpec<Req extends { action: string }, Who extends Actor, R extends ReplySchemas<Req>, O extends z.ZodMiniType> {
  request: z.ZodMiniType<Req>
  /** Each action's reply schema (the contract's table, which the app checks replies with too). */
  replies: R
  routes: Routes<Req, Who, R>
  /** Who may call: `user` (a mini-program openid, the default). Ops staff have their own handler, `defineOpsHandler`. */
  audience?: 'user'
  /**
   * Timer triggers by name. Used only when the platform says the call is a timer (SOURCE
   * `wx_trigger`, no openid): a caller cannot claim that, since SOURCE comes from getWXContext().
   */
  timers?: Record<string, (event: TimerEvent) => Promise<unknown>>
  /**
   * An event any caller may send, an openid or not (after the region guard): only for reads of no
   * personal data, such as the announcements every user sees before agreeing.
   */
  open?: OpenRoute<O>
}

interface OpenRoute<Reply extends z.ZodMiniType> {
  request: z.ZodMiniType<unknown>
  reply: Reply
  run: () => Promise<z.infer<Reply>>
}

/** A result that does not match its reply schema: a bug of the function, never sent to the caller. */
class ReplySchemaMismatch extends Error {
  override name = 'ReplySchemaMismatch'
}

/** The result if its schema admits it, unchanged (a schema never rewrites a reply: a signed receipt must arrive as signed). */
function checked(schema: z.ZodMiniType, data: unknown): unknown {
  if (!schema.safeParse(data).success) throw new ReplySchemaMismatch()
  return data
}

/**
 * The whole life of an invocation, so each function's index.ts stays a one-liner:
 * refuse non-mainland regions → identity from getWXContext() (a timer goes to its timer route; everyone
 * else needs an openid) → validate the event → route → check the result against the action's reply
 * schema → map DomainError codes to `{ ok: false, code, message }`; anything else (a result that fails
 * its schema too) is logged without PII and answers `COMMON.INTERNAL`.
 */
export function defineHandler<Req extends { action: string }, R extends ReplySchemas<Req>, O extends z.ZodMiniType = z.ZodMiniType>(spec: HandlerSpec<Req, UserActor, R, O>): Handler {
  const manifest: HandlerManifest = { audience: 'user', actions: Object.keys(spec.routes), timers: Object.keys(spec.timers ?? {}), ...(spec.open ? { open: spec.open.request } : {}), request: spec.request }
  return Object.assign(async function main(event: unknown): Promise<Reply<unknown>> {
    let actor: Actor = {}
    try {
      regionGuard()
      if (spec.open?.request.safeParse(event).success) return { ok: true, data: checked(spec.open.reply, await spec.open.run()) }
      actor = currentActor()
      if (spec.timers && actor.source === 'wx_trigger' && !isUser(actor)) {
        const timer = timerEvent.safeParse(event)
        const run = timer.success && Object.prototype.hasOwnProperty.call(spec.timers, timer.data.TriggerName) ? spec.timers[timer.data.TriggerName] : undefined
        if (!timer.success || !run) throw new DomainError('COMMON.INVALID_INPUT', 'not a timer trigger of this function')
        return { ok: true, data: await run(timer.data) }
      }
      if (!isUser(actor)) throw new DomainError('COMMON.UNAUTHENTICATED', 'a mini-program user is required')
      const parsed = spec.request.safeParse(event)
      if (!parsed.success) throw invalidInput(parsed.error.issues)
      const request = parsed.data
      // The schema admits only actions that have a route (Routes is exhaustive over the union).
      const action = request.action as ActionOf<Req>
      const route = (spec.routes as unknown as Record<string, (r: Req, a: UserActor) => Promise<unknown>>)[action]
      return { ok: true, data: checked(spec.replies[action], await route(request, actor as UserActor)) }
    } catch (err) {
      // Internal failures (database, bugs) never leak details or another user's data to the caller, nor
      // to the log: a database error may quote the values it was writing (an ID number, a mobile).
      return quietFailure(err, '[handler]')
    }
  }, { manifest })
}

/** An ops staff member, authenticated by name and token (src/domain/ops/operators.ts). */
export interface OperatorActor {
  name: string
}

/** One call of an ops function as its audit log records it. */
export interface OpsCall {
  /** The event as it arrived: anything at all, and it holds the claimed token, which must never be stored. */
  event: unknown
  /** A mini-program user called (and was refused); who they are is not passed on. */
  userCaller: boolean
  /** The operator, when name and token checked out. */
  operator?: string
  reply: Reply<unknown>
}

export interface OpsHandlerSpec<Req extends { action: string }> {
  /** The event without its `operator` (and without `userInfo`, which the platform may add). */
  request: z.ZodMiniType<Req>
  routes: Routes<Req, OperatorActor>
  /** The function's `OPS_OPERATORS` (name → token hash), read on every call. */
  operators: () => string | undefined
  /** Appends one call to the audit log; runs for every call that passed the region guard. */
  audit: (call: OpsCall) => Promise<void>
}

/**
 * The ops audience: staff at the CloudBase console, where getWXContext() has no OPENID. Region guard →
 * refuse any mini-program user (`OPS.FORBIDDEN`, whatever token they send) → check the event's
 * `operator` name and token against `OPS_OPERATORS` (`OPS.UNAUTHENTICATED`) → validate → route →
 * audit the call with its outcome, refused and malformed calls included. A call whose audit entry
 * cannot be written answers `COMMON.INTERNAL`, so no call looks done without its record (an action
 * that ran stays done; showing the request again tells).
 */
export function defineOpsHandler<Req extends { action: string }>(spec: OpsHandlerSpec<Req>): Handler {
  const manifest: HandlerManifest = { audience: 'ops', actions: Object.keys(spec.routes), timers: [], request: spec.request }
  return Object.assign(async function main(event: unknown): Promise<Reply<unknown>> {
    try {
      regionGuard()
    } catch (err) {
      // Outside mainland China nothing is written, the audit entry included.
      return opsFailure(err)
    }
    let userCaller = false
    let operator: string | undefined
    let reply: Reply<unknown>
    try {
      userCaller = isUser(currentActor())
      if (userCaller) throw new DomainError('OPS.FORBIDDEN', 'ops actions are for ops staff at the CloudBase console')
      const { operator: claim, userInfo: _platform, ...rest } = event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : {}
      operator = authenticateOperator(parseOperatorTable(spec.operators()), claim)
      if (operator === undefined) throw new DomainError('OPS.UNAUTHENTICATED', 'unknown operator or wrong token')
      const parsed = spec.request.safeParse(rest)
      if (!parsed.success) throw invalidInput(parsed.error.issues)
      const route = (spec.routes as unknown as Record<string, (r: Req, a: OperatorActor) => Promise<unknown>>)[parsed.data.action]
      reply = { ok: true, data: await route(parsed.data, { name: operator }) }
    } catch (err) {
      reply = opsFailure(err)
    }
    try {
      await spec.audit({ event, userCaller, ...(operator === undefined ? {} : { operator }), reply })
    } catch (err) {
      return opsFailure(err)
    }
    return reply
  }, { manifest })
}

/**
 * What an ops caller is told of an error. Ops calls reach any user's rows, and an internal error's
 * message may quote one (a query, an openid): only its code and kind are logged, as for every handler.
 */
export function opsFailure(err: unknown): Failure {
  return quietFailure(err, '[ops]')
}

function quietFailure(err: unknown, tag: string): Failure {
  if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message }
  console.error(`${tag} internal error`, (err as { errCode?: unknown } | undefined)?.errCode ?? '', err instanceof Error ? err.name : typeof err)
  return INTERNAL
}

export interface PushHandlerSpec<Push> {
  /** The push as WeChat sends it (JSON, through CloudBase's message push). */
  request: z.ZodMiniType<Push>
  handle: (push: Push) => Promise<unknown>
}

/**
 * The platform audience: WeChat's message pushes, which CloudBase delivers to the function configured
 * for them. Region guard → refuse any call a mini-program user can make (SOURCE `wx_client`, also
 * relayed, and the IDE's: `PUSH.FORBIDDEN`), since the push names the user it acts on → validate →
 * handle. Everything else passes: the push itself (its SOURCE is undocumented, docs/platform-pushes.md)
 * and the CloudBase console, where staff may replay a push. Errors are logged by code only: a push
 * names a user.
 */
export function definePushHandler<Push>(spec: PushHandlerSpec<Push>): Handler {
  const manifest: HandlerManifest = { audience: 'push', actions: [], timers: [], request: spec.request }
  return Object.assign(async function main(event: unknown): Promise<Reply<unknown>> {
    try {
      regionGuard()
      if (isClientSource(currentActor().source)) throw new DomainError('PUSH.FORBIDDEN', 'only WeChat delivers pushes')
      const parsed = spec.request.safeParse(event)
      if (!parsed.success) throw invalidInput(parsed.error.issues)
      return { ok: true, data: await spec.handle(parsed.data) }
    } catch (err) {
      return quietFailure(err, '[push]')
    }
  }, { manifest })
}
