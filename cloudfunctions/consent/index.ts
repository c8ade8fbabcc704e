import { randomBytes } from 'node:crypto'
import { consentReplies, consentRequest } from '../../src/contracts/consent'
import { defineHandler } from '../_shared/handler'
import { decide, history, policy, purgeRefusals, receipt, record, status, verify } from '../_shared/usecases/consent'
import { anchorHeads } from '../_shared/usecases/consent-anchors'

/** The server clock, and a fresh salt in case this is the caller's first decision. */
const inputs = () => ({ clock: () => new Date(), newSalt: randomBytes(32).toString('hex') })

export const main = defineHandler({
  request: consentRequest,
  replies: consentReplies,
  routes: { policy, status, record: (request, actor) => record(request, actor, inputs()), decide: (request, actor) => decide(request, actor, inputs()), history, verify, receipt },
  timers: { purgeRefusals: () => purgeRefusals(new Date()), anchorHeads: () => anchorHeads(new Date()) },
})
