import type { ExportRequest } from '@/contracts/personal'
import { exportReplies } from '@/contracts/personal-replies'
import { call } from './call'

/** "Copy my data", a function of its own (see `exportRequest`). */
export const exportCopy = {
  request: (clientRequestId: string) => call('export', exportReplies, { action: 'requestExport', clientRequestId } satisfies ExportRequest),
  status: (requestId: string) => call('export', exportReplies, { action: 'exportStatus', requestId } satisfies ExportRequest),
  url: (requestId: string) => call('export', exportReplies, { action: 'exportUrl', requestId } satisfies ExportRequest),
}
