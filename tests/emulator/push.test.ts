import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { InvokeResult } from '../../emulator/functions/runner'
import { buildAuthorizationPush, PUSH_SERVICE_USER, PUSH_SOURCE } from '../../emulator/functions/push'
import { removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

type WhoAmI = { wx: Record<string, unknown>; userInfo: unknown }

// WeChat's message push, delivered to the configured function (here the `whoami` fixture) as CloudBase would.
describe('message push delivery', () => {
  let emu: RunningEmulator

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: path.join(ROOT, 'tests', 'fixtures', 'functions'), extraArgs: ['--push-function', 'whoami'] })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('runs the push function with no mini-program caller: OPENID is the push service, never the user it names', async () => {
    const push = buildAuthorizationPush({ event: 'user_authorization_revoke', openid: 'o_test_user_1', revokeInfo: '13', appId: 'wx_local_app', now: Date.UTC(2026, 5, 1) })
    expect(push).toEqual({
      ToUserName: 'gh_wx_local_app',
      FromUserName: PUSH_SERVICE_USER,
      CreateTime: Date.UTC(2026, 5, 1) / 1000,
      MsgType: 'event',
      Event: 'user_authorization_revoke',
      OpenID: 'o_test_user_1',
      AppID: 'wx_local_app',
      RevokeInfo: '13',
    })
    const out = await emu.control<InvokeResult & { result: WhoAmI }>('/push', push)
    expect(out.result.wx).toEqual({ OPENID: PUSH_SERVICE_USER, APPID: 'wx_local_app', ENV: 'local-env', SOURCE: PUSH_SOURCE })
    // Not a client call: no userInfo is injected.
    expect(out.result.userInfo).toBeNull()
  })

  it('the CLI sends one: `npm run emulator -- push revoke <openid> <RevokeInfo>`', async () => {
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'emulator', 'cli.ts'), ...args, '--url', emu.url], { cwd: ROOT })
    const { stdout } = await cli('push', 'cancellation', 'o_test_user_2')
    expect((JSON.parse(stdout) as { result: WhoAmI }).result.wx).toMatchObject({ SOURCE: PUSH_SOURCE })
    await expect(cli('push', 'revoke', 'o_test_user_2')).rejects.toThrow(/usage/)
  })
})
