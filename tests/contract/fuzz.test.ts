import { existsSync } from 'node:fs'
import path from 'node:path'
import { functionNames } from '../../config/build-cloudfunctions'
import { POLICY_VERSIONS } from '../../src/content'
import { callablesOf, manifestOf } from '../support/callables'
import { decision, freshCloud, invoker, user } from '../support/consent'
import { ROOT, removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { functionCases, type Known, PER_CALLABLE } from '../support/fuzz'
import { FUNCTION_SPECS, FUZZ_SUITES, fuzzFunction, POLICY_3 } from '../support/fuzz-specs'

/**
 * Seeded fuzzing of every callable of every built function (npm run build:cloud) through the emulator:
 * each route, ops action, timer, open request and push gets at least 300 malformed payloads (the list
 * comes from the functions' own route tables, tests/support/callables.ts). Every reply must be a coded
 * `{ ok, … }` (never COMMON.INTERNAL, never a runner error), must not carry another user's data, and
 * nothing may change: writes only ever get payloads that are invalid by construction (checked against
 * the very rule that refuses them), so only reads and valid no-ops may answer ok. This file checks the
 * coverage and fuzzes `personal` and `orders`; fuzz.*.test.ts fuzz the others side by side.
 */
describe('fuzz coverage: every callable has a generator and a suite', () => {
  it('puts every function in exactly one fuzz file, and each file exists', () => {
    const assigned = Object.values(FUZZ_SUITES).flat()
    expect([...assigned].sort()).toEqual(functionNames())
    for (const file of Object.keys(FUZZ_SUITES)) expect(existsSync(path.join(ROOT, 'tests', 'contract', file))).toBe(true)
  })

  it.each(functionNames())('%s: every route, timer, open request and push gets at least 300 payloads', (fn) => {
    const manifest = manifestOf(fn)
    const specs = FUNCTION_SPECS[fn]
    expect(specs).toBeDefined()
    const ids = { me: 'o_a', other: 'o_b', ownContact: 'c', otherMobile: '13900000000', theirCancellation: 'r'.repeat(20), ownEvent: 'e' }
    const known: Known = { ids: Object.values(ids) }
    const cases = functionCases(fn, manifest, specs!(known, ids, manifest), known)
    const counts = new Map<string, number>()
    for (const c of cases) counts.set(c.key, (counts.get(c.key) ?? 0) + 1)
    expect(callablesOf(fn, manifest).filter((c) => (counts.get(c.key) ?? 0) < PER_CALLABLE)).toEqual([])
  })
})

describe('fuzz: personal and orders', () => {
  let emu: RunningEmulator
  let personalFn: ReturnType<typeof invoker>
  let ordersFn: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  const ME = 'o_fuzz_main_user'
  const OTHER = 'o_fuzz_other_user'
  const MY_CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
  const OTHER_CONTACT = { name: '李四', mobile: '13977770001', regionId: '330106', addressLine: '样例街 12 号 3 室' }
  const OTHER_NICKNAME = '隔壁的秘密昵称'
  // 2026.3 declares the profile, so the profile actions reach their checks.
  const agree = async (openid: string) => expect((await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))).result).toMatchObject({ ok: true })
  const addContact = async (openid: string, contact: object): Promise<string> => {
    const reply = (await personalFn({ action: 'addContact', clientRequestId: `setup-contact-${openid}`, contact }, user(openid))).result
    expect(reply).toMatchObject({ ok: true })
    return reply!.data.contacts[0].id as string
  }
  const placeOrder = async (openid: string): Promise<string> => {
    const reply = (await ordersFn({ action: 'place', clientRequestId: `setup-order-${openid}`, storeId: 'sh-jingan', lines: [{ productId: 'coffee-beans', quantity: 2 }] }, user(openid))).result
    expect(reply).toMatchObject({ ok: true })
    return reply!.data.id as string
  }

  beforeAll(async () => {
    emu = await startEmulator()
    personalFn = invoker(emu, 'personal')
    ordersFn = invoker(emu, 'orders')
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('personal: 300 seeded payloads per action', async () => {
    await agree(ME)
    await agree(OTHER)
    expect((await personalFn({ action: 'setNickname', clientRequestId: 'setup-nickname-other', nickname: OTHER_NICKNAME }, user(OTHER))).result).toMatchObject({ ok: true })
    const mine = await addContact(ME, MY_CONTACT)
    const theirs = await addContact(OTHER, OTHER_CONTACT)
    const known: Known = { ids: [theirs, OTHER, mine, ME, OTHER_CONTACT.mobile, 'a'.repeat(20), 'stalledNoArchive0001'] }

    const run = await fuzzFunction(emu, 'personal', { known, ids: { me: ME, ownContact: mine, otherMobile: OTHER_CONTACT.mobile }, secrets: [OTHER, OTHER_CONTACT.mobile, theirs, OTHER_NICKNAME] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    // The fuzz reached past the schema: reads answered, writes were refused by the domain too.
    expect(run.okBy).toMatchObject({ 'personal.inventory': expect.any(Number), 'personal.reveal': expect.any(Number), 'personal.requests': expect.any(Number), 'personal.profile': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND', 'PERSONAL.NAME_INVALID', 'PERSONAL.MOBILE_INVALID', 'PERSONAL.REGION_UNKNOWN', 'PERSONAL.ADDRESS_INVALID', 'REQUEST.MESSAGE_INVALID', 'REQUEST.DETAIL_INVALID']))
  }, 600_000)

  it('orders: 300 seeded payloads per action', async () => {
    await agree(ME)
    await agree(OTHER)
    const mine = await addContact(ME, MY_CONTACT)
    const theirs = await addContact(OTHER, OTHER_CONTACT)
    await placeOrder(ME)
    const theirOrder = await placeOrder(OTHER)
    const known: Known = { ids: [theirs, theirOrder, OTHER, mine, ME, OTHER_CONTACT.mobile] }

    const run = await fuzzFunction(emu, 'orders', { known, ids: { me: ME }, secrets: [OTHER, OTHER_CONTACT.mobile, theirOrder] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(run.okBy).toMatchObject({ 'orders.products': expect.any(Number), 'orders.mine': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'ORDER.UNKNOWN_STORE', 'ORDER.UNKNOWN_PRODUCT']))
  }, 600_000)
})
