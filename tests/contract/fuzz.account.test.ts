import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { POLICY_VERSIONS } from '../../src/content'
import { PHOTO_SLOTS } from '../../src/domain/certification/certification-form'
import { CERT_ENV, fictionalId, tinyJpeg, validCertFields } from '../support/certification'
import { decision, freshCloud, invoker, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import type { Known } from '../support/fuzz'
import { fuzzFunction, POLICY_3 } from '../support/fuzz-specs'

// Seeded fuzzing of `account` (cancellation), `certification` and `export`, their timers included: see fuzz.test.ts.
describe('fuzz: account, certification and export', () => {
  let emu: RunningEmulator
  let consent: ReturnType<typeof invoker>
  const ME = 'o_fuzz_main_user'
  const OTHER = 'o_fuzz_other_user'
  const agree = async (openid: string) => expect((await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))).result).toMatchObject({ ok: true })

  beforeAll(async () => {
    emu = await startEmulator({ env: CERT_ENV })
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('account: 300 seeded payloads per action and timer', async () => {
    const account = invoker(emu, 'account')
    await agree(ME)
    await agree(OTHER)
    // `me` makes the caller's account row on first use only; after this it is a read.
    expect((await account({ action: 'me' }, user(ME))).result).toMatchObject({ ok: true })
    const filed = (await account({ action: 'requestCancellation', clientRequestId: 'setup-cancel-other', notify: false }, user(OTHER))).result
    expect(filed).toMatchObject({ ok: true })
    const theirs = filed!.data.requestId as string
    const theirCertificate = filed!.data.certificateId as string
    const known: Known = { ids: [theirs, theirCertificate, OTHER, ME, 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'account', { known, ids: { me: ME, theirCancellation: theirs }, secrets: [OTHER, theirs, theirCertificate] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(run.okBy).toMatchObject({ 'account.me': expect.any(Number), 'account.cancellationPreview': expect.any(Number), 'account.cancellationStatus': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND']))
  }, 600_000)

  it('certification: 300 seeded payloads per action and timer', async () => {
    const cert = invoker(emu, 'certification')
    const CERT_PURPOSE = { kind: 'purpose', id: 'store-certification' } as const
    for (const who of [ME, OTHER]) {
      await agree(who)
      expect((await consent({ action: 'record', request: decision({ policy: POLICY_3, target: CERT_PURPOSE, method: 'purpose-prompt' }) }, user(who))).result).toMatchObject({ ok: true })
    }
    const theirId = fictionalId('19780415', '330106', '552')
    const theirMobile = '13566667777'
    for (const slotName of PHOTO_SLOTS) expect((await cert({ action: 'setPhoto', clientRequestId: `setup-${slotName}`, slot: slotName, image: tinyJpeg(3) }, user(OTHER))).result).toMatchObject({ ok: true })
    const submitted = (await cert({ action: 'submit', clientRequestId: 'setup-submit', fields: validCertFields({ legalName: '隔壁王', idNumber: theirId, mobile: theirMobile }) }, user(OTHER))).result
    expect(submitted).toMatchObject({ ok: true })
    const theirRow = ((await settled(database().collection('certifications').get())).data as Array<{ _id: string }>)[0]!._id
    const known: Known = { ids: [theirRow, OTHER, ME, theirId, theirMobile, 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'certification', { known, ids: { me: ME }, secrets: [OTHER, theirRow, theirId, theirMobile, '隔壁王', '隔*'] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(run.okBy).toMatchObject({ 'certification.status': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'CERT.ID_NUMBER_INVALID', 'CERT.MOBILE_INVALID', 'CERT.USCC_INVALID', 'CERT.PHOTO_INVALID', 'CERT.NAME_INVALID', 'CERT.STORE_INVALID']))
  }, 600_000)

  it('export: 300 seeded payloads per action and timer', async () => {
    await agree(ME)
    await agree(OTHER)
    const built = (await invoker(emu, 'export')({ action: 'requestExport', clientRequestId: 'setup-export-other' }, user(OTHER))).result
    expect(built).toMatchObject({ ok: true })
    const theirs = built!.data.request.id as string
    const known: Known = { ids: [theirs, OTHER, ME, 'a'.repeat(20)] }

    const run = await fuzzFunction(emu, 'export', { known, ids: { me: ME }, secrets: [OTHER, theirs] })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    // The caller has no export: reads of any id are refused.
    expect(run.okBy).toEqual({})
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND']))
  }, 600_000)
})
