import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { PRIVACY_MANIFEST } from '../../src/content/privacy-manifest'
import { idCheckChar } from '../../src/domain/certification/id-checks'
import { agreeOnSheet, browserApp, ledgerOf, openAsNewUser, simCalls, startCertificationForm } from '../support/app'
import { CERT_ENV, fictionalId, fictionalUscc, tinyJpeg, validCertFields } from '../support/certification'
import { connectSdk, type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

/**
 * Store certification, the merchant's side, in the h5 build: the separate consent before any field,
 * a refusal that changes nothing else, errors next to fields before anything is sent, a submission
 * with three photos made on the phone, and a draft that survives leaving the page. What the UI claims
 * is checked in the ledger and the emulator's database. All data is fictional.
 */
describe('merchant certification in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  // Each test owns its state: a fresh install with every shipped policy version, and the test keys.
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version), { ...CERT_ENV, ...OPS_ENV })

  const rowOf = async (openid: string) => ((await connectSdk(emu).database().collection('certifications').where({ openid }).get()).data as Array<Record<string, unknown>>)[0]
  const period = (id: string) => PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === id)!.period['zh-CN']

  const openCertification = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.click('#link-certification')
  }
  const openForm = async (openid: string) => {
    await openCertification(openid)
    await startCertificationForm(page)
  }
  /** Types into a field, then leaves it (which saves it as a draft when valid). */
  const type = async (field: string, value: string) => {
    await page.fill(`#cert-${field} input`, value)
    await page.locator(`#cert-${field} input`).blur()
  }
  const draftSaved = () => page.waitForFunction(() => document.querySelector('#cert-draft-state')?.textContent === '草稿已保存')
  /** A plain white 1200×800 PNG from the album, as a phone photo would be. */
  const pickPhoto = async (slot: string) => {
    const base64 = await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 1200
      c.height = 800
      const ctx = c.getContext('2d')!
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(0, 0, 1200, 800)
      return c.toDataURL('image/png').split(',')[1]!
    })
    await page.evaluate((b) => (window as unknown as { __wxSim: { setNextMedia(m: unknown): void } }).__wxSim.setNextMedia([{ base64: b, type: 'image/png' }]), base64)
    await page.click(`#cert-photo-${slot}`)
    await page.waitForSelector(`#cert-thumb-${slot} img`)
  }
  /** How many of a thumbnail's pixels are clearly red: the watermark is, a white photo is not. */
  const redPixels = (slot: string) =>
    page.waitForFunction((s) => {
      const img = document.querySelector(`#cert-thumb-${s} img`) as HTMLImageElement | null
      if (!img?.complete || img.naturalWidth === 0) return undefined
      const c = document.createElement('canvas')
      c.width = img.naturalWidth
      c.height = img.naturalHeight
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const data = ctx.getImageData(0, 0, c.width, c.height).data
      let red = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! - data[i + 1]! > 40) red++
      return { red }
    }, slot).then(async (h) => ((await h.jsonValue()) as { red: number }).red)

  it('a refused sensitive consent is recorded, collects nothing, and the rest of the app keeps working', async () => {
    await openCertification('o_test_user_81')
    await page.waitForSelector('#cert-consent-page')
    // Every fact the user decides on is there: sensitive items, protection, retention, what refusing means.
    const text = (await page.textContent('#cert-consent-page'))!
    for (const words of ['身份证号码', '敏感个人信息', 'AES-256-GCM', '5 分钟', '仅用于示例商城门店认证', period('certification'), period('rejected-certification'), '无法开店经营']) expect(text).toContain(words)
    // Unticked, and agreeing is off until ticked; no field is on the screen.
    expect(await page.getAttribute('#cert-consent-check', 'aria-checked')).toBe('false')
    expect(await page.getAttribute('#cert-consent-agree', 'aria-disabled')).toBe('true')
    expect(await page.$('#cert-form')).toBeNull()

    await page.click('#cert-consent-refuse')
    await page.waitForSelector('#cert-refused')
    expect((await ledgerOf(emu, 'o_test_user_81')).at(-1)).toMatchObject({ target: { kind: 'purpose', id: 'store-certification' }, decision: 'deny', method: 'purpose-prompt' })
    expect((await simCalls(page)).map((c) => c.api)).not.toContain('chooseMedia')
    expect(await rowOf('o_test_user_81')).toBeUndefined()

    // 我的 and the home page's stores work as before.
    await page.click('#cert-back-me')
    await page.waitForSelector('#me-openid')
    await page.click('#link-certification')
    await page.waitForSelector('#cert-consent-page')
    await page.goto(`${emu.url}/#/pages/index/index`)
    await page.waitForSelector('#store-list .store')
    await page.click('#city-hangzhou')
    await page.waitForFunction(() => document.querySelector('#store-list')?.textContent?.includes('杭州') === true)
  })

  it('shows errors next to fields and stores nothing, then submits valid values with three photos and shows the status', async () => {
    await openForm('o_test_user_82')
    const badId = `${fictionalId().slice(0, 17)}${idCheckChar(fictionalId().slice(0, 17)) === '1' ? '2' : '1'}`
    await type('legalName', '12345')
    await type('mobile', '12345678901')
    await type('idNumber', badId)
    await type('uscc', 'ABC')
    await page.click('#cert-submit')
    for (const field of ['legalName', 'mobile', 'idNumber', 'uscc', 'storeName', 'storeAddress']) await page.waitForSelector(`#cert-${field}-error`)
    expect(await page.textContent('#cert-idNumber-error')).toContain('校验位')
    expect(await page.textContent('#cert-mobile-error')).toContain('手机号码')
    for (const slot of ['idFront', 'idBack', 'licence']) await page.waitForSelector(`#cert-${slot}-error`)
    expect(await rowOf('o_test_user_82')).toBeUndefined()

    const id = fictionalId()
    await type('legalName', '张三')
    await type('mobile', '13912345678')
    await type('idNumber', id)
    await type('uscc', fictionalUscc())
    await type('storeName', '张三的示例小店')
    await type('storeAddress', '上海市浦东新区示例路 18 号')
    await draftSaved()
    for (const slot of ['idFront', 'idBack', 'licence']) await pickPhoto(slot)
    // The ID photos carry the watermark, stamped on the phone; the licence photo does not.
    expect(await redPixels('idFront')).toBeGreaterThan(1000)
    expect(await redPixels('licence')).toBe(0)

    await page.click('#cert-submit')
    await page.waitForSelector('#cert-status')
    expect(await page.textContent('#cert-status-words')).toBe('已提交，等待审核')
    expect(await page.textContent('#cert-due')).toMatch(/预计 \d{4}年\d{1,2}月\d{1,2}日 前完成审核/)
    expect(await page.textContent('#cert-value-mobile')).toBe('139****5678')
    expect(await page.textContent('#cert-value-idNumber')).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`)
    for (const slot of ['idFront', 'idBack', 'licence']) await page.waitForSelector(`#cert-thumb-${slot} img`)
    const shown = (await page.textContent('#cert-apply-page'))!
    expect(shown).not.toContain('13912345678')
    expect(shown).not.toContain(id)
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/)

    const row = (await rowOf('o_test_user_82'))!
    expect(row.status).toBe('submitted')
    expect(JSON.stringify(row)).not.toMatch(/13912345678|张三(?!的)/)
    expect(JSON.stringify(row)).not.toContain(id)
  })

  it('keeps the draft when the user leaves the page and comes back', async () => {
    await openForm('o_test_user_83')
    await type('mobile', '13912345678')
    await draftSaved()
    await type('storeName', '张三的示例小店')
    await draftSaved()
    await page.goBack()
    await page.waitForSelector('#me-openid')
    await page.click('#link-certification')
    // Straight to the form, the saved mobile shown masked as a hint, the input empty; the store name in place.
    await page.waitForSelector('#cert-mobile-saved')
    expect(await page.textContent('#cert-mobile-saved')).toContain('139****5678')
    expect(await page.inputValue('#cert-mobile input')).toBe('')
    expect(await page.inputValue('#cert-storeName input')).toBe('张三的示例小店')
    // A fresh start of the app too.
    await page.reload()
    await page.waitForSelector('#cert-mobile-saved')
    expect((await rowOf('o_test_user_83'))?.status).toBe('draft')
  })

  // ── The ops side, from the local console's function panel (云开发控制台 → 云函数 → ops → 云端测试).

  /** A merchant who agreed in the app and whose complete application the function holds (sent as the app would). */
  const submittedMerchant = async (openid: string) => {
    await openForm(openid)
    const invoke = (name: string, event: Record<string, unknown>) => emu.control<{ result?: { ok: boolean; data?: any } }>('/invoke', { name, event, identity: { OPENID: openid, APPID: 'wx_local_app', SOURCE: 'wx_client' } })
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) {
      expect((await invoke('certification', { action: 'setPhoto', clientRequestId: `e2e-${openid}-${slot}`, slot, image: tinyJpeg(fill) })).result).toMatchObject({ ok: true })
    }
    const fields = validCertFields({ idNumber: fictionalId('19860905', '310115', '271'), mobile: '13800138000' })
    expect((await invoke('certification', { action: 'submit', clientRequestId: `e2e-${openid}-submit`, fields })).result).toMatchObject({ ok: true })
    return { fields, applicationId: (await rowOf(openid))!._id as string }
  }
  /** Runs one `ops` event in the console and answers its reply, once the panel shows a new result. */
  const opsInConsole = async (consolePage: Page, event: Record<string, unknown>) => {
    const before = await consolePage.textContent('#result-meta')
    await consolePage.selectOption('#fn', 'ops')
    await consolePage.fill('#event', JSON.stringify({ operator: operator('ops_alice'), ...event }, null, 2))
    await consolePage.click('#invoke')
    await consolePage.waitForFunction((prev) => {
      const meta = document.querySelector('#result-meta')
      return meta?.textContent !== prev && (meta?.classList.contains('ok') || meta?.classList.contains('failed'))
    }, before)
    return JSON.parse((await consolePage.textContent('#result'))!) as { ok: boolean; code?: string; data?: any }
  }
  const openConsole = async () => {
    const consolePage = await page.context().newPage()
    await consolePage.goto(`${emu.url}/_console`)
    await consolePage.waitForSelector('#invoke')
    return consolePage
  }
  const reopenApply = async () => {
    await page.reload()
    await page.waitForSelector('#cert-apply-page')
  }

  it('ops reject with a reason in the console; the merchant reads it, corrects and resubmits; ops approve; the merchant sees masked data', async () => {
    const { fields, applicationId } = await submittedMerchant('o_test_user_84')
    const consolePage = await openConsole()
    try {
      const queue = await opsInConsole(consolePage, { action: 'listCertifications' })
      expect(queue.data.rows).toEqual([expect.objectContaining({ applicationId, status: 'submitted' })])
      const shown = await opsInConsole(consolePage, { action: 'showCertification', applicationId })
      expect(shown.data).toMatchObject({ status: 'under-review', fields: { legalName: '张*', mobile: '138****8000' } })
      expect(await consolePage.textContent('#result')).not.toContain(fields.idNumber!)
      const reason = '营业执照照片不清晰，请重新拍摄上传'
      expect(await opsInConsole(consolePage, { action: 'rejectCertification', applicationId, reason })).toMatchObject({ ok: true, data: { status: 'rejected' } })

      await reopenApply()
      await page.waitForSelector('#cert-reason')
      expect(await page.textContent('#cert-reason')).toContain(reason)
      const oldLicence = ((await rowOf('o_test_user_84'))!.photos as Record<string, { fileID: string }>).licence.fileID
      await pickPhoto('licence')
      await page.click('#cert-submit')
      await page.waitForSelector('#cert-status')
      expect(await page.textContent('#cert-status-words')).toBe('已提交，等待审核')
      const resubmitted = (await rowOf('o_test_user_84'))!
      expect(resubmitted).toMatchObject({ status: 'submitted', version: 2 })
      expect((resubmitted.photos as Record<string, { fileID: string }>).licence.fileID).not.toBe(oldLicence)

      expect(await opsInConsole(consolePage, { action: 'approveCertification', applicationId })).toMatchObject({ ok: true, data: { status: 'approved' } })
      await reopenApply()
      await page.waitForSelector('#cert-value-idNumber')
      expect(await page.textContent('#cert-value-idNumber')).toBe(`${fields.idNumber!.slice(0, 3)}***********${fields.idNumber!.slice(-4)}`)
      expect(await page.textContent('#cert-value-mobile')).toBe('138****8000')
      expect(await page.textContent('#cert-apply-page')).not.toContain(fields.idNumber!)
    } finally {
      await consolePage.close()
    }
  })

  it('ops reveal the ID number only with a reason; the audit names the item and the reason, never the value', async () => {
    const { fields, applicationId } = await submittedMerchant('o_test_user_85')
    const consolePage = await openConsole()
    try {
      expect(await opsInConsole(consolePage, { action: 'revealCertification', applicationId, item: 'idNumber' })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
      const revealed = await opsInConsole(consolePage, { action: 'revealCertification', applicationId, item: 'idNumber', reason: '核对身份证照片与号码是否一致' })
      expect(revealed).toEqual({ ok: true, data: { item: 'idNumber', value: fields.idNumber } })
      const audit = await opsInConsole(consolePage, { action: 'exportAudit' })
      const lines = (audit.data.csv as string).trim().split('\r\n')
      const reveals = lines.filter((l) => l.includes(',revealCertification,'))
      expect(reveals).toHaveLength(2)
      expect(reveals[1]).toContain(`,${applicationId},核对身份证照片与号码是否一致,ok,`)
      expect(reveals[1]).toMatch(/,idNumber$/)
      expect(audit.data.csv).not.toContain(fields.idNumber!)
    } finally {
      await consolePage.close()
    }
  })

  it('the merchant withdraws: the values, photos and files are gone, only the dated history stays', async () => {
    await submittedMerchant('o_test_user_86')
    await reopenApply()
    await page.waitForSelector('#cert-thumb-idFront img')
    const urls = await page.$$eval('#cert-apply-page img', (imgs) => imgs.map((i) => (i as HTMLImageElement).src))
    expect(urls.length).toBeGreaterThanOrEqual(3)
    const fileIDs = Object.values((await rowOf('o_test_user_86'))!.photos as Record<string, { fileID: string }>).map((p) => p.fileID)
    await page.click('#cert-withdraw')
    await page.waitForSelector('#cert-withdraw-sheet')
    await page.click('#cert-withdraw-confirm')
    await page.waitForSelector('#cert-withdrawn')
    const row = (await rowOf('o_test_user_86'))!
    expect(row).toMatchObject({ status: 'withdrawn', sealed: {}, masked: {}, photos: {}, store: {} })
    expect((row.history as Array<{ event: string }>).map((h) => h.event)).toEqual(['submit', 'withdraw'])
    const files = (await connectSdk(emu).getTempFileURL({ fileList: fileIDs })) as { fileList: Array<{ status: number }> }
    expect(files.fileList.map((f) => f.status)).toEqual(fileIDs.map(() => -503003))
    for (const url of urls) expect((await fetch(url)).status).not.toBe(200)
  })
})
