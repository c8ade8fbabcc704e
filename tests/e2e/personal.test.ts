import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { agreeOnSheet, browserApp, openAsNewUser, storedDoc } from '../support/app'
import { connectSdk, type RunningEmulator } from '../support/emulator'

/**
 * The personal centre in the h5 build, as a new user: see what is held (masked), reveal your own,
 * add and correct a delivery contact with errors next to the field, copy a section, ask for a
 * correction ops must make. What the UI claims is checked in the emulator's database.
 */
describe('personal centre in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install with every shipped policy version published, as `npm start` does.
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version))

  const openInfo = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.click('#link-personal')
    await page.waitForSelector('#cat-delivery-contact')
  }
  const fillContact = async (fields: { name?: string; mobile?: string; address?: string; region?: string }) => {
    if (fields.name !== undefined) await page.fill('#contact-name input', fields.name)
    if (fields.mobile !== undefined) await page.fill('#contact-mobile input', fields.mobile)
    if (fields.region) await page.click(`#region-${fields.region}`)
    if (fields.address !== undefined) await page.fill('#contact-address input', fields.address)
  }
  const book = async (openid: string) => (await storedDoc(emu, 'contacts', openid))?.contacts as Array<Record<string, unknown>> | undefined

  it('adds a contact (a wrong mobile is shown at its field), sees it masked, reveals, corrects and copies it', async () => {
    await openInfo('o_test_user_51')
    await page.click('#add-contact')
    await fillContact({ name: '李四', mobile: '12345678901', region: '310115', address: '示例路 88 弄 8 号' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-mobile-error')
    expect(await page.textContent('#contact-mobile-error')).toContain('手机号码')
    // The field itself is outlined in red; the valid ones are not.
    const border = (id: string) => page.$eval(id, (el) => getComputedStyle(el).borderTopColor)
    expect(await border('#contact-mobile')).toBe('rgb(199, 38, 27)')
    expect(await border('#contact-name')).not.toBe('rgb(199, 38, 27)')
    expect(await book('o_test_user_51')).toBeUndefined()

    await fillContact({ mobile: '13812345678' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    const [stored] = (await book('o_test_user_51'))!
    expect(stored).toMatchObject({ name: '李四', mobile: '13812345678', regionId: '310115', isDefault: true })
    const id = stored!.id as string

    await page.waitForSelector(`#record-${id}`)
    expect(await page.textContent(`#value-${id}-mobile`)).toBe('138****5678')
    expect(await page.textContent(`#value-${id}-name`)).toBe('李*')
    expect(await page.textContent(`#value-${id}-address`)).toBe('上海市 浦东新区 ****')
    expect(await page.textContent('#info-page')).not.toContain('13812345678')

    await page.click(`#reveal-${id}`)
    await page.waitForFunction((rid) => document.querySelector(`#value-${rid}-mobile`)?.textContent === '13812345678', id)

    await page.click(`#edit-${id}`)
    await page.waitForSelector('#contact-form')
    expect(await page.inputValue('#contact-mobile input')).toBe('13812345678')
    await fillContact({ mobile: '13987654321' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    await page.waitForFunction((rid) => document.querySelector(`#value-${rid}-mobile`)?.textContent === '139****4321', id)
    expect((await book('o_test_user_51'))![0]).toMatchObject({ id, mobile: '13987654321' })
    // The correction is recorded by field, never by value.
    const fixes = (await connectSdk(emu).database().collection('corrections').where({ openid: 'o_test_user_51' }).get()).data as Array<Record<string, unknown>>
    expect(fixes.map((f) => f.action).sort()).toEqual(['add', 'update'])
    expect(JSON.stringify(fixes)).not.toMatch(/1398765|1381234|李四/)

    await page.click('#copy-delivery-contact')
    await page.waitForFunction(() => (window as unknown as { __wxSim: { clipboard(): string | undefined } }).__wxSim.clipboard()?.includes('13987654321') === true)
    const copied = await page.evaluate(() => (window as unknown as { __wxSim: { clipboard(): string } }).__wxSim.clipboard())
    expect(copied).toContain('收货信息')
    expect(copied).toContain('上海市 浦东新区 示例路 88 弄 8 号')
  })

  it('sets a nickname (a bad one is shown at its field) and an avatar from the album, stored privately and replaced in place', async () => {
    await openInfo('o_test_user_56')
    await page.waitForSelector('#cat-profile')
    expect(await page.textContent('#value-nickname')).toBe('未设置')
    await page.click('#edit-nickname')
    await page.fill('#nickname-input input', '一'.repeat(21))
    await page.click('#nickname-save')
    await page.waitForSelector('#nickname-error')
    expect(await page.textContent('#nickname-error')).toContain('最多 20 个字符')
    expect((await storedDoc(emu, 'profiles', 'o_test_user_56'))?.nickname).toBeUndefined()
    await page.fill('#nickname-input input', '小明同学')
    await page.click('#nickname-save')
    await page.waitForSelector('#nickname-form', { state: 'detached' })
    await page.waitForFunction(() => document.querySelector('#value-nickname')?.textContent === '小***')
    await page.click('#reveal-nickname')
    await page.waitForFunction(() => document.querySelector('#value-nickname')?.textContent === '小明同学')

    // A 600×400 PNG from the album: the page shrinks it to a small JPEG before it is uploaded.
    const png = async (color: string) =>
      page.evaluate((fill) => {
        const c = document.createElement('canvas')
        c.width = 600
        c.height = 400
        const ctx = c.getContext('2d')!
        ctx.fillStyle = fill
        ctx.fillRect(0, 0, 600, 400)
        return c.toDataURL('image/png').split(',')[1]!
      }, color)
    const pickAvatar = async (color: string) => {
      const base64 = await png(color)
      await page.evaluate((b) => (window as unknown as { __wxSim: { setNextMedia(m: unknown): void } }).__wxSim.setNextMedia([{ base64: b, type: 'image/png' }]), base64)
      await page.click('#pick-avatar')
    }
    const stored = async () => (await storedDoc(emu, 'profiles', 'o_test_user_56'))?.avatar as { fileID: string; sha256: string; size: number } | undefined
    const bytesOf = async (fileID: string) => {
      const { fileList } = (await connectSdk(emu).getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> }
      return new Uint8Array(await (await fetch(fileList[0]!.tempFileURL)).arrayBuffer())
    }
    await pickAvatar('#c0392b')
    await page.waitForFunction(() => (document.querySelector('#avatar-thumbnail img') as HTMLImageElement | null)?.naturalWidth === 256)
    const first = (await stored())!
    expect(first.fileID).toMatch(/\/avatars\/o_test_user_56\/avatar\.jpg$/)
    const jpeg = await bytesOf(first.fileID)
    expect([jpeg[0], jpeg[1], jpeg.length]).toEqual([0xff, 0xd8, first.size])
    expect(first.size).toBeLessThanOrEqual(64 * 1024)

    await pickAvatar('#2471a3')
    // The thumbnail on screen becomes the new, blue picture.
    await page.waitForFunction(() => {
      const img = document.querySelector('#avatar-thumbnail img') as HTMLImageElement | null
      if (!img?.complete || img.naturalWidth !== 256) return false
      const c = document.createElement('canvas')
      c.width = c.height = 1
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 128, 85, 1, 1, 0, 0, 1, 1)
      const [r, , b] = ctx.getImageData(0, 0, 1, 1).data
      return b! > 120 && r! < 90
    })
    const second = (await stored())!
    // One path per user: the new picture replaced the old file, so nothing of the first one is left.
    expect(second.fileID).toBe(first.fileID)
    expect(createHash('sha256').update(await bytesOf(second.fileID)).digest('hex')).toBe(second.sha256)
    expect(await page.textContent('#info-page')).not.toContain('o_test_user_56')
  })

  it('the two lists come from the manifest and say what is held for this user now', async () => {
    await openInfo('o_test_user_54')
    await page.click('#add-contact')
    await fillContact({ name: '赵六', mobile: '13600002222', region: '440305', address: '样本大道 66 号 6 楼' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    await page.goBack()
    await page.click('#link-collected')
    await page.waitForSelector('#collected-list')
    expect(await page.textContent('#held-delivery-contact')).toContain('已保存 1 条')
    expect(await page.textContent('#held-precise-location')).toContain('目前未保存')
    expect(await page.textContent('#collected-precise-location')).toContain('附近门店')
    await page.click('#tab-shared')
    await page.waitForSelector('#shared-list')
    const shared = (await page.textContent('#shared-list'))!
    expect(shared).toContain('CloudBase')
    expect(shared).toContain('委托处理')
    expect(shared).toContain('https://cloud.tencent.com/')
    expect(shared).toContain('为你履约的入驻商家')
  })

  it('exports a copy: progress, then a zip whose data.json matches what the page shows and whose SHA-256 is on screen', async () => {
    await openInfo('o_test_user_55')
    await page.click('#add-contact')
    await fillContact({ name: '孙七', mobile: '13500003333', region: '110108', address: '演示路 7 号院 3 号楼' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    const startedAt = new Date().toISOString()
    await page.click('#export-start')
    let due: string | undefined
    try {
      due = addWorkingDays(chineseWorkdayCalendar(), startedAt, 15)
    } catch {
      // Past the calendar's last year: the refusal is shown in words and nothing is built.
    }
    if (due === undefined) {
      await page.waitForFunction(() => document.querySelector('#export-error')?.textContent?.includes('工作日日历') === true)
      return
    }
    await page.waitForSelector('#export-sha256')
    const shown = (await page.textContent('#export-sha256'))!.trim()
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')])
    const bytes = readFileSync((await download.path())!)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown)
    const files = unzipSync(new Uint8Array(bytes))
    const data = JSON.parse(strFromU8(files['data.json']!)) as { categories: Array<{ category: string; records: Array<{ fields: Array<{ key: string; value: unknown }> }> }> }
    // Cards with records; the profile and contact cards are always there, empty, so the user finds where to add them.
    const onPage = await page.locator('[id^="cat-"]').evaluateAll((els) => els.filter((e) => e.querySelector('.info-card__count')?.textContent !== '0').map((e) => e.id.slice(4)))
    // The page, refreshed after the export, also lists the new archive itself, which its own snapshot cannot hold.
    for (const category of onPage.filter((c) => c !== 'data-export')) expect(data.categories.map((c) => c.category)).toContain(category)
    expect(onPage).toContain('data-export')
    expect(JSON.stringify(data.categories.find((c) => c.category === 'delivery-contact'))).toContain('13500003333')
    expect(strFromU8(files['index.html']!)).toContain('收货信息')
    const db = connectSdk(emu).database()
    const ledger = await db.collection('exports').where({ openid: 'o_test_user_55' }).get()
    expect(ledger.data).toHaveLength(1)
    const archive = ledger.data[0] as { _id: string; fileID: string; sha256: string; size: number }
    expect(archive).toMatchObject({ sha256: shown, size: bytes.length })

    // Retention: the purge timer leaves a copy made today and deletes one made 8 days ago, file and record.
    await emu.control('/timers/run', { name: 'export', trigger: 'purgeExports' })
    expect((await db.collection('exports').where({ _id: archive._id }).get()).data).toHaveLength(1)
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000)
    await db.collection('exports').doc(archive._id).update({ data: { createdAt: eightDaysAgo, expiresAt: new Date(eightDaysAgo.getTime() + 7 * 86_400_000) } })
    await emu.control('/timers/run', { name: 'export', trigger: 'purgeExports' })
    expect((await db.collection('exports').where({ _id: archive._id }).get()).data).toEqual([])
    const { fileList } = (await connectSdk(emu).getTempFileURL({ fileList: [archive.fileID] })) as { fileList: Array<{ status: number; tempFileURL: string }> }
    expect(fileList[0]!.status !== 0 || (await fetch(fileList[0]!.tempFileURL)).status === 404).toBe(true)
    // Opened again, the page says the copy is gone.
    await page.reload()
    await page.waitForFunction(() => document.querySelector('#export-card')?.textContent?.includes('已过期') === true)
  })

  it('deletes a contact from the list and from the database', async () => {
    await openInfo('o_test_user_52')
    await page.click('#add-contact')
    await fillContact({ name: '王五', mobile: '13700001111', region: '330106', address: '虚构街 1 号 101 室' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    const id = (await book('o_test_user_52'))![0]!.id as string
    await page.click(`#delete-${id}`)
    await page.waitForSelector(`#record-${id}`, { state: 'detached' })
    expect(await book('o_test_user_52')).toEqual([])
  })

  it('in English, a masked address names its district in English, here and where an order is delivered', async () => {
    await openInfo('o_test_user_57')
    await page.click('#add-contact')
    await fillContact({ name: '王五', mobile: '13700001111', region: '330106', address: '虚构街 1 号 101 室' })
    await page.click('#contact-save')
    await page.waitForSelector('#contact-form', { state: 'detached' })
    const id = (await book('o_test_user_57'))![0]!.id as string
    await page.click('#lang-switch >> visible=true')
    await page.waitForFunction((rid) => document.querySelector(`#value-${rid}-address`)?.textContent === '****, Xihu District, Hangzhou, Zhejiang', id)

    // The language lives in the running app: back home through the tab bar, then into a store.
    await page.goBack()
    await page.locator('.weui-tabbar__item', { hasText: 'Home' }).click()
    await page.click('#store-sh-jingan')
    await page.waitForSelector('#order-deliver-to')
    const deliverTo = (await page.textContent('#order-deliver-to'))!
    expect(deliverTo).toContain('****, Xihu District, Hangzhou, Zhejiang')
    expect(deliverTo).not.toMatch(/[\u4e00-\u9fff]{2}/)
  })

  it('asks ops to correct what the user cannot change alone, with a due date in working days', async () => {
    await openInfo('o_test_user_53')
    await page.click('#correct-wechat-openid')
    await page.fill('#correction-reason textarea', '短')
    await page.click('#correction-submit')
    await page.waitForSelector('#correction-error')
    // Why it was refused shows beside the button, both on screen.
    for (const id of ['#correction-error', '#correction-submit']) {
      const box = (await page.locator(id).boundingBox())!
      expect(box.y + box.height).toBeLessThanOrEqual(812 + 1)
    }
    const submittedAt = new Date().toISOString()
    await page.fill('#correction-reason textarea', '账号标识与我在客服处核对的不一致')
    await page.click('#correction-submit')
    let due: string | undefined
    try {
      due = addWorkingDays(chineseWorkdayCalendar(), submittedAt, 15)
    } catch {
      // Past the calendar's last year: the app must say so in words, and nothing is filed.
    }
    if (due === undefined) {
      await page.waitForFunction(() => document.querySelector('#correction-error')?.textContent?.includes('工作日日历') === true)
      return
    }
    await page.waitForSelector('#correction-form', { state: 'detached' })
    await page.waitForSelector('#my-requests [id^="request-"]')
    const text = (await page.textContent('#my-requests'))!
    expect(text).toContain('更正')
    expect(text).toContain('已提交')
    expect(text).toContain(due)
  })
})
