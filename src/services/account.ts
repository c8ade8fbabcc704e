import { type AccountRequest, accountReplies } from '@/contracts/account'
import { call } from './call'

/** The account sub-package's calls (`me` is the main package's: cloud.ts). */
export const account = {
  cancellationPreview: () => call('account', accountReplies, { action: 'cancellationPreview' } satisfies AccountRequest),
  requestCancellation: (clientRequestId: string, notify: boolean) => call('account', accountReplies, { action: 'requestCancellation', clientRequestId, notify } satisfies AccountRequest),
  subscribeCancellation: (requestId: string) => call('account', accountReplies, { action: 'subscribeCancellation', requestId } satisfies AccountRequest),
  undoCancellation: (requestId: string) => call('account', accountReplies, { action: 'undoCancellation', requestId } satisfies AccountRequest),
  cancellationStatus: () => call('account', accountReplies, { action: 'cancellationStatus' } satisfies AccountRequest),
  certificate: (certificateId: string) => call('account', accountReplies, { action: 'certificate', certificateId } satisfies AccountRequest),
}
