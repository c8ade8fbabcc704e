import { opsRequest } from '../../src/contracts/ops'
import { defineOpsHandler } from '../_shared/handler'
import { listAnnouncements, publishAnnouncement, withdrawAnnouncement } from '../_shared/usecases/announcements'
import { approveCertification, listCertifications, reencryptCertifications, rejectCertification, revealCertification, showCertification } from '../_shared/usecases/certification-review'
import { approve, bulkApprove, complete, exportAudit, listRequests, recordCall, reject, showRequest, verifyAudit } from '../_shared/usecases/ops'

const now = () => new Date()

/** Staff only, from the CloudBase console: see "Ops how-to" in the README. */
export const main = defineOpsHandler({
  request: opsRequest,
  routes: {
    listRequests: (r) => listRequests(r, now()),
    showRequest: (r) => showRequest(r, now()),
    approve: (r) => approve(r, now()),
    complete: (r) => complete(r, now()),
    reject: (r) => reject(r, now()),
    bulkApprove: (r) => bulkApprove(r, now()),
    exportAudit,
    verifyAudit,
    listCertifications: (r) => listCertifications(r, now()),
    showCertification: (r) => showCertification(r, now()),
    approveCertification: (r) => approveCertification(r, now()),
    rejectCertification: (r) => rejectCertification(r, now()),
    revealCertification,
    reencryptCertifications,
    publishAnnouncement: (r, operator) => publishAnnouncement(r, operator, now()),
    withdrawAnnouncement: (r, operator) => withdrawAnnouncement(r, operator, now()),
    listAnnouncements,
  },
  operators: () => process.env.OPS_OPERATORS,
  audit: (call) => recordCall(call, now),
})
