import path from 'node:path'
import * as cloud from 'wx-server-sdk'
import type { InvokeResult } from '../../emulator/functions/runner'
import { removeDataDir, ROOT, startEmulator, useSdk, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')
const APP = 'wx_local_app'

type WhoAmI = {
  wx: Record<string, unknown>
  userInfo: { appId: string; openId: string } | null
  echo: unknown
  hasToken: boolean
  context: { request_id: string; function_name: string; namespace: string; time_limit_in_ms: number }
}
type Caller = { self: Record<string, unknown>; callee?: WhoAmI; errMsg?: string; error?: { errCode: number; errMsg: string } }
type Firing = { event: { Type: string; TriggerName: string; Time: string }; wx: Record<string, unknown>; triggerSrc: string | null; callee?: WhoAmI }
type Ticker = { firings: Firing[]; maxInFlight: number }

const client = (OPENID: string) => ({ OPENID, APPID: APP, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' })

describe('function runner (fixture functions, real wx-server-sdk inside)', () => {
  let emu: RunningEmulator
  const invoke = <T>(name: string, event: unknown, identity: unknown = null) =>
    emu.control<InvokeResult & { result?: T }>('/invoke', { name, event, identity })

  beforeAll(async () => {
    // A host identity the emulator inherits must never reach a function.
    process.env.WX_OPENID = 'o_test_host_leak'
    try {
      emu = await startEmulator({ functionsDir: FIXTURES })
    } finally {
      delete process.env.WX_OPENID
    }
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('runs a mini-program call with its identity, userInfo and an SCF-like context', async () => {
    const out = await invoke<WhoAmI>('whoami', { echo: 'hi' }, client('o_test_user_1'))
    expect(out.error).toBeUndefined()
    expect(out.result!.wx).toEqual({ OPENID: 'o_test_user_1', APPID: APP, CLIENTIP: '127.0.0.1', ENV: 'local-env', SOURCE: 'wx_client' })
    expect(out.result!.userInfo).toEqual({ appId: APP, openId: 'o_test_user_1' })
    expect(out.result!.echo).toBe('hi')
    expect(out.result!.hasToken).toBe(true)
    expect(out.result!.context).toEqual({ request_id: out.requestId, function_name: 'whoami', namespace: 'local-env', time_limit_in_ms: 5000 })
    expect(out.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('treats an identity with only an OPENID as a mini-program call of this app', async () => {
    const out = await invoke<WhoAmI>('whoami', {}, { OPENID: 'o_test_user_2' })
    expect(out.result!.wx).toMatchObject({ OPENID: 'o_test_user_2', APPID: APP, SOURCE: 'wx_client' })
  })

  it('overwrites a forged event.userInfo with the caller identity', async () => {
    const out = await invoke<WhoAmI>('whoami', { userInfo: { appId: 'wx_forged', openId: 'o_test_victim' } }, client('o_test_user_1'))
    expect(out.result!.userInfo).toEqual({ appId: APP, openId: 'o_test_user_1' })
  })

  it('runs a console call with no OPENID, APPID or SOURCE (and no host identity)', async () => {
    const out = await invoke<WhoAmI>('whoami', { userInfo: { appId: 'wx_forged', openId: 'o_test_victim' } })
    expect(out.result!.wx).toEqual({ ENV: 'local-env' })
    // Not a client call: nothing is injected, the event is passed as sent.
    expect(out.result!.userInfo).toEqual({ appId: 'wx_forged', openId: 'o_test_victim' })
  })

  it('keeps 60 concurrent invocations of different users apart', async () => {
    const ids = [...Array(60).keys()].map((i) => `o_test_user_${i}`)
    const outs = await Promise.all(ids.map((id, i) => invoke<WhoAmI>('whoami', { delayMs: (i * 37) % 50, echo: id }, client(id))))
    for (const [i, out] of outs.entries()) {
      expect(out.result!.wx.OPENID).toBe(ids[i])
      expect(out.result!.userInfo!.openId).toBe(ids[i])
      expect(out.result!.echo).toBe(ids[i])
    }
    expect(new Set(outs.map((o) => o.requestId)).size).toBe(60)
  })

  it('answers FUNCTIONS_TIME_LIMIT_EXCEEDED past the config.json timeout', async () => {
    const slow = await invoke('sleeper', {})
    expect(slow.error).toEqual({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: 'Invoking task timed out after 1 seconds' })
    expect(slow.durationMs).toBeGreaterThanOrEqual(950)
    expect(slow.durationMs).toBeLessThan(2500)
    const quick = await invoke('sleeper', { ms: 5 })
    expect(quick.result).toEqual({ slept: true })
  })

  it('reports thrown errors, unserialisable results and broken modules as FUNCTIONS_EXECUTE_FAIL', async () => {
    expect((await invoke('thrower', { message: 'card rejected' })).error).toEqual({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'card rejected' })
    expect((await invoke('thrower', { kind: 'string' })).error).toEqual({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'plain string failure' })
    expect((await invoke('thrower', { kind: 'bigint' })).error?.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    const broken = await invoke('broken', {})
    expect(broken.error?.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(broken.error?.message).toContain('fixture module fails at load')
  })

  it('reuses an idle warm instance, module-level cache included, and loads the module afresh on a cold one', async () => {
    type Counter = { instance: string; calls: number }
    const run = (body: Record<string, unknown> = {}) => emu.control<InvokeResult & { result?: Counter }>('/invoke', { name: 'counter', event: {}, identity: null, ...body })
    const cold = (await run({ cold: true })).result!
    expect(cold.calls).toBe(1)
    // The instance that just finished is idle again, so it serves the next call with its cache as it left it.
    expect((await run()).result).toEqual({ instance: cold.instance, calls: 2 })
    expect((await run()).result).toEqual({ instance: cold.instance, calls: 3 })
    const again = (await run({ cold: true })).result!
    expect(again.instance).not.toBe(cold.instance)
    expect(again.calls).toBe(1)
    // An instance serves one invocation at a time: a second call while the first runs gets another instance.
    const [slow, quick] = await Promise.all([run({ event: { delayMs: 200 } }), run()])
    expect(slow.result!.instance).not.toBe(quick.result!.instance)
  })

  it('answers FUNCTION_NOT_FOUND for an unknown function', async () => {
    expect((await invoke('nope', {})).error).toEqual({ code: 'FUNCTION_NOT_FOUND', message: 'function nope is not deployed' })
  })

  it('passes the caller identity on through cloud.callFunction, chaining SOURCE', async () => {
    const out = await invoke<Caller>('caller', {}, client('o_test_user_1'))
    expect(out.result!.self).toMatchObject({ OPENID: 'o_test_user_1', SOURCE: 'wx_client' })
    expect(out.result!.errMsg).toBe('callFunction:ok')
    expect(out.result!.callee!.wx).toEqual({ OPENID: 'o_test_user_1', APPID: APP, CLIENTIP: '127.0.0.1', ENV: 'local-env', SOURCE: 'wx_client,scf' })
    expect(out.result!.callee!.echo).toBe('from-caller')
    // Only direct mini-program calls get userInfo injected.
    expect(out.result!.callee!.userInfo).toBeNull()
  })

  it('passes no identity on from a console call', async () => {
    const out = await invoke<Caller>('caller', {})
    expect(out.result!.callee!.wx.OPENID).toBeUndefined()
    expect(out.result!.callee!.wx.SOURCE).toBe(',scf')
  })

  it('surfaces callee failures to the calling function through the SDK', async () => {
    const thrown = await invoke<Caller>('caller', { target: 'thrower', data: { message: 'inner failure' } }, client('o_test_user_1'))
    // As in the cloud (reference §5): the string code is lost, the message survives.
    expect(thrown.result!.error!.errCode).toBe(-1)
    expect(thrown.result!.error!.errMsg).toMatch(/^callFunction:fail .*inner failure/)
    const missing = await invoke<Caller>('caller', { target: 'nope' }, client('o_test_user_1'))
    expect(missing.result!.error!.errMsg).toContain('function nope is not deployed')
  })

  it('never takes identity from the environment of whoever calls the admin API', async () => {
    // This test process claims an OPENID and SOURCE in its env; the SDK sends no token, so the callee runs as the console does.
    useSdk(emu, { OPENID: 'o_test_impostor', SOURCE: 'wx_client' })
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    const res = (await cloud.callFunction({ name: 'whoami', data: {} })) as unknown as { result: WhoAmI }
    expect(res.result.wx).toEqual({ ENV: 'local-env' })

    const forged = await fetch(emu.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'whoami', request_data: '{}', wxCloudApiToken: 'f'.repeat(48) }),
    })
    expect(await forged.json()).toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  it('takes SOURCE from how the emulator ran the caller, never from the x-tcb-source header', async () => {
    // Outside any function: `wx_trigger` would open a function's timer routes, `wx_client` pass for a user.
    for (const claimed of ['wx_trigger', 'wx_client', 'wx_trigger,scf']) {
      const forged = await fetch(emu.adminUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tcb-source': claimed },
        body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'whoami', request_data: '{"echo":"forged"}' }),
      })
      const reply = (await forged.json()) as { data: { response_data: string } }
      expect((JSON.parse(reply.data.response_data) as WhoAmI).wx).toEqual({ ENV: 'local-env' })
    }
    // Inside a function: the caller's own invocation (found by its WX_API_TOKEN) decides, whatever it sends.
    const fromUser = await invoke<Caller>('caller', { claimSource: 'wx_trigger' }, client('o_test_user_1'))
    expect(fromUser.result!.callee!.wx).toMatchObject({ OPENID: 'o_test_user_1', SOURCE: 'wx_client,scf' })
    const fromConsole = await invoke<Caller>('caller', { claimSource: 'wx_trigger' })
    expect(fromConsole.result!.callee!.wx).toEqual({ ENV: 'local-env', SOURCE: ',scf' })
  })

  it('writes to the database as the calling user', async () => {
    const out = await invoke<{ _id: string; owner: string; text: string; atIsDate: boolean }>('dbwriter', { text: 'note' }, client('o_test_user_3'))
    expect(out.error).toBeUndefined()
    expect(out.result).toMatchObject({ owner: 'o_test_user_3', text: 'note', atIsDate: true })
    useSdk(emu)
    const { data } = (await cloud.database().collection('fixture_notes').doc(out.result!._id).get()) as unknown as { data: { owner: string } }
    expect(data.owner).toBe('o_test_user_3')
  })

  it('fires a timer trigger on demand as wx_trigger, whose token can call other functions', async () => {
    const fired = await emu.control<InvokeResult>('/timers/run', { name: 'ticker', trigger: 'nightly' })
    expect(fired.error).toBeUndefined()
    const byDefault = await emu.control<InvokeResult>('/timers/run', { name: 'ticker' })
    expect(byDefault.error).toBeUndefined()
    const { result } = await invoke<Ticker>('ticker', {})
    expect(result!.firings).toHaveLength(2)
    const [first] = result!.firings
    expect(first!.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' })
    expect(first!.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(first!.wx).toEqual({ APPID: '', ENV: 'local-env', SOURCE: 'wx_trigger' })
    expect(first!.triggerSrc).toBe('timer')
    expect(first!.callee!.wx).toEqual({ APPID: '', ENV: 'local-env', SOURCE: 'wx_trigger,scf' })

    expect((await emu.control<InvokeResult>('/timers/run', { name: 'ticker', trigger: 'weekly' })).error?.code).toBe('INVALID_PARAM')
    expect((await emu.control<InvokeResult>('/timers/run', { name: 'nope' })).error?.code).toBe('FUNCTION_NOT_FOUND')
  })
})

describe('timer scheduler', () => {
  let emu: RunningEmulator
  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: FIXTURES, timers: true })
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('fires "* * * * * * *" every second, never overlapping a run still in flight', async () => {
    let ticker: Ticker = { firings: [], maxInFlight: 0 }
    for (let waited = 0; waited < 8000 && ticker.firings.length < 2; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      ticker = (await emu.control<{ result: Ticker }>('/invoke', { name: 'ticker', event: {}, identity: null })).result
    }
    const everySecond = ticker.firings.filter((f) => f.event.TriggerName === 'everySecond')
    expect(everySecond.length).toBeGreaterThanOrEqual(2)
    // Each run takes 1.5 s: the firing due one second later is skipped, not stacked.
    expect(ticker.maxInFlight).toBe(1)
    const times = everySecond.map((f) => Date.parse(f.event.Time))
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2000)
    expect(everySecond[0]!.wx).toEqual({ APPID: '', ENV: 'local-env', SOURCE: 'wx_trigger' })
  })
})
