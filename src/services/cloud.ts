import type { AccountRequest } from '@/contracts/account'
import type { ConsentApiRequest } from '@/contracts/consent'
import { announcementsResult, consentStatus, decideResult, meView, policyCatalogue, storesResult } from '@/contracts/launch'
import type { AnnouncementsRequest, StoresRequest } from '@/contracts/stores'
import type { ConsentDecision } from '@/domain/consent/consent-event'
import type { Lang } from '@/domain/policy/localized'
import { call } from './call'
import { initTransport } from './transport'

/**
 * The calls the main package's pages and the privacy session make, each reply checked against the
 * schema the function checked it with (src/contracts/launch.ts, kept apart so the main package carries
 * only these). The sub-packages' calls live with their pages: account.ts, consent.ts, personal.ts,
 * export.ts, orders.ts, certification.ts.
 */
export function initCloud(): void {
  initTransport()
}

export const account = {
  me: () => call('account', { me: meView }, { action: 'me' } satisfies AccountRequest),
}

export const consent = {
  policy: () => call('consent', { policy: policyCatalogue }, { action: 'policy' } satisfies ConsentApiRequest),
  status: (language: Lang) => call('consent', { status: consentStatus }, { action: 'status', language } satisfies ConsentApiRequest),
  /** Every target of one decision in one call and one transaction (all or none). */
  decide: (request: ConsentDecision) => call('consent', { decide: decideResult }, { action: 'decide', request } satisfies ConsentApiRequest),
}

export const stores = {
  list: (city: string) => call('stores', { list: storesResult }, { action: 'list', city } satisfies StoresRequest),
  nearby: (latitude: number, longitude: number) => call('stores', { nearby: storesResult }, { action: 'nearby', latitude, longitude } satisfies StoresRequest),
  /** Needs no identity and no agreement: callable in browse mode. */
  announcements: () => call('stores', { announcements: announcementsResult }, { action: 'announcements' } satisfies AnnouncementsRequest),
}
