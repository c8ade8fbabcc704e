import { randomBytes } from 'node:crypto'
import { consentRequest } from '../../src/contracts/consent'
import { defineHandler } from '../_shared/handler'
import { history, policy, purgeRefusals, receipt, record, status, verify } from '../_shared/usecases/consent'

export const main = defineHandler({
  request: consentRequest,
  routes: { policy, status, record: (request, actor) => record(request, actor, { clock: () => new Date(), newSalt: randomBytes(32).toString('hex') }), history, verify, receipt },
  timers: { purgeRefusals: () => purgeRefusals(new Date()) },
})
