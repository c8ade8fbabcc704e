import { accountRequest } from '../../src/contracts/account'
import { defineHandler } from '../_shared/handler'
import { me } from '../_shared/usecases/account'

export const main = defineHandler({ request: accountRequest, routes: { me } })
