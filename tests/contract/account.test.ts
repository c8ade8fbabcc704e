import { decision, cloudSuite, invoker } from '../support/consent'
import { connectSdk, type RunningEmulator } from '../support/emulator'

type Invoke = { result?: { ok: boolean; code?: string; data?: Record<string, unknown> }; error?: { code: string } }

// The built `account` function, run by the emulator's runner with the real wx-server-sdk.
describe('account function', () => {
  let emu: RunningEmulator
  const user = (OPENID: string) => ({ OPENID, APPID: 'wx_local_app', SOURCE: 'wx_client' })
  const invoke = (event: unknown, identity: unknown) => emu.control<Invoke>('/invoke', { name: 'account', event, identity })

  // Every collection of collections.json and the published policies, as deployed.
  cloudSuite((e) => (emu = e))

  const agree = (openid: string) => invoker(emu, 'consent')({ action: 'record', request: decision() }, user(openid))
  const profileRows = async () => (await connectSdk(emu).database().collection('profiles').get()).data as Array<Record<string, unknown>>

  it('keeps no account row for someone who has not agreed; creates it on first use after agreeing, with no visit counts', async () => {
    expect((await invoke({ action: 'me' }, user('o_test_user_1'))).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await profileRows()).toEqual([])
    await agree('o_test_user_1')
    const first = await invoke({ action: 'me' }, user('o_test_user_1'))
    expect(first.result).toMatchObject({ ok: true, data: { openid: 'o_test_user_1', appid: 'wx_local_app' } })
    const second = await invoke({ action: 'me' }, user('o_test_user_1'))
    expect(second.result?.data).toEqual(first.result?.data)
    const [row] = await profileRows()
    expect(Object.keys(row!).sort()).toEqual(['_id', 'appid', 'firstSeenAt'])
  })

  it('takes identity from the platform, never from the event', async () => {
    await agree('o_test_user_1')
    await agree('o_test_user_2')
    await invoke({ action: 'me' }, user('o_test_user_1'))
    const forged = await invoke({ action: 'me', openid: 'o_test_user_1', userInfo: { openId: 'o_test_user_1' } }, user('o_test_user_2'))
    expect(forged.result).toMatchObject({ ok: true, data: { openid: 'o_test_user_2' } })
  })

  it('many concurrent first uses make one row', async () => {
    await agree('o_test_user_3')
    const replies = await Promise.all(Array.from({ length: 20 }, () => invoke({ action: 'me' }, user('o_test_user_3'))))
    expect(replies.every((r) => r.result?.ok)).toBe(true)
    expect(new Set(replies.map((r) => r.result?.data?.firstSeenAt)).size).toBe(1)
    expect((await profileRows()).filter((r) => r._id === 'o_test_user_3')).toHaveLength(1)
  })

  it('withdrawing the policy deletes the account row, as the policy promises', async () => {
    await agree('o_test_user_6')
    await invoke({ action: 'me' }, user('o_test_user_6'))
    expect(await profileRows()).toHaveLength(1)
    await invoker(emu, 'consent')({ action: 'record', request: decision({ decision: 'withdraw', method: 'settings-toggle' }) }, user('o_test_user_6'))
    expect(await profileRows()).toEqual([])
    expect((await invoke({ action: 'me' }, user('o_test_user_6'))).result).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
  })

  it('refuses a console call without an openid', async () => {
    const reply = await invoke({ action: 'me' }, null)
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.UNAUTHENTICATED' })
  })

  it.each([[{}], [{ action: 'drop' }], [null], ['me'], [{ action: 42 }]])('rejects bad input %j with a code and writes nothing', async (event) => {
    await agree('o_test_user_4')
    const reply = await invoke(event, user('o_test_user_4'))
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await profileRows()).toEqual([])
  })

  it('answers COMMON.INTERNAL, not a crash, when the database fails', async () => {
    await agree('o_test_user_5')
    await emu.control('/faults', { nth: 1, code: 'DATABASE_REQUEST_FAILED' })
    const reply = await invoke({ action: 'me' }, user('o_test_user_5'))
    expect(reply.result).toMatchObject({ ok: false, code: 'COMMON.INTERNAL' })
    expect(JSON.stringify(reply)).not.toContain('o_test_user_5')
  })
})
