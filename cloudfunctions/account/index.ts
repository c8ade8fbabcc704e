import { accountReplies, accountRequest } from '../../src/contracts/account'
import { defineHandler } from '../_shared/handler'
import { me } from '../_shared/usecases/account'
import { cancellationPreview, cancellationStatus, certificate, requestCancellation, runCancellations, subscribeCancellation, undoCancellation } from '../_shared/usecases/cancellation'

const now = () => new Date()
/** Each scheduler run stops starting work after this long, well inside the 60 s timeout (config.json). */
const RUN_BUDGET_MS = 40_000

export const main = defineHandler({
  request: accountRequest,
  replies: accountReplies,
  routes: {
    me: (r, a) => me(r, a, now()),
    cancellationPreview,
    requestCancellation: (r, a) => requestCancellation(r, a, now()),
    undoCancellation: (r, a) => undoCancellation(r, a, now()),
    subscribeCancellation: (r, a) => subscribeCancellation(r, a, now()),
    cancellationStatus: (r, a) => cancellationStatus(r, a, now()),
    certificate,
  },
  timers: { runCancellations: () => runCancellations(now(), RUN_BUDGET_MS) },
})
