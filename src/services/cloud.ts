import type { AccountRequest, MeView } from '@/contracts/account'
import type { Reply } from '@/domain/common/errors'
import { initTransport, invoke } from './transport'

/**
 * The only place the mini-program calls cloud functions. Pages get typed replies; identity is
 * never sent: the function reads it from the platform.
 */
export function initCloud(): void {
  initTransport()
}

async function call<T>(name: string, request: Record<string, unknown>): Promise<Reply<T>> {
  try {
    return (await invoke(name, request)) as Reply<T>
  } catch (err) {
    return { ok: false, code: 'COMMON.INTERNAL', message: (err as Error).message || 'network error' }
  }
}

export const account = {
  me: () => call<MeView>('account', { action: 'me' } satisfies AccountRequest),
}
