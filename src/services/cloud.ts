import type { AccountRequest, CancellationPreview, CancellationView, MeView } from '@/contracts/account'
import type { DeletionCertificate } from '@/domain/cancellation/certificate'
import type { MineResult, OrdersRequest, PlaceResult, ProductsResult } from '@/contracts/orders'
import type { ContactView, ExportReply, ExportRequest, ExportUrlView, ExportView, InventoryView, PersonalRequest, ProfileView, RequestView } from '@/contracts/personal'
import type { CertificationRequest, CertificationStatusView } from '@/contracts/certification'
import type { ConsentApiRequest, ConsentStatus, DecideResult, HistoryResult, PolicyCatalogue, ReceiptResult, RecordResult, VerifyResult } from '@/contracts/consent'
import type { AnnouncementsRequest, AnnouncementsResult, StoresRequest, StoresResult } from '@/contracts/stores'
import type { ConsentDecision, ConsentRequest } from '@/domain/consent/consent-event'
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
  cancellationPreview: () => call<CancellationPreview>('account', { action: 'cancellationPreview' } satisfies AccountRequest),
  requestCancellation: (clientRequestId: string, notify: boolean) => call<CancellationView>('account', { action: 'requestCancellation', clientRequestId, notify } satisfies AccountRequest),
  subscribeCancellation: (requestId: string) => call<CancellationView>('account', { action: 'subscribeCancellation', requestId } satisfies AccountRequest),
  undoCancellation: (requestId: string) => call<CancellationView>('account', { action: 'undoCancellation', requestId } satisfies AccountRequest),
  cancellationStatus: () => call<{ cancellation?: CancellationView }>('account', { action: 'cancellationStatus' } satisfies AccountRequest),
  certificate: (certificateId: string) => call<DeletionCertificate>('account', { action: 'certificate', certificateId } satisfies AccountRequest),
}

export const consent = {
  policy: () => call<PolicyCatalogue>('consent', { action: 'policy' } satisfies ConsentApiRequest),
  status: (language: Lang) => call<ConsentStatus>('consent', { action: 'status', language } satisfies ConsentApiRequest),
  record: (request: ConsentRequest) => call<RecordResult>('consent', { action: 'record', request } satisfies ConsentApiRequest),
  /** Every target of one decision in one call and one transaction (all or none). */
  decide: (request: ConsentDecision) => call<DecideResult>('consent', { action: 'decide', request } satisfies ConsentApiRequest),
  history: () => call<HistoryResult>('consent', { action: 'history' } satisfies ConsentApiRequest),
  verify: () => call<VerifyResult>('consent', { action: 'verify' } satisfies ConsentApiRequest),
  receipt: (eventId: string) => call<ReceiptResult>('consent', { action: 'receipt', eventId } satisfies ConsentApiRequest),
}

export const personal = {
  inventory: () => call<InventoryView>('personal', { action: 'inventory' } satisfies PersonalRequest),
  profile: () => call<ProfileView>('personal', { action: 'profile' } satisfies PersonalRequest),
  setNickname: (clientRequestId: string, nickname: string) => call<ProfileView>('personal', { action: 'setNickname', clientRequestId, nickname } satisfies PersonalRequest),
  setAvatar: (clientRequestId: string, image: string) => call<ProfileView>('personal', { action: 'setAvatar', clientRequestId, image } satisfies PersonalRequest),
  removeAvatar: (clientRequestId: string) => call<ProfileView>('personal', { action: 'removeAvatar', clientRequestId } satisfies PersonalRequest),
  reveal: (recordId: string) => call<ContactView>('personal', { action: 'reveal', category: 'delivery-contact', recordId } satisfies PersonalRequest),
  addContact: (clientRequestId: string, contact: unknown) => call<{ contacts: ContactView[] }>('personal', { action: 'addContact', clientRequestId, contact } satisfies PersonalRequest),
  updateContact: (clientRequestId: string, recordId: string, contact: unknown) => call<{ contacts: ContactView[] }>('personal', { action: 'updateContact', clientRequestId, recordId, contact } satisfies PersonalRequest),
  deleteContact: (clientRequestId: string, recordId: string) => call<{ contacts: ContactView[] }>('personal', { action: 'deleteContact', clientRequestId, recordId } satisfies PersonalRequest),
  setDefaultContact: (clientRequestId: string, recordId: string) => call<{ contacts: ContactView[] }>('personal', { action: 'setDefaultContact', clientRequestId, recordId } satisfies PersonalRequest),
  requestCorrection: (clientRequestId: string, category: Extract<PersonalRequest, { action: 'requestCorrection' }>['category'], reason: string) =>
    call<RequestView>('personal', { action: 'requestCorrection', clientRequestId, category, reason } satisfies PersonalRequest),
  requests: () => call<{ requests: RequestView[] }>('personal', { action: 'requests' } satisfies PersonalRequest),
  requestDeletion: (clientRequestId: string, reason: DeletionInput['reason'], detail: string, categories?: string[]) =>
    call<RequestView>('personal', { action: 'requestDeletion', clientRequestId, reason, ...(detail ? { detail } : {}), ...(categories?.length ? { categories } : {}) } satisfies PersonalRequest),
  sendMessage: (clientRequestId: string, kind: Extract<PersonalRequest, { action: 'sendMessage' }>['kind'], message: string) =>
    call<RequestView>('personal', { action: 'sendMessage', clientRequestId, kind, message } satisfies PersonalRequest),
}
type DeletionInput = Extract<PersonalRequest, { action: 'requestDeletion' }>

/** "Copy my data", a function of its own (see `exportRequest`). */
export const exportCopy = {
  request: (clientRequestId: string) => call<ExportReply>('export', { action: 'requestExport', clientRequestId } satisfies ExportRequest),
  status: (requestId: string) => call<ExportView>('export', { action: 'exportStatus', requestId } satisfies ExportRequest),
  url: (requestId: string) => call<ExportUrlView>('export', { action: 'exportUrl', requestId } satisfies ExportRequest),
}

export const orders = {
  products: () => call<ProductsResult>('orders', { action: 'products' } satisfies OrdersRequest),
  place: (clientRequestId: string, storeId: string, lines: Array<{ productId: string; quantity: number }>) =>
    call<PlaceResult>('orders', { action: 'place', clientRequestId, storeId, lines } satisfies OrdersRequest),
  mine: () => call<MineResult>('orders', { action: 'mine' } satisfies OrdersRequest),
}

export const stores = {
  list: (city: string) => call<StoresResult>('stores', { action: 'list', city } satisfies StoresRequest),
  nearby: (latitude: number, longitude: number) => call<StoresResult>('stores', { action: 'nearby', latitude, longitude } satisfies StoresRequest),
  /** Needs no identity and no agreement: callable in browse mode. */
  announcements: () => call<AnnouncementsResult>('stores', { action: 'announcements' } satisfies AnnouncementsRequest),
}

type CertFields = Extract<CertificationRequest, { action: 'saveDraft' }>['fields']
type CertSlot = Extract<CertificationRequest, { action: 'setPhoto' }>['slot']

/** Store certification: every reply is the caller's application, masked. */
export const certification = {
  status: () => call<CertificationStatusView>('certification', { action: 'status' } satisfies CertificationRequest),
  saveDraft: (clientRequestId: string, fields: CertFields) => call<CertificationStatusView>('certification', { action: 'saveDraft', clientRequestId, fields } satisfies CertificationRequest),
  setPhoto: (clientRequestId: string, slot: CertSlot, image: string) => call<CertificationStatusView>('certification', { action: 'setPhoto', clientRequestId, slot, image } satisfies CertificationRequest),
  submit: (clientRequestId: string, fields: CertFields) => call<CertificationStatusView>('certification', { action: 'submit', clientRequestId, fields } satisfies CertificationRequest),
  withdraw: (clientRequestId: string) => call<CertificationStatusView>('certification', { action: 'withdraw', clientRequestId } satisfies CertificationRequest),
}
