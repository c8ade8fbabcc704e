import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'

type Invoke = { result?: { ok: boolean; code?: string; data?: Record<string, unknown> }; error?: { code: string } }

// The built `account` function, run by the emulator's runner with the real wx-server-sdk.
describe('account function', () => {
  let emu: RunningEmulator
  const user = (OPENID: string) => ({ OPENID, APPID: 'wx_local_app', SOURCE: 'wx_client' })
  const invoke = (event: unknown, identity: unknown) => emu.control<Invoke>('/invoke', { name: 'account', event, identity })

  beforeAll(async () => {
    emu = await startEmulator()
  })
  beforeEach(async () => {
    await emu.control('/reset', {})
    // As deployed: the account function also reads rights_requests (a pending cancellation).
    await emu.control('/seed', { collections: { profiles: [], rights_requests: [] } })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('creates the profile row on the first visit and counts later ones', async () => {
    const first = await invoke({ action: 'me' }, user('o_test_user_1'))
    expect(first.result).toMatchObject({ ok: true, data: { openid: 'o_test_user_1', appid: 'wx_local_app', visits: 1 } })
    const second = await invoke({ action: 'me' }, user('o_test_user_1'))
    expect(second.result?.data?.visits).toBe(2)
    expect(second.result?.data?.firstSeenAt).toBe(first.result?.data?.firstSeenAt)
  })

  it('takes identity from the platform, never from the event', async () => {
    await invoke({ action: 'me' }, user('o_test_user_1'))
    const forged = await invoke({ action: 'me', openid: 'o_test_user_1', userInfo: { openId: 'o_test_user_1' } }, user('o_test_user_2'))
    expect(forged.result).toMatchObject({ ok: true, data: { openid: 'o_test_user_2', visits: 1 } })
  })

  it('counts every one of many concurrent first visits exactly once', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => invoke({ action: 'me' }, user('o_test_user_3'))))
    expect(replies.every((r) => r.result?.ok)).toBe(true)
    const after = await invoke({ action: 'me' }, user('o_test_user_3'))
    expect(after.result?.data?.visits).toBe(21)
  })

  it('refuses a console call without an openid', async () => {
    const reply = await invoke({ action: 'me' }, null)
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
  })

  it.each([[{}], [{ action: 'drop' }], [null], ['me'], [{ action: 42 }]])('rejects bad input %j with a code and writes nothing', async (event) => {
    const reply = await invoke(event, user('o_test_user_4'))
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    const count = await invoke({ action: 'me' }, user('o_test_user_4'))
    expect(count.result?.data?.visits).toBe(1)
  })

  it('answers COMMON.INTERNAL, not a crash, when the database fails', async () => {
    await emu.control('/faults', { nth: 1, code: 'DATABASE_REQUEST_FAILED' })
    const reply = await invoke({ action: 'me' }, user('o_test_user_5'))
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.INTERNAL' })
    expect(JSON.stringify(reply)).not.toContain('o_test_user_5')
  })
})
