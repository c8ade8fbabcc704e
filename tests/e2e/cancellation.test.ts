import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { POLICY_VERSIONS } from '../../src/content'
import { agreeOnSheet, allowNearby, browserApp, ledgerOf, openAsNewUser } from '../support/app'
import { connectSdk, ROOT, type RunningEmulator } from '../support/emulator'
import { OPERATORS, OPS_ENV } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'


/**
 * Account cancellation in the h5 build, with the three actors: the user (request, undo, request
 * again), ops (`npm run ops`, as from the console) and the scheduler (the account function's timer).
 * What the UI claims is checked in the emulator's database and storage.
 */
describe('account cancellation in Chromium', () => {
  let emu: RunningEmulator
  let page: Page
  browserApp((app) => ({ emu, page } = app), POLICY_VERSIONS.map((p) => p.version), OPS_ENV)

  const invoke = async (name: string, openid: string, event: Record<string, unknown>) => {
    const r = await emu.control<{ result?: { ok: boolean; data?: any } }>('/invoke', { name, event, identity: { OPENID: openid, APPID: 'wx_local_app', SOURCE: 'wx_client' } })
    expect(r.result).toMatchObject({ ok: true })
    return r.result!.data
  }
  const ops = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'ops.ts'), ...args, '--url', emu.url, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, OPS_OPERATOR: 'ops_alice', OPS_TOKEN: OPERATORS.ops_alice },
    })
  const db = () => connectSdk(emu).database()
  const rowsOf = async (collection: string, where: Record<string, unknown>) => ((await db().collection(collection).where(where).get()) as { data: Array<Record<string, any>> }).data
  /** The cooling-off ends (as if the days passed), then the scheduler runs. */
  const endCoolingOff = async (requestId: string) => {
    await db().collection('rights_requests').doc(requestId).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
  }
  const openCancel = async (openid: string) => {
    await openAsNewUser(page, emu, openid)
    await agreeOnSheet(page)
    await page.click('#link-me')
    await page.click('#link-cancel')
  }
  const submit = async (subscribe: 'accept' | 'reject') => {
    await page.click('#cancel-understand')
    await page.click('#cancel-submit')
    await page.click(`#wx-sim-subscribe-${subscribe}`)
    await page.waitForSelector('#cancel-status')
  }
  const requestIdOf = async (openid: string) => (await rowsOf('rights_requests', { openid, type: 'cancellation', status: 'cooling-off' }))[0]!._id as string

  it('request, undo, request again; ops approve; the scheduler deletes; the certificate is readable; the app starts over', async () => {
    if (!calendarCoversNow()) return
    const me = 'o_test_user_61'
    await openCancel(me)
    await page.waitForSelector('#cancel-preview')
    // Data in several categories, so there is something to delete and something to keep.
    await invoke('personal', me, { action: 'addContact', clientRequestId: 'e2e-cancel-contact', contact: { name: '周八', mobile: '13611112222', regionId: '310115', addressLine: '示例路 18 号 2 楼' } })
    await invoke('personal', me, { action: 'setNickname', clientRequestId: 'e2e-cancel-nickname', nickname: '周周' })
    await invoke('orders', me, { action: 'place', clientRequestId: 'e2e-cancel-order', storeId: 'sh-jingan', lines: [{ productId: 'coffee-beans', quantity: 1 }] })
    await page.reload()
    await page.waitForFunction(() => document.querySelector('#cancel-deleted')?.textContent?.includes('收货信息') === true)
    expect(await page.textContent('#cancel-retained')).toContain('订单信息')
    expect(await page.textContent('#cancel-retained')).toContain('3 年')
    // The button waits for the user to say they understand.
    expect(await page.getAttribute('#cancel-submit', 'aria-disabled')).toBe('true')

    await submit('accept')
    const first = await requestIdOf(me)
    expect(await page.textContent('#cancel-stage')).toBe('冷静期')
    const [row] = await rowsOf('rights_requests', { _id: first })
    expect(await page.textContent('#cancel-due')).toContain(row!.dueAt)
    expect(row).toMatchObject({ notify: true })
    await page.click('#cancel-undo')
    await page.waitForSelector('#cancel-preview')
    expect((await rowsOf('rights_requests', { _id: first }))[0]).toMatchObject({ status: 'withdrawn' })

    await submit('accept')
    const second = await requestIdOf(me)
    expect(second).not.toBe(first)
    const certificateId = (await page.textContent('#cancel-certificate'))!.trim()
    expect(certificateId).toMatch(/^[A-Za-z0-9_-]{20}$/)
    // Using the app meanwhile cancels nothing; 我的 says a cancellation is pending.
    await page.goBack()
    await page.waitForSelector('#me-cancellation-pending')

    await endCoolingOff(second)
    expect((await rowsOf('rights_requests', { _id: second }))[0]).toMatchObject({ status: 'awaiting-review' })
    const listed = ops('list', '--type', 'cancellation')
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout).data.rows.map((r: { requestId: string }) => r.requestId)).toContain(second)
    const approved = ops('approve', second)
    expect(approved.status).toBe(0)
    await page.click('#me-cancellation-pending')
    await page.waitForFunction(() => document.querySelector('#cancel-stage')?.textContent === '已批准')

    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    for (const c of ['profiles', 'contacts', 'corrections', 'consent_salts']) expect([c, await rowsOf(c, { _id: me })]).toEqual([c, []])
    for (const c of ['corrections', 'rights_requests', 'orders', 'exports']) expect([c, await rowsOf(c, { openid: me })]).toEqual([c, []])
    const kept = await rowsOf('orders', { openid: `retained:${certificateId}` })
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ restricted: true })
    expect(kept[0]!.deliverTo).toBeUndefined()

    // The user accepted the subscribe message: the outcome, with the certificate number, went to them alone.
    const { messages } = await emu.control<{ messages: Array<{ touser: string; data: Record<string, { value: string }> }> }>('/outbox')
    expect(messages.filter((m) => m.touser === me).map((m) => m.data.phrase1!.value)).toContain('已注销')
    expect(messages.find((m) => m.data.phrase1!.value === '已注销')!.data.thing2!.value).toBe(certificateId)
    expect(messages.every((m) => m.touser === me)).toBe(true)

    // Anyone with the number reads the certificate; it names no one.
    await page.goto(`${emu.url}/#/packages/account/pages/certificate/index`)
    await page.fill('#certificate-id input', certificateId)
    await page.click('#certificate-look')
    await page.waitForSelector('#certificate')
    const shown = (await page.textContent('#certificate'))!
    expect(shown).toContain('收货信息')
    expect(shown).toContain('订单信息')
    expect(shown).not.toMatch(/周八|13611112222|o_test_user/)

    // The same WeChat account opens the app again: a new user, asked to agree first.
    await page.goto(`${emu.url}/#/pages/index/index`)
    await page.reload()
    await page.waitForSelector('#consent-sheet')
  })

  it('a rejection shows its reason, and the account stays', async () => {
    if (!calendarCoversNow()) return
    const me = 'o_test_user_62'
    await openCancel(me)
    await page.waitForSelector('#cancel-preview')
    await submit('reject')
    const id = await requestIdOf(me)
    await endCoolingOff(id)
    const rejected = ops('reject', id, '--reason', '该账号有未完成的售后订单，请处理后再申请')
    expect(rejected.status).toBe(0)
    await page.reload()
    await page.waitForSelector('#cancel-reason')
    expect(await page.textContent('#cancel-reason')).toContain('该账号有未完成的售后订单')
    expect(await page.textContent('#cancel-stage')).toBe('未通过')
    expect(await rowsOf('consent_salts', { _id: me })).toHaveLength(1)
  })

  it('a WeChat push revoking location withdraws it in the ledger and deletes the stored position; the app shows it', async () => {
    const me = 'o_test_user_63'
    await openAsNewUser(page, emu, me)
    await agreeOnSheet(page)
    await allowNearby(page)

    // The user turned location off in WeChat itself; WeChat tells the app (RevokeInfo 13), twice as it may.
    const push = { ToUserName: 'gh_wx_local_app', FromUserName: 'o_wechat_push_service', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'user_authorization_revoke', OpenID: me, AppID: 'wx_local_app', RevokeInfo: '13' }
    for (let i = 0; i < 2; i++) expect((await emu.control<{ result?: { ok: boolean } }>('/push', push)).result).toMatchObject({ ok: true })

    await page.click('#link-me')
    await page.click('#link-permissions')
    const key = 'scope:scope.userLocation'
    await page.waitForFunction((k) => document.querySelector(`[id="state-${k}"]`)?.textContent === '已撤回', key)
    const events = await ledgerOf(emu, me)
    expect(events.filter((e) => e.method === 'platform-push')).toEqual([expect.objectContaining({ target: expect.objectContaining({ id: 'scope.userLocation' }), decision: 'withdraw' })])
    expect(await page.textContent(`[id="history-${key}"]`)).toMatch(/微信/)
  })
})

