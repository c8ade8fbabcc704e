import { database, settled, wx } from '../../cloudfunctions/_shared/adapters/wx'
import { CORRECTIONS } from '../../cloudfunctions/_shared/repositories/corrections'
import { PROFILES } from '../../cloudfunctions/_shared/repositories/profiles'
import { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 } from '../../src/content'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { decision, freshCloud, invoker, POLICY_1, type Reply, user } from '../support/consent'
import { unzipSync } from 'fflate'

/** A real (tiny) JPEG: SOI, APP0 stub, EOI is all the function checks; the bytes round-trip exactly. */
const jpeg = (fill: number, size = 600) => {
  const bytes = new Uint8Array(size).fill(fill)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], size - 2)
  return bytes
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }

// The built `personal` function: the profile (nickname and avatar) that policy 2026.3 declares.
describe('personal function: profile', () => {
  let emu: RunningEmulator
  let personal: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `crid-${process.pid}-${++n}`
  const call = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await personal(event, user(openid))).result!
  const agree = (openid: string, policy = POLICY_3) => consent({ action: 'record', request: decision({ policy }) }, user(openid))
  const rows = async (collection: string) => (await settled(database().collection(collection).get())).data as Array<Record<string, unknown>>
  const fetchBytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer())
  const storedAvatar = async (openid: string) => {
    const [row] = (await rows(PROFILES)).filter((r) => r._id === openid) as Array<{ avatar?: { fileID: string } }>
    return row?.avatar?.fileID
  }

  beforeAll(async () => {
    emu = await startEmulator()
    personal = invoker(emu, 'personal')
    consent = invoker(emu, 'consent')
  })
  beforeEach(() => freshCloud(emu, [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('collects nothing for a user whose agreed policy does not declare the profile', async () => {
    await agree('o_test_user_1', POLICY_1)
    expect(await call('o_test_user_1', { action: 'setNickname', clientRequestId: rid(), nickname: '小明' })).toMatchObject({ ok: false, code: 'CONSENT.NOT_DECLARED' })
    expect(await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(jpeg(1)) })).toMatchObject({ ok: false, code: 'CONSENT.NOT_DECLARED' })
    expect(await call('o_test_user_2', { action: 'setNickname', clientRequestId: rid(), nickname: '小明' })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await rows(PROFILES)).toEqual([])
    expect(await rows(CORRECTIONS)).toEqual([])
  })

  it('sets the nickname and avatar; the inventory masks the nickname and shows a thumbnail; the history names fields only', async () => {
    await agree('o_test_user_1')
    expect(await call('o_test_user_1', { action: 'setNickname', clientRequestId: rid(), nickname: '  小明同学  ' })).toEqual({ ok: true, data: { nickname: '小明同学' } })
    const first = jpeg(7)
    const set = await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(first) })
    expect(set).toMatchObject({ ok: true, data: { nickname: '小明同学', avatar: { maxAge: 600, size: first.length } } })
    expect(await fetchBytes(set.data.avatar.url)).toEqual(first)
    expect(await storedAvatar('o_test_user_1')).toMatch(/\/avatars\/o_test_user_1\/avatar\.jpg$/)

    const inv = await call('o_test_user_1', { action: 'inventory' })
    const profile = inv.data.categories.find((c: { category: string }) => c.category === 'profile')
    expect(profile).toMatchObject({ purposes: ['account-identity'], retention: 'account-lifetime', count: 2 })
    expect(profile.records[0]).toMatchObject({ id: 'nickname', revealable: true, fields: [{ key: 'nickname', value: '小***' }] })
    expect(await fetchBytes(profile.records[1].thumbnailUrl)).toEqual(first)
    expect(JSON.stringify(inv)).not.toContain('小明同学')
    expect(await call('o_test_user_1', { action: 'profile' })).toMatchObject({ ok: true, data: { nickname: '小明同学' } })

    const history = await rows(CORRECTIONS)
    expect(history.map((h) => [h.category, h.recordId, h.action])).toEqual(expect.arrayContaining([['profile', 'nickname', 'add'], ['profile', 'avatar', 'add']]))
    expect(JSON.stringify(history)).not.toContain('小明')
  })

  it('replacing the avatar leaves only the new file; removing it deletes the file', async () => {
    await agree('o_test_user_1')
    const old = await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(jpeg(1)) })
    const oldFileID = await storedAvatar('o_test_user_1')
    const replaced = await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(jpeg(2, 900)) })
    expect(replaced.data.avatar.sha256).not.toBe(old.data.avatar.sha256)
    // The old picture is gone: the one path now holds the new bytes, and no other avatar file exists.
    const { fileList } = await settled(wx().getTempFileURL({ fileList: [oldFileID!] }))
    expect(await fetchBytes(fileList[0]!.tempFileURL)).toEqual(jpeg(2, 900))
    expect(await storedAvatar('o_test_user_1')).toBe(oldFileID)

    expect(await call('o_test_user_1', { action: 'removeAvatar', clientRequestId: rid() })).toEqual({ ok: true, data: {} })
    const gone = await settled(wx().getTempFileURL({ fileList: [oldFileID!] }))
    expect(gone.fileList[0]!.status).not.toBe(0)
    const inv = await call('o_test_user_1', { action: 'inventory' })
    expect(inv.data.categories.map((c: { category: string }) => c.category)).not.toContain('profile')
  })

  it('refuses what is not a small JPEG or not a valid nickname, and writes nothing', async () => {
    await agree('o_test_user_1')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64')
    for (const image of [png, 'not base64!', b64(jpeg(1)).slice(0, -4), b64(jpeg(3, 64 * 1024 + 3))]) {
      expect(await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image })).toMatchObject({ ok: false })
    }
    for (const nickname of ['', '   ', 'x'.repeat(21), '换\n行', 7]) {
      expect(await call('o_test_user_1', { action: 'setNickname', clientRequestId: rid(), nickname })).toMatchObject({ ok: false, code: 'PERSONAL.NICKNAME_INVALID' })
    }
    expect(await rows(PROFILES)).toEqual([])
    expect(await rows(CORRECTIONS)).toEqual([])
  })

  it('the export archive holds the avatar file and names it in data.json', async () => {
    await agree('o_test_user_1')
    await call('o_test_user_1', { action: 'setNickname', clientRequestId: rid(), nickname: '小明' })
    const picture = jpeg(9, 2048)
    await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(picture) })
    const exporter = invoker(emu, 'export')
    const made = (await exporter({ action: 'requestExport', clientRequestId: rid() }, user('o_test_user_1'))).result!
    if (!made.ok && made.code === 'CALENDAR.YEAR_NOT_COVERED') return // the calendar ends before this export's due date
    const link = (await exporter({ action: 'exportUrl', requestId: made.data.request.id }, user('o_test_user_1'))).result!
    const files = unzipSync(await fetchBytes(link.data.url))
    expect(files['files/avatar.jpg']).toEqual(picture)
    const data = JSON.parse(Buffer.from(files['data.json']!).toString('utf8'))
    const profile = data.categories.find((c: { category: string }) => c.category === 'profile')
    expect(profile.records.map((r: { id: string }) => r.id)).toEqual(['nickname', 'avatar'])
    expect(profile.records[1].fields).toEqual(expect.arrayContaining([{ key: 'file', value: 'files/avatar.jpg' }, { key: 'size', value: 2048 }]))
  })

  it('one user cannot see or change another user’s profile', async () => {
    await agree('o_test_user_1')
    await agree('o_test_user_2')
    await call('o_test_user_1', { action: 'setNickname', clientRequestId: rid(), nickname: '甲' })
    await call('o_test_user_1', { action: 'setAvatar', clientRequestId: rid(), image: b64(jpeg(4)) })
    expect(await call('o_test_user_2', { action: 'profile' })).toEqual({ ok: true, data: {} })
    const inv = await call('o_test_user_2', { action: 'inventory' })
    expect(inv.data.categories.map((c: { category: string }) => c.category)).not.toContain('profile')
    await call('o_test_user_2', { action: 'removeAvatar', clientRequestId: rid() })
    expect(await storedAvatar('o_test_user_1')).toBeDefined()
    expect((await call('o_test_user_1', { action: 'profile' })).data.avatar).toBeDefined()
  })
})
