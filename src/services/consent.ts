import { type ConsentApiRequest, consentReplies } from '@/contracts/consent'
import { call } from './call'

/** The privacy sub-package's consent calls (the privacy session's are the main package's: cloud.ts). */
export const consent = {
  history: () => call('consent', consentReplies, { action: 'history' } satisfies ConsentApiRequest),
  verify: () => call('consent', consentReplies, { action: 'verify' } satisfies ConsentApiRequest),
  receipt: (eventId: string) => call('consent', consentReplies, { action: 'receipt', eventId } satisfies ConsentApiRequest),
}
