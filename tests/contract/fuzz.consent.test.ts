import { POLICY_VERSIONS } from '../../src/content'
import { decision, freshCloud, invoker, LOCATION, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import type { Known } from '../support/fuzz'
import { fuzzFunction, POLICY_3 } from '../support/fuzz-specs'

// Seeded fuzzing of `consent` (its timer included), `stores` (its open request included) and WeChat's pushes to `wxpush`: see fuzz.test.ts.
describe('fuzz: consent, stores and wxpush', () => {
  let emu: RunningEmulator
  let consent: ReturnType<typeof invoker>
  const ME = 'o_fuzz_main_user'
  const OTHER = 'o_fuzz_other_user'
  const agree = async (openid: string) => expect((await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))).result).toMatchObject({ ok: true })
  const events = async (openid: string) => (await consent({ action: 'history' }, user(openid))).result!.data.events as Array<{ eventId: string; subject: string; hash: string }>

  beforeAll(async () => {
    emu = await startEmulator()
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('consent: 300 seeded payloads per action and timer', async () => {
    await agree(ME)
    await agree(OTHER)
    expect((await consent({ action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) }, user(OTHER))).result).toMatchObject({ ok: true })
    const [mine] = await events(ME)
    const theirs = await events(OTHER)
    const known: Known = { ids: [...theirs.map((e) => e.eventId), mine!.eventId, OTHER, ME, 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'consent', { known, ids: { me: ME, ownEvent: mine!.eventId }, secrets: [OTHER, theirs[0]!.subject, ...theirs.flatMap((e) => [e.eventId, e.hash])] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(run.okBy).toMatchObject({ 'consent.policy': expect.any(Number), 'consent.status': expect.any(Number), 'consent.history': expect.any(Number), 'consent.verify': expect.any(Number), 'consent.receipt': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND']))
  }, 600_000)

  it('stores: 300 seeded payloads per action and the open request', async () => {
    await agree(ME)
    const known: Known = { ids: [OTHER, ME, 'sh-jingan', 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'stores', { known, ids: { me: ME }, secrets: [OTHER] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    // Without a location grant `nearby` never answers.
    expect(run.okBy).toMatchObject({ 'stores.list': expect.any(Number), 'stores.open': expect.any(Number) })
    expect(run.okBy['stores.nearby']).toBeUndefined()
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'CONSENT.REQUIRED']))
  }, 600_000)

  it('wxpush: 300 seeded pushes, malformed, for other events, or a plugin’s (a valid no-op)', async () => {
    await agree(ME)
    await agree(OTHER)
    const known: Known = { ids: [OTHER, ME, 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'wxpush', { known, ids: { me: ME, other: OTHER }, secrets: [] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'PUSH.UNSUPPORTED_EVENT']))
  }, 600_000)
})
