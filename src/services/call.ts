import type { z } from 'zod/mini'
import type { Reply } from '@/domain/common/errors'
import { invoke } from './transport'

// How the app calls a cloud function. Identity is never sent: the function reads it from the platform,
// and checks every result against its action's reply schema (src/contracts) before replying. One client
// module per function and package, so each package carries only the schemas its own pages need.

type Schemas = Record<string, z.ZodMiniType>
const BAD_REPLY = { ok: false, code: 'COMMON.BAD_REPLY', message: 'the reply does not match the contract' } as const

async function send(name: string, request: Record<string, unknown>): Promise<unknown> {
  try {
    return await invoke(name, request)
  } catch (err) {
    return { ok: false, code: 'COMMON.INTERNAL', message: (err as Error).message || 'network error' }
  }
}

/** A failure is passed on as sent (its code is what pages act on); anything but a failure or a success is `COMMON.BAD_REPLY`. */
function envelope(raw: unknown): Reply<unknown> {
  const reply = raw as { ok?: unknown; data?: unknown; code?: unknown; message?: unknown } | null | undefined
  if (reply?.ok === false && typeof reply.code === 'string') return { ok: false, code: reply.code as Extract<Reply<unknown>, { ok: false }>['code'], message: typeof reply.message === 'string' ? reply.message : '' }
  if (reply?.ok === true && 'data' in reply) return { ok: true, data: reply.data }
  return BAD_REPLY
}

/**
 * Calls `name` and checks the reply's data with the reply schema of the request's action, the one the
 * function checked it with: a mismatch is `COMMON.BAD_REPLY`, which pages show as a failure to retry.
 * The data is handed on unchanged once it passes (a schema never rewrites a reply: a signed receipt
 * must stay as signed).
 */
export async function call<R extends Schemas, A extends keyof R & string>(name: string, replies: R, request: { action: A } & Record<string, unknown>): Promise<Reply<z.infer<R[A]>>> {
  const reply = envelope(await send(name, request))
  if (reply.ok && !replies[request.action]!.safeParse(reply.data).success) return BAD_REPLY
  return reply as Reply<z.infer<R[A]>>
}
