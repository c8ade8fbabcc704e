import { exportReplies, exportRequest } from '../../src/contracts/personal'
import { defineHandler } from '../_shared/handler'
import { exportStatus, exportUrl, purgeExports, requestExport } from '../_shared/usecases/export'

const now = () => new Date()

/** "Copy my data": builds, serves and purges the export archives (the zip writer loads only here). */
export const main = defineHandler({
  request: exportRequest,
  replies: exportReplies,
  routes: {
    requestExport: (r, a) => requestExport(r, a, now()),
    exportStatus: (r, a) => exportStatus(r, a, now()),
    exportUrl: (r, a) => exportUrl(r, a, now()),
  },
  timers: { purgeExports: () => purgeExports(now()) },
})
