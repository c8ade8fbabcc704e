import path from 'node:path'
import type { InvokeResult } from '../../emulator/functions/runner'
import { connectSdk, removeDataDir, ROOT, startEmulator, type RunningEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'functions')
const TIMED_OUT = { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: 'Invoking task timed out after 1 seconds' }

type Served = { instance: string; calls: number }

/** `latewriter` has a 1 s timeout and tries to write past it (tests/fixtures/functions/latewriter). */
describe('a timeout, or a crash, ends the invocation', () => {
  let emu: RunningEmulator
  let cloud: any
  const late = (event: Record<string, unknown>) => emu.control<InvokeResult & { result?: Served }>('/invoke', { name: 'latewriter', event, identity: null })
  const notes = async (run: string): Promise<number> => (await cloud.database().collection('late_notes').where({ run }).count()).total
  /** Ten writes one after another, each a round trip through the emulator: a loop still alive would write between them. */
  const markerWrites = async (run: string) => {
    for (let i = 0; i < 10; i++) await cloud.database().collection('late_notes').add({ data: { run, i } })
    expect(await notes(run)).toBe(10)
  }

  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: FIXTURES })
    cloud = connectSdk(emu)
    await cloud.database().createCollection('late_notes')
  })
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('stops a function writing in a loop: nothing it sends lands after the timeout, and the next call gets a fresh instance', async () => {
    const before = (await late({})).result!
    expect(await late({ mode: 'loop', run: 'loop-1' })).toMatchObject({ error: TIMED_OUT })
    const atTimeout = await notes('loop-1')
    expect(atTimeout).toBeGreaterThan(0)
    await markerWrites('marker-1')
    expect(await notes('loop-1')).toBe(atTimeout)
    // SCF never reuses a timed-out instance: the next call loads the module afresh, and succeeds.
    const next = await late({})
    expect(next.error).toBeUndefined()
    expect(next.result!.instance).not.toBe(before.instance)
    expect(next.result!.calls).toBe(1)
  })

  it('refuses a write the function sent before its timeout that reaches the database after it', async () => {
    // Every database request now waits as long before it is handled, so the write below arrives after the timeout.
    await emu.control('/faults', { latencyMs: 1500 })
    try {
      expect(await late({ mode: 'once', run: 'late-1' })).toMatchObject({ error: TIMED_OUT })
      // Delayed alike but sent later, this count is handled after the function's write was.
      expect(await notes('late-1')).toBe(0)
    } finally {
      await emu.control('/faults', undefined, 'DELETE')
    }
  })

  it('stops a function that never yields, and the emulator keeps serving', async () => {
    expect(await late({ mode: 'spin' })).toMatchObject({ error: TIMED_OUT })
    const next = await late({})
    expect(next.error).toBeUndefined()
    expect(next.result!.calls).toBe(1)
  })

  it('lets an invocation running beside a timed-out one finish, while the timed-out one can no longer write', async () => {
    // whoami (5 s timeout) is still waiting out its delay when latewriter times out in the same instance host.
    const [looped, beside] = await Promise.all([
      late({ mode: 'loop', run: 'loop-2' }),
      emu.control<InvokeResult>('/invoke', { name: 'whoami', event: { delayMs: 1500, echo: 'beside' }, identity: null }),
    ])
    expect(looped).toMatchObject({ error: TIMED_OUT })
    expect(beside.error).toBeUndefined()
    expect((beside.result as { echo: string }).echo).toBe('beside')
    const atTimeout = await notes('loop-2')
    expect(atTimeout).toBeGreaterThan(0)
    await markerWrites('marker-2')
    expect(await notes('loop-2')).toBe(atTimeout)
  })

  it('fails the invocation whose code crashes its instance, and serves the next on a new one', async () => {
    const crashed = await late({ mode: 'crash' })
    expect(crashed.error).toEqual({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'function instance crashed: fixture crash outside main' })
    const next = await late({})
    expect(next.error).toBeUndefined()
    expect(next.result!.calls).toBe(1)
  })
})
