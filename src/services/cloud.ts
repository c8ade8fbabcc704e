import type { AccountRequest, MeView } from '@/contracts/account'
import type { ConsentApiRequest, ConsentStatus, HistoryResult, PolicyCatalogue, ReceiptResult, RecordResult, VerifyResult } from '@/contracts/consent'
import type { StoresRequest, StoresResult } from '@/contracts/stores'
import type { ConsentRequest } from '@/domain/consent/consent-event'
import type { Reply } from '@/domain/common/errors'
import type { Lang } from '@/domain/policy/localized'
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

export const consent = {
  policy: () => call<PolicyCatalogue>('consent', { action: 'policy' } satisfies ConsentApiRequest),
  status: (language: Lang) => call<ConsentStatus>('consent', { action: 'status', language } satisfies ConsentApiRequest),
  record: (request: ConsentRequest) => call<RecordResult>('consent', { action: 'record', request } satisfies ConsentApiRequest),
  history: () => call<HistoryResult>('consent', { action: 'history' } satisfies ConsentApiRequest),
  verify: () => call<VerifyResult>('consent', { action: 'verify' } satisfies ConsentApiRequest),
  receipt: (eventId: string) => call<ReceiptResult>('consent', { action: 'receipt', eventId } satisfies ConsentApiRequest),
}

export const stores = {
  list: (city: string) => call<StoresResult>('stores', { action: 'list', city } satisfies StoresRequest),
  nearby: (latitude: number, longitude: number) => call<StoresResult>('stores', { action: 'nearby', latitude, longitude } satisfies StoresRequest),
}
