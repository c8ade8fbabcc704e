import { certificationReplies, certificationRequest } from '../../src/contracts/certification'
import { defineHandler } from '../_shared/handler'
import { purgeCertifications, saveDraft, setPhoto, status, submit, withdraw } from '../_shared/usecases/certification'

const now = () => new Date()

export const main = defineHandler({
  request: certificationRequest,
  replies: certificationReplies,
  routes: {
    status: (r, a) => status(r, a, now()),
    saveDraft: (r, a) => saveDraft(r, a, now()),
    setPhoto: (r, a) => setPhoto(r, a, now()),
    submit: (r, a) => submit(r, a, now()),
    withdraw: (r, a) => withdraw(r, a, now()),
  },
  timers: { purgeCertifications: () => purgeCertifications(now()) },
})
