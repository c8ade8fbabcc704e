import type { PersonalRequest } from '@/contracts/personal'
import { personalReplies } from '@/contracts/personal-replies'
import { call } from './call'

export const personal = {
  inventory: () => call('personal', personalReplies, { action: 'inventory' } satisfies PersonalRequest),
  profile: () => call('personal', personalReplies, { action: 'profile' } satisfies PersonalRequest),
  setNickname: (clientRequestId: string, nickname: string) => call('personal', personalReplies, { action: 'setNickname', clientRequestId, nickname } satisfies PersonalRequest),
  setAvatar: (clientRequestId: string, image: string) => call('personal', personalReplies, { action: 'setAvatar', clientRequestId, image } satisfies PersonalRequest),
  removeAvatar: (clientRequestId: string) => call('personal', personalReplies, { action: 'removeAvatar', clientRequestId } satisfies PersonalRequest),
  reveal: (recordId: string) => call('personal', personalReplies, { action: 'reveal', category: 'delivery-contact', recordId } satisfies PersonalRequest),
  addContact: (clientRequestId: string, contact: unknown) => call('personal', personalReplies, { action: 'addContact', clientRequestId, contact } satisfies PersonalRequest),
  updateContact: (clientRequestId: string, recordId: string, contact: unknown) => call('personal', personalReplies, { action: 'updateContact', clientRequestId, recordId, contact } satisfies PersonalRequest),
  deleteContact: (clientRequestId: string, recordId: string) => call('personal', personalReplies, { action: 'deleteContact', clientRequestId, recordId } satisfies PersonalRequest),
  setDefaultContact: (clientRequestId: string, recordId: string) => call('personal', personalReplies, { action: 'setDefaultContact', clientRequestId, recordId } satisfies PersonalRequest),
  requestCorrection: (clientRequestId: string, category: Extract<PersonalRequest, { action: 'requestCorrection' }>['category'], reason: string) =>
    call('personal', personalReplies, { action: 'requestCorrection', clientRequestId, category, reason } satisfies PersonalRequest),
  requests: () => call('personal', personalReplies, { action: 'requests' } satisfies PersonalRequest),
  requestDeletion: (clientRequestId: string, reason: DeletionInput['reason'], detail: string, categories?: string[]) =>
    call('personal', personalReplies, { action: 'requestDeletion', clientRequestId, reason, ...(detail ? { detail } : {}), ...(categories?.length ? { categories } : {}) } satisfies PersonalRequest),
  sendMessage: (clientRequestId: string, kind: Extract<PersonalRequest, { action: 'sendMessage' }>['kind'], message: string) =>
    call('personal', personalReplies, { action: 'sendMessage', clientRequestId, kind, message } satisfies PersonalRequest),
}
type DeletionInput = Extract<PersonalRequest, { action: 'requestDeletion' }>
