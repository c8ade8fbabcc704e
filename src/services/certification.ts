import { type CertificationRequest, certificationReplies } from '@/contracts/certification'
import { call } from './call'

type CertFields = Extract<CertificationRequest, { action: 'saveDraft' }>['fields']
type CertSlot = Extract<CertificationRequest, { action: 'setPhoto' }>['slot']

/** Store certification: every reply is the caller's application, masked. */
export const certification = {
  status: () => call('certification', certificationReplies, { action: 'status' } satisfies CertificationRequest),
  saveDraft: (clientRequestId: string, fields: CertFields) => call('certification', certificationReplies, { action: 'saveDraft', clientRequestId, fields } satisfies CertificationRequest),
  setPhoto: (clientRequestId: string, slot: CertSlot, image: string) => call('certification', certificationReplies, { action: 'setPhoto', clientRequestId, slot, image } satisfies CertificationRequest),
  submit: (clientRequestId: string, fields: CertFields) => call('certification', certificationReplies, { action: 'submit', clientRequestId, fields } satisfies CertificationRequest),
  withdraw: (clientRequestId: string) => call('certification', certificationReplies, { action: 'withdraw', clientRequestId } satisfies CertificationRequest),
}
