import { randomBytes } from 'node:crypto'
import { authorizationPush } from '../../src/contracts/wxpush'
import { definePushHandler } from '../_shared/handler'
import { authorizationChanged } from '../_shared/usecases/platform-push'

/** WeChat's authorization-change pushes, routed here by CloudBase's 消息推送 (docs/platform-pushes.md). */
export const main = definePushHandler({
  request: authorizationPush,
  handle: (push) => authorizationChanged(push, { clock: () => new Date(), newSalt: randomBytes(32).toString('hex') }),
})
