import { storesRequest } from '../../src/contracts/stores'
import { defineHandler } from '../_shared/handler'
import { list, nearby, purgeLocations } from '../_shared/usecases/stores'

export const main = defineHandler({
  request: storesRequest,
  routes: { list, nearby: (request, actor) => nearby(request, actor, new Date()) },
  timers: { purgeLocations: () => purgeLocations(new Date()) },
})
