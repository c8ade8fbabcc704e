import type { AccountRequest, accountReplies } from '@/contracts/account'
import type { ConsentApiRequest, consentReplies } from '@/contracts/consent'
import type { AnnouncementsRequest, announcementsResult, StoresRequest, storesReplies } from '@/contracts/stores'
import type { ConsentDecision } from '@/domain/consent/consent-event'
import type { Lang } from '@/domain/policy/localized'
import { callTyped } from './call'
import { initTransport } from './transport'

/**
 * The calls the main package's pages and the privacy session make, typed by the contracts' reply
 * schemas and checked by the functions (see `callTyped`). The sub-packages' calls are checked here as
 * well: account.ts, consent.ts, personal.ts, export.ts, orders.ts, certification.ts.
 */
export function initCloud(): void {
  initTransport()
}

export const account = {
  me: () => callTyped<typeof accountReplies, 'me'>('account', { action: 'me' } satisfies AccountRequest),
}

export const consent = {
  policy: () => callTyped<typeof consentReplies, 'policy'>('consent', { action: 'policy' } satisfies ConsentApiRequest),
  status: (language: Lang) => callTyped<typeof consentReplies, 'status'>('consent', { action: 'status', language } satisfies ConsentApiRequest),
  /** Every target of one decision in one call and one transaction (all or none). */
  decide: (request: ConsentDecision) => callTyped<typeof consentReplies, 'decide'>('consent', { action: 'decide', request } satisfies ConsentApiRequest),
}

export const stores = {
  list: (city: string) => callTyped<typeof storesReplies, 'list'>('stores', { action: 'list', city } satisfies StoresRequest),
  nearby: (latitude: number, longitude: number) => callTyped<typeof storesReplies, 'nearby'>('stores', { action: 'nearby', latitude, longitude } satisfies StoresRequest),
  /** Needs no identity and no agreement: callable in browse mode. */
  announcements: () => callTyped<{ announcements: typeof announcementsResult }, 'announcements'>('stores', { action: 'announcements' } satisfies AnnouncementsRequest),
}
