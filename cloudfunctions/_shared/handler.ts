import { z } from 'zod/mini'
import { type Actor, isUser, type UserActor } from '../../src/domain/common/actor'
import { DomainError, type Reply } from '../../src/domain/common/errors'
import { isMainlandRegion } from '../../src/domain/common/region'
import { currentActor, currentRegion } from './adapters/wx'

type Action<Req> = Req extends { action: infer A extends string } ? A : never

/** One use case per action; each receives only its own request variant. */
export type Routes<Req extends { action: string }, Who extends Actor> = {
  [A in Action<Req>]: (request: Extract<Req, { action: A }>, actor: Who) => Promise<unknown>
}

/** The event a timer trigger delivers (its name is the one in the function's config.json). */
const timerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string() })
export type TimerEvent = z.infer<typeof timerEvent>

export interface HandlerSpec<Req extends { action: string }, Who extends Actor> {
  request: z.ZodMiniType<Req>
  routes: Routes<Req, Who>
  /** Who may call: `user` (a mini-program openid, the default). */
  audience?: 'user'
  /**
   * Timer triggers by name. Used only when the platform says the call is a timer (SOURCE
   * `wx_trigger`, no openid): a caller cannot claim that, since SOURCE comes from getWXContext().
   */
  timers?: Record<string, (event: TimerEvent) => Promise<unknown>>
}

/**
 * The whole life of an invocation, so each function's index.ts stays a one-liner:
 * refuse non-mainland regions → identity from getWXContext() (a timer goes to its timer route; everyone
 * else needs an openid) → validate the event → route →
 * map DomainError codes to `{ ok: false, code, message }`; anything else is logged without PII.
 */
export function defineHandler<Req extends { action: string }>(spec: HandlerSpec<Req, UserActor>) {
  return async function main(event: unknown): Promise<Reply<unknown>> {
    let actor: Actor = {}
    try {
      // Rule 10: data stays in mainland China; refuse before touching any data.
      if (!isMainlandRegion(currentRegion())) throw new DomainError('COMMON.REGION_NOT_ALLOWED', 'this function only runs in a mainland-China region')
      actor = currentActor()
      if (spec.timers && actor.source === 'wx_trigger' && !isUser(actor)) {
        const timer = timerEvent.safeParse(event)
        const run = timer.success && Object.prototype.hasOwnProperty.call(spec.timers, timer.data.TriggerName) ? spec.timers[timer.data.TriggerName] : undefined
        if (!timer.success || !run) throw new DomainError('COMMON.INVALID_INPUT', 'not a timer trigger of this function')
        return { ok: true, data: await run(timer.data) }
      }
      if (!isUser(actor)) throw new DomainError('COMMON.UNAUTHENTICATED', 'a mini-program user is required')
      const parsed = spec.request.safeParse(event)
      if (!parsed.success) throw new DomainError('COMMON.INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; '))
      const request = parsed.data
      // The schema admits only actions that have a route (Routes is exhaustive over the union).
      const route = (spec.routes as unknown as Record<string, (r: Req, a: UserActor) => Promise<unknown>>)[request.action]
      return { ok: true, data: await route(request, actor as UserActor) }
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message }
      // Internal failures (database, bugs) never leak details or another user's data to the caller.
      const message = String((err as Error).message ?? err)
      console.error('[handler] internal error', (err as { errCode?: unknown }).errCode ?? '', actor.openid ? message.split(actor.openid).join('<openid>') : message)
      return { ok: false, code: 'COMMON.INTERNAL', message: 'internal error, please retry' }
    }
  }
}
