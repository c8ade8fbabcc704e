import { readFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CERTIFICATIONS } from '../../cloudfunctions/_shared/repositories/certifications'
import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../src/content'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { CERT_ENV, CERT_HMAC_KEY, CERT_KEY_1, CERT_KEY_2, fictionalId, fictionalUscc, tinyJpeg, validCertFields } from '../support/certification'
import { decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { calendarCoversNow } from '../support/calendar'
import { removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }
const CERT_PURPOSE = { kind: 'purpose', id: 'store-certification' } as const
const ID_NUMBER = fictionalId('19850612', '110105', '417')
const MOBILE = '13987654321'

/**
 * The built `certification` function and the certification actions of `ops`, through the real SDK:
 * separate consent first; sensitive values sealed at rest and answered masked; photos private, each
 * link 5 minutes and only to the owner; review with an audited reveal; withdrawal deletes.
 */
describe('certification function', () => {
  let emu: RunningEmulator
  let cert: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let ops: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `cert-${process.pid}-${++n}`
  const call = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await cert(event, user(openid))).result!
  const asOps = async (event: Record<string, unknown>): Promise<Reply> => (await ops({ operator: operator(), ...event }, {})).result!
  const rows = async (collection: string) => (await settled(database().collection(collection).limit(1000).get())).data as Array<Record<string, any>>
  const agree = async (openid: string, sensitive: 'grant' | 'deny' | 'none' = 'grant') => {
    await consent({ action: 'record', request: decision({ policy: POLICY_3 }) }, user(openid))
    if (sensitive !== 'none') await consent({ action: 'record', request: decision({ policy: POLICY_3, target: CERT_PURPOSE, decision: sensitive, method: 'purpose-prompt' }) }, user(openid))
  }
  const fetchStatus = async (url: string) => (await fetch(url)).status
  /** A merchant with a complete, submitted application. */
  const submitted = async (openid: string, fields = validCertFields({ idNumber: ID_NUMBER, mobile: MOBILE })) => {
    await agree(openid)
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) {
      expect(await call(openid, { action: 'setPhoto', clientRequestId: rid(), slot, image: tinyJpeg(fill) })).toMatchObject({ ok: true })
    }
    const reply = await call(openid, { action: 'submit', clientRequestId: rid(), fields })
    expect(reply).toMatchObject({ ok: true, data: { application: { status: 'submitted', version: 1 } } })
    return reply.data.application
  }

  let logs = ''
  const listen = (e: RunningEmulator) => {
    e.child.stdout!.on('data', (d: Buffer) => (logs += d.toString()))
    e.child.stderr!.on('data', (d: Buffer) => (logs += d.toString()))
  }
  /** The user's export, built and downloaded: every file of the zip as text (the avatar as bytes is not needed here). */
  const exportText = async (openid: string): Promise<string> => {
    const exporter = invoker(emu, 'export')
    const built = (await exporter({ action: 'requestExport', clientRequestId: rid() }, user(openid))).result!
    expect(built).toMatchObject({ ok: true, data: { archive: { status: 'ready' } } })
    const link = (await exporter({ action: 'exportUrl', requestId: built.data.request.id }, user(openid))).result!
    const files = unzipSync(new Uint8Array(await (await fetch(encodeURI(link.data.url))).arrayBuffer()))
    return Object.values(files).map((f) => strFromU8(f)).join('\n')
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: { ...OPS_ENV, ...CERT_ENV } })
    listen(emu)
    cert = invoker(emu, 'certification')
    consent = invoker(emu, 'consent')
    ops = invoker(emu, 'ops')
  })
  beforeEach(() => freshCloud(emu, [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('collects nothing without the separate consent; a refusal blocks nothing else', async () => {
    const fields = validCertFields()
    expect(await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    await agree('o_test_user_1', 'deny')
    expect(await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image: tinyJpeg(1) })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await call('o_test_user_1', { action: 'status' })).toEqual({ ok: true, data: {} })
    expect(await rows(CERTIFICATIONS)).toEqual([])
    // The rest of the account works after the refusal.
    const personal = invoker(emu, 'personal')
    expect((await personal({ action: 'setNickname', clientRequestId: rid(), nickname: '小张' }, user('o_test_user_1'))).result).toMatchObject({ ok: true })
    const history = (await consent({ action: 'history' }, user('o_test_user_1'))).result!
    const refusal = history.data.events.find((e: { target: { id: string } }) => e.target.id === 'store-certification')
    expect(refusal).toMatchObject({ decision: 'deny', method: 'purpose-prompt' })
    const receipt = (await consent({ action: 'receipt', eventId: refusal.eventId }, user('o_test_user_1'))).result!
    expect(receipt.data).toMatchObject({ sensitive: true })
  })

  it('keeps a draft, refuses wrong check digits at their field, and answers masked only', async () => {
    await agree('o_test_user_1')
    const badId = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER[17] === '1' ? '2' : '1'}`
    const badUscc = `${fictionalUscc().slice(0, 17)}${fictionalUscc()[17] === '0' ? '1' : '0'}`
    for (const [fields, code] of [
      [{ idNumber: badId }, 'CERT.ID_NUMBER_INVALID'],
      [{ idNumber: '110105203002304171' }, 'CERT.ID_NUMBER_INVALID'],
      [{ uscc: badUscc }, 'CERT.USCC_INVALID'],
      [{ mobile: '12345678901' }, 'CERT.MOBILE_INVALID'],
      [{ legalName: '123' }, 'CERT.NAME_INVALID'],
      [{ storeId: 'no-such-store' }, 'CERT.STORE_INVALID'],
    ] as const) {
      const reply = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields })
      expect(reply).toMatchObject({ ok: false, code })
      expect(reply.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await rows(CERTIFICATIONS)).toEqual([])

    const saved = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { legalName: '张三', mobile: MOBILE, idNumber: ID_NUMBER.toLowerCase() } })
    expect(saved).toMatchObject({ ok: true, data: { application: { status: 'draft', fields: { legalName: '张*', mobile: '139****4321', idNumber: `110***********${ID_NUMBER.slice(-4)}` } } } })
    expect(saved.data.application.missing).toEqual(['uscc', 'storeName', 'storeAddress', 'idFront', 'idBack', 'licence'])
    // A later save keeps what it does not name.
    const later = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { storeId: 'sh-jingan' } })
    expect(later.data.application).toMatchObject({ storeId: 'sh-jingan', fields: { legalName: '张*', storeName: '示例商城 静安店' } })
    // Typing a store of one's own over the catalogue pick drops the pick.
    const own = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { storeName: '我的示例小店' } })
    expect(own.data.application.storeId).toBeUndefined()
    expect(own.data.application.fields).toMatchObject({ storeName: '我的示例小店', storeAddress: '上海市静安区示例路 101 号' })
    expect(await call('o_test_user_1', { action: 'submit', clientRequestId: rid(), fields: {} })).toMatchObject({ ok: false, code: 'CERT.INCOMPLETE' })

    const [row] = await rows(CERTIFICATIONS)
    const stored = JSON.stringify(row)
    for (const clear of [ID_NUMBER, ID_NUMBER.toLowerCase(), MOBILE, '张三']) expect(stored).not.toContain(clear)
    expect(row!._id).not.toContain('o_test_user_1')
    expect(row!.sealed.idNumber).toMatchObject({ kid: 'k1' })
    expect(JSON.stringify(saved)).not.toContain(ID_NUMBER)
  })

  it('stores photos privately under a folder that does not name the user; only JPEGs, only the owner sees them', async () => {
    await agree('o_test_user_1')
    await agree('o_test_user_2')
    for (const image of ['not base64!', Buffer.from('GIF89a not a jpeg').toString('base64'), tinyJpeg(1, 500 * 1024 + 1)]) {
      const reply = await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image })
      expect(reply.ok).toBe(false)
      expect(['CERT.PHOTO_INVALID', 'COMMON.INVALID_INPUT']).toContain(reply.code)
    }
    expect(await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: '../avatars', image: tinyJpeg(1) })).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await rows(CERTIFICATIONS)).toEqual([])

    const first = await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image: tinyJpeg(1) })
    const url1 = first.data.application.photos.idFront.thumbnailUrl as string
    expect(url1).toMatch(/^https?:\/\//)
    expect(await fetchStatus(url1)).toBe(200)
    const [row] = await rows(CERTIFICATIONS)
    expect(row!.photos.idFront.fileID).toMatch(new RegExp(`/certification/${row!._id}/idFront-[A-Za-z0-9_-]+\\.jpg$`))
    expect(row!.photos.idFront.fileID).not.toContain('o_test_user_1')
    // Replacing the photo deletes the old file.
    await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image: tinyJpeg(9) })
    expect(await fetchStatus(url1)).not.toBe(200)
    // The other user's status shows nothing of it.
    expect(await call('o_test_user_2', { action: 'status' })).toEqual({ ok: true, data: {} })
  })

  it('runs the review: ops see it masked, reject with a reason, the merchant corrects and resubmits, ops approve', async () => {
    const app = await submitted('o_test_user_1')
    expect(app.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { storeName: '改名' } })).toMatchObject({ ok: false, code: 'CERT.ILLEGAL_TRANSITION' })

    const list = await asOps({ action: 'listCertifications' })
    expect(list.data.rows).toHaveLength(1)
    const id = list.data.rows[0].applicationId
    const shown = await asOps({ action: 'showCertification', applicationId: id })
    expect(shown).toMatchObject({ ok: true, data: { status: 'under-review', fields: { legalName: '张*', mobile: '139****4321' }, sameIdNumberElsewhere: 0 } })
    expect(JSON.stringify(shown)).not.toContain(ID_NUMBER)
    expect(await fetchStatus(shown.data.photos.idFront.url)).toBe(200)

    expect(await asOps({ action: 'rejectCertification', applicationId: id })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await asOps({ action: 'rejectCertification', applicationId: id, reason: '营业执照照片模糊，请重新拍摄' })).toMatchObject({ ok: true, data: { status: 'rejected' } })
    const rejected = (await call('o_test_user_1', { action: 'status' })).data.application
    expect(rejected).toMatchObject({ status: 'rejected', reason: '营业执照照片模糊，请重新拍摄' })
    expect(rejected.purgeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const oldLicence = (await rows(CERTIFICATIONS))[0]!.photos.licence.fileID
    await call('o_test_user_1', { action: 'setPhoto', clientRequestId: rid(), slot: 'licence', image: tinyJpeg(4) })
    expect((await rows(CERTIFICATIONS))[0]!.photos.licence.fileID).not.toBe(oldLicence)
    expect(await call('o_test_user_1', { action: 'submit', clientRequestId: rid(), fields: {} })).toMatchObject({ ok: true, data: { application: { status: 'submitted', version: 2 } } })
    expect((await call('o_test_user_1', { action: 'status' })).data.application.reason).toBeUndefined()
    expect(await asOps({ action: 'approveCertification', applicationId: id })).toMatchObject({ ok: true, data: { status: 'approved' } })
    expect(await asOps({ action: 'approveCertification', applicationId: id })).toMatchObject({ ok: false, code: 'CERT.ILLEGAL_TRANSITION' })
    const history = (await call('o_test_user_1', { action: 'status' })).data.application.history.map((h: { event: string }) => h.event)
    expect(history).toEqual(['submit', 'start-review', 'reject', 'submit', 'approve'])
  })

  it('reveals a full value only with a reason, and the audit keeps the item and reason but never the value', async () => {
    await submitted('o_test_user_1')
    const id = (await rows(CERTIFICATIONS))[0]!._id
    expect(await asOps({ action: 'revealCertification', applicationId: id, item: 'idNumber' })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await asOps({ action: 'revealCertification', applicationId: id, item: 'idNumber', reason: '核对身份证照片与号码是否一致' })).toEqual({ ok: true, data: { item: 'idNumber', value: ID_NUMBER } })
    const photo = await asOps({ action: 'revealCertification', applicationId: id, item: 'idBack', reason: '查看反面有效期' })
    expect(await fetchStatus(photo.data.url)).toBe(200)
    const audit = await rows('ops_audit')
    const reveals = audit.filter((e) => e.action === 'revealCertification').sort((a, b) => a.seq - b.seq)
    expect(reveals.map((e) => [e.targets, e.item, e.reason ?? null, e.outcome])).toEqual([
      [[id], 'idNumber', null, 'REQUEST.REASON_REQUIRED'],
      [[id], 'idNumber', '核对身份证照片与号码是否一致', 'ok'],
      [[id], 'idBack', '查看反面有效期', 'ok'],
    ])
    expect(JSON.stringify(audit)).not.toContain(ID_NUMBER)
    expect((await asOps({ action: 'verifyAudit' })).data).toMatchObject({ intact: true })
    // A mini-program user cannot call ops.
    expect((await ops({ action: 'revealCertification', applicationId: id, item: 'idNumber', reason: 'x' }, user('o_test_user_1'))).result).toMatchObject({ ok: false })
  })

  it('finds the same ID number on another application by its keyed hash, without decrypting', async () => {
    await submitted('o_test_user_1')
    await submitted('o_test_user_2', validCertFields({ idNumber: ID_NUMBER, mobile: '13600001111', storeName: '第二家示例店' }))
    const [a] = (await asOps({ action: 'listCertifications' })).data.rows
    expect((await asOps({ action: 'showCertification', applicationId: a.applicationId })).data.sameIdNumberElsewhere).toBe(1)
  })

  it('withdrawal deletes the values and every photo and keeps only the dated history; a new application starts empty', async () => {
    const app = await submitted('o_test_user_1')
    const urls = Object.values(app.photos).map((p: any) => p.thumbnailUrl as string)
    for (const url of urls) expect(await fetchStatus(url)).toBe(200)
    const reply = await call('o_test_user_1', { action: 'withdraw', clientRequestId: rid() })
    expect(reply).toMatchObject({ ok: true, data: { application: { status: 'withdrawn', fields: {}, photos: {} } } })
    for (const url of urls) expect(await fetchStatus(url)).not.toBe(200)
    const [row] = await rows(CERTIFICATIONS)
    expect(row).toMatchObject({ status: 'withdrawn', sealed: {}, masked: {}, photos: {}, store: {} })
    expect(row!.idDigest).toBeUndefined()
    expect(row!.orphans ?? []).toEqual([])
    expect(row!.history.map((h: { event: string }) => h.event)).toEqual(['submit', 'withdraw'])
    expect(await call('o_test_user_1', { action: 'withdraw', clientRequestId: rid() })).toMatchObject({ ok: true, data: { application: { status: 'withdrawn' } } })
    expect(await call('o_test_user_2', { action: 'withdraw', clientRequestId: rid() })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    const again = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { storeName: '新店' } })
    expect(again.data.application).toMatchObject({ status: 'draft', fields: { storeName: '新店' }, photos: {} })
  })

  it('the purge deletes a rejected application’s data 30 days after the rejection; a newer one stays', async () => {
    const app = await submitted('o_test_user_1')
    await submitted('o_test_user_2', validCertFields({ idNumber: fictionalId('19910101'), mobile: '13511112222' }))
    const [a, b] = (await asOps({ action: 'listCertifications' })).data.rows.map((r: { applicationId: string }) => r.applicationId)
    for (const id of [a, b]) expect(await asOps({ action: 'rejectCertification', applicationId: id, reason: '请重新上传清晰照片' })).toMatchObject({ ok: true })
    const mine = (await rows(CERTIFICATIONS)).find((r) => r.openid === 'o_test_user_1')!
    await database().collection(CERTIFICATIONS).doc(mine._id).update({ data: { decidedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString() } })
    const run = await emu.control<{ result?: unknown }>('/timers/run', { name: 'certification', trigger: 'purgeCertifications' })
    expect(run.result).toMatchObject({ ok: true, data: { expired: 1 } })
    const after = await rows(CERTIFICATIONS)
    expect(after.find((r) => r.openid === 'o_test_user_1')).toMatchObject({ status: 'withdrawn', sealed: {}, photos: {} })
    expect(after.find((r) => r.openid === 'o_test_user_1')!.history.at(-1)).toMatchObject({ event: 'expire', by: 'system' })
    expect(after.find((r) => r.openid === 'o_test_user_2')).toMatchObject({ status: 'rejected' })
    for (const p of Object.values(app.photos) as Array<{ thumbnailUrl: string }>) expect(await fetchStatus(p.thumbnailUrl)).not.toBe(200)
  })

  it('withdrawing the consent in the ledger withdraws the certification too', async () => {
    await submitted('o_test_user_1')
    await consent({ action: 'record', request: decision({ policy: POLICY_3, target: CERT_PURPOSE, decision: 'withdraw', method: 'settings-toggle' }) }, user('o_test_user_1'))
    const [row] = await rows(CERTIFICATIONS)
    expect(row).toMatchObject({ status: 'withdrawn', sealed: {}, photos: {} })
  })

  it('refuses malformed payloads without writing, and never answers for another user', async () => {
    await agree('o_test_user_1')
    for (const event of [
      { action: 'saveDraft', clientRequestId: rid(), fields: { idNumber: 110105 } },
      { action: 'saveDraft', clientRequestId: rid(), fields: { openid: 'o_test_user_2' } },
      { action: 'saveDraft', clientRequestId: 'x', fields: {} },
      { action: 'submit', clientRequestId: rid(), fields: [] },
      { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image: 42 },
    ]) {
      expect(await call('o_test_user_1', event)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    }
    expect(await rows(CERTIFICATIONS)).toEqual([])
    // Identity comes from the platform only: an openid in the payload is ignored.
    await submitted('o_test_user_2')
    // No action takes a fileID: another user's photo cannot be named, attached or fetched.
    const theirs = (await rows(CERTIFICATIONS))[0]!.photos.idFront.fileID as string
    for (const event of [
      { action: 'saveDraft', clientRequestId: rid(), fields: { photos: { idFront: theirs } } },
      { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', fileID: theirs },
      { action: 'setPhoto', clientRequestId: rid(), slot: 'idFront', image: theirs },
    ]) {
      expect((await call('o_test_user_1', event)).ok).toBe(false)
    }
    expect((await rows(CERTIFICATIONS)).filter((r) => r.openid === 'o_test_user_1')).toEqual([])
    expect(await call('o_test_user_1', { action: 'status', openid: 'o_test_user_2' })).toEqual({ ok: true, data: {} })
    expect(await call('o_test_user_1', { action: 'withdraw', clientRequestId: rid(), openid: 'o_test_user_2' })).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    expect((await rows(CERTIFICATIONS))[0]).toMatchObject({ status: 'submitted' })
  })

  it('refuses to start without keys rather than store in clear', async () => {
    const bare = await startEmulator({ env: OPS_ENV })
    try {
      await freshCloud(bare, [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3])
      const c = invoker(bare, 'consent')
      await c({ action: 'record', request: decision({ policy: POLICY_3 }) }, user('o_test_user_1'))
      await c({ action: 'record', request: decision({ policy: POLICY_3, target: CERT_PURPOSE, method: 'purpose-prompt' }) }, user('o_test_user_1'))
      const reply = (await invoker(bare, 'certification')({ action: 'saveDraft', clientRequestId: rid(), fields: validCertFields() }, user('o_test_user_1'))).result!
      expect(reply).toMatchObject({ ok: false, code: 'CERT.KEY_MISSING' })
      expect(reply.message).not.toContain(ID_NUMBER)
      expect((await settled(database().collection(CERTIFICATIONS).get())).data).toEqual([])
    } finally {
      await bare.stop()
      removeDataDir(bare.dataDir)
      await freshCloud(emu, [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3])
    }
  })

  it('shows in the inventory (masked, with 5-minute thumbnails) and in the export (masked, photos described, not copied)', async () => {
    await submitted('o_test_user_1')
    const personal = invoker(emu, 'personal')
    const inv = (await personal({ action: 'inventory' }, user('o_test_user_1'))).result!
    const byCat = Object.fromEntries(inv.data.categories.map((c: { category: string }) => [c.category, c]))
    expect(byCat['legal-person-name'].records[0].fields).toEqual([{ key: 'legalName', value: '张*' }])
    expect(byCat['legal-person-mobile'].records[0].fields).toEqual([{ key: 'mobile', value: '139****4321' }])
    expect(byCat['id-number']).toMatchObject({ purposes: ['store-certification'], retention: 'certification', count: 1 })
    expect(byCat['id-card-images'].records.map((r: { id: string }) => r.id)).toEqual(['idFront', 'idBack'])
    expect(await fetchStatus(byCat['id-card-images'].records[0].thumbnailUrl)).toBe(200)
    expect(byCat['business-licence'].count).toBe(2)
    expect(JSON.stringify(inv)).not.toContain(ID_NUMBER)
    const text = await exportText('o_test_user_1')
    expect(text).toContain(`110***********${ID_NUMBER.slice(-4)}`)
    expect(text).toContain('身份证人像面照片')
    expect(text).not.toContain(ID_NUMBER)
    expect(text).not.toContain(MOBILE)
  })

  it('account cancellation deletes the application row and every photo', async () => {
    if (!calendarCoversNow()) return
    const app = await submitted('o_test_user_1')
    const account = invoker(emu, 'account')
    const req = (await account({ action: 'requestCancellation', clientRequestId: rid(), notify: false }, user('o_test_user_1'))).result!
    const preview = (await account({ action: 'cancellationPreview' }, user('o_test_user_1'))).result!
    expect(preview.data.deleted.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['id-number', 'id-card-images', 'business-licence']))
    await database().collection('rights_requests').doc(req.data.requestId).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect(await asOps({ action: 'approve', requestId: req.data.requestId })).toMatchObject({ ok: true })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect((await rows('rights_requests')).find((r) => r._id === req.data.requestId)).toMatchObject({ status: 'completed' })
    expect(await rows(CERTIFICATIONS)).toEqual([])
    for (const p of Object.values(app.photos) as Array<{ thumbnailUrl: string }>) expect(await fetchStatus(p.thumbnailUrl)).not.toBe(200)
    const [certificate] = await rows('deletion_certificates')
    expect(JSON.stringify(certificate)).not.toContain(ID_NUMBER)
  })

  it('no clear ID number or mobile in any log, row (but the ciphertext), error or another user\'s export', async () => {
    logs = ''
    await submitted('o_test_user_1')
    await agree('o_test_user_2')
    const id = (await rows(CERTIFICATIONS))[0]!._id
    await asOps({ action: 'showCertification', applicationId: id })
    await asOps({ action: 'revealCertification', applicationId: id, item: 'idNumber', reason: '核对号码' })
    await asOps({ action: 'rejectCertification', applicationId: id, reason: '请补充清晰的国徽面照片' })
    // A failure inside a call that carries the values: the error reply and the log line must not quote them.
    await emu.control('/faults', { nth: 1, code: 'DATABASE_REQUEST_FAILED', message: `write ${ID_NUMBER} ${MOBILE} failed` })
    const failed = await call('o_test_user_1', { action: 'submit', clientRequestId: rid(), fields: { idNumber: ID_NUMBER, mobile: MOBILE } })
    await emu.control('/faults', undefined, 'DELETE')
    expect(failed).toMatchObject({ ok: false })
    expect(JSON.stringify(failed)).not.toMatch(new RegExp(`${ID_NUMBER}|${MOBILE}`))
    const refused = await call('o_test_user_1', { action: 'saveDraft', clientRequestId: rid(), fields: { idNumber: `${ID_NUMBER.slice(0, 17)}0`, mobile: MOBILE } })
    expect(JSON.stringify(refused)).not.toMatch(new RegExp(`${ID_NUMBER.slice(0, 17)}|${MOBILE}`))

    const other = await exportText('o_test_user_2')
    expect(other).not.toMatch(new RegExp(`${ID_NUMBER}|${MOBILE}|110\\*+`))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(logs).not.toMatch(new RegExp(`${ID_NUMBER}|${MOBILE}`))
    const { collections } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }
    for (const name of collections) {
      const all = await rows(name)
      const withoutCiphertext = all.map(({ sealed: _sealed, ...rest }) => rest)
      expect([name, JSON.stringify(withoutCiphertext)]).not.toEqual([name, expect.stringMatching(new RegExp(`${ID_NUMBER}|${MOBILE}`))])
    }
  })

  it('rotates keys: a resumable job re-seals old rows under the new key, then the old key can go', async () => {
    await submitted('o_test_user_1')
    await submitted('o_test_user_2', validCertFields({ idNumber: fictionalId('19920101'), mobile: '13700002222' }))
    await emu.stop()
    const both = await startEmulator({ dataDir: emu.dataDir, env: { ...OPS_ENV, CERT_KEYS: `k1:${CERT_KEY_1},k2:${CERT_KEY_2}`, CERT_ACTIVE_KEY: 'k2', CERT_HMAC_KEY } })
    const opsBoth = invoker(both, 'ops')
    const run = async (limit: number) => (await opsBoth({ operator: operator(), action: 'reencryptCertifications', limit }, {})).result!
    try {
      expect(await run(1)).toMatchObject({ ok: true, data: { resealed: 1, remaining: 1, activeKid: 'k2' } })
      expect(await run(10)).toMatchObject({ ok: true, data: { resealed: 1, remaining: 0 } })
    } finally {
      await both.stop()
    }
    const onlyNew = await startEmulator({ dataDir: emu.dataDir, env: { ...OPS_ENV, CERT_KEYS: `k2:${CERT_KEY_2}`, CERT_HMAC_KEY } })
    try {
      const id = (await invoker(onlyNew, 'ops')({ operator: operator(), action: 'listCertifications' }, {})).result!.data.rows[0].applicationId
      const shown = (await invoker(onlyNew, 'ops')({ operator: operator(), action: 'revealCertification', applicationId: id, item: 'mobile', reason: '轮换后核对' }, {})).result!
      expect(shown).toMatchObject({ ok: true })
      expect(['13700002222', MOBILE]).toContain(shown.data.value)
    } finally {
      await onlyNew.stop()
      emu = await startEmulator({ dataDir: emu.dataDir, env: { ...OPS_ENV, ...CERT_ENV } })
      cert = invoker(emu, 'certification')
      consent = invoker(emu, 'consent')
      ops = invoker(emu, 'ops')
    }
  })
})
