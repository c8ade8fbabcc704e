import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CONTACTS } from '../../cloudfunctions/_shared/repositories/contacts'
import { CORRECTIONS } from '../../cloudfunctions/_shared/repositories/corrections'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'
import { type RunningEmulator } from '../support/emulator'
import { decision, cloudSuite, invoker, type Reply, user } from '../support/consent'

// The built `personal` function (npm run build:cloud): the personal centre's view and correction.
describe('personal function', () => {
  let emu: RunningEmulator
  let personal: ReturnType<typeof invoker>
  let consent: ReturnType<typeof invoker>
  let n = 0
  const rid = () => `crid-${process.pid}-${++n}`
  const call = async (openid: string, event: Record<string, unknown>): Promise<Reply> => (await personal(event, user(openid))).result!
  const agree = (openid: string) => consent({ action: 'record', request: decision() }, user(openid))
  const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }
  const rows = async (collection: string) => (await settled(database().collection(collection).get())).data as Array<Record<string, unknown>>

  cloudSuite((e) => {
    emu = e
    personal = invoker(emu, 'personal')
    consent = invoker(emu, 'consent')
  })

  it('changes nothing before the user agrees to the policy', async () => {
    expect(await call('o_test_user_1', { action: 'addContact', clientRequestId: rid(), contact: CONTACT })).toMatchObject({ ok: false, code: 'CONSENT.REQUIRED' })
    expect(await rows(CONTACTS)).toEqual([])
  })

  it('adds, reveals, corrects and deletes a contact; the inventory shows it masked; the history names fields, never values', async () => {
    await agree('o_test_user_1')
    const added = await call('o_test_user_1', { action: 'addContact', clientRequestId: rid(), contact: CONTACT })
    expect(added).toMatchObject({ ok: true, data: { contacts: [{ ...CONTACT, isDefault: true }] } })
    const id = added.data.contacts[0].id as string

    const inv = await call('o_test_user_1', { action: 'inventory' })
    const delivery = inv.data.categories.find((c: { category: string }) => c.category === 'delivery-contact')
    expect(delivery).toMatchObject({ purposes: ['order-fulfilment'], retention: 'account-lifetime', count: 1 })
    expect(delivery.records[0].fields).toEqual([
      { key: 'name', value: '张*' },
      { key: 'mobile', value: '138****5678' },
      { key: 'address', value: '上海市 浦东新区 ****' },
    ])
    expect(JSON.stringify(inv)).not.toContain('13812345678')
    expect(inv.data.categories.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['consent-records', 'delivery-contact', 'rights-requests']))

    expect(await call('o_test_user_1', { action: 'reveal', category: 'delivery-contact', recordId: id })).toMatchObject({ ok: true, data: { mobile: '13812345678', name: '张三' } })
    const fixed = await call('o_test_user_1', { action: 'updateContact', clientRequestId: rid(), recordId: id, contact: { ...CONTACT, mobile: '13912345678' } })
    expect(fixed.data.contacts[0].mobile).toBe('13912345678')
    const history = await rows(CORRECTIONS)
    expect(history.map((h) => [h.action, h.fields])).toEqual(expect.arrayContaining([['add', ['name', 'mobile', 'regionId', 'addressLine']], ['update', ['mobile']]]))
    expect(JSON.stringify(history)).not.toMatch(/1381234|1391234|张三/)

    expect(await call('o_test_user_1', { action: 'deleteContact', clientRequestId: rid(), recordId: id })).toEqual({ ok: true, data: { contacts: [] } })
  })

  it('field errors come back coded and write nothing; at most ten contacts; one default', async () => {
    await agree('o_test_user_2')
    expect(await call('o_test_user_2', { action: 'addContact', clientRequestId: rid(), contact: { ...CONTACT, mobile: '12345678901' } })).toMatchObject({ ok: false, code: 'PERSONAL.MOBILE_INVALID' })
    expect(await call('o_test_user_2', { action: 'addContact', clientRequestId: rid(), contact: { ...CONTACT, regionId: '999999' } })).toMatchObject({ ok: false, code: 'PERSONAL.REGION_UNKNOWN' })
    expect(await rows(CONTACTS)).toEqual([])
    expect(await rows(CORRECTIONS)).toEqual([])
    for (let i = 0; i < 10; i++) expect((await call('o_test_user_2', { action: 'addContact', clientRequestId: rid(), contact: { ...CONTACT, isDefault: i === 3 } })).ok).toBe(true)
    const full = await call('o_test_user_2', { action: 'addContact', clientRequestId: rid(), contact: CONTACT })
    expect(full).toMatchObject({ ok: false, code: 'PERSONAL.CONTACT_LIMIT' })
    const book = (await call('o_test_user_2', { action: 'inventory' })).data.categories.find((c: { category: string }) => c.category === 'delivery-contact')
    expect(book.count).toBe(10)
    expect(book.records.filter((r: { isDefault: boolean }) => r.isDefault)).toHaveLength(1)
  })

  it('a retried change with the same request id is applied once', async () => {
    await agree('o_test_user_3')
    const crid = rid()
    await Promise.all([1, 2, 3].map(() => call('o_test_user_3', { action: 'addContact', clientRequestId: crid, contact: CONTACT })))
    expect((await rows(CONTACTS))[0]!.contacts).toHaveLength(1)
    expect(await rows(CORRECTIONS)).toHaveLength(1)
  })

  it('one user can never reveal, correct or delete another user’s contact', async () => {
    await agree('o_test_user_4')
    await agree('o_test_user_5')
    const id = (await call('o_test_user_4', { action: 'addContact', clientRequestId: rid(), contact: CONTACT })).data.contacts[0].id
    for (const event of [
      { action: 'reveal', category: 'delivery-contact', recordId: id },
      { action: 'updateContact', clientRequestId: rid(), recordId: id, contact: CONTACT },
      { action: 'deleteContact', clientRequestId: rid(), recordId: id },
      { action: 'setDefaultContact', clientRequestId: rid(), recordId: id },
    ]) {
      expect(await call('o_test_user_5', event)).toMatchObject({ ok: false, code: 'COMMON.NOT_FOUND' })
    }
    const five = await call('o_test_user_5', { action: 'inventory' })
    expect(JSON.stringify(five)).not.toContain(id)
    expect((await call('o_test_user_4', { action: 'reveal', category: 'delivery-contact', recordId: id })).data.mobile).toBe('13812345678')
  })

  it('a correction the user cannot make alone becomes a request due in 15 working days, or fails coded when the calendar ends', async () => {
    await agree('o_test_user_6')
    const before = new Date()
    const reply = await call('o_test_user_6', { action: 'requestCorrection', clientRequestId: rid(), category: 'order-records', reason: '订单金额记录有误' })
    let due: string | undefined
    try {
      due = addWorkingDays(chineseWorkdayCalendar(), before.toISOString(), 15)
    } catch {
      // Late in a year whose successor the operator has not added: the request must fail loudly, writing nothing.
    }
    if (due === undefined) {
      expect(reply).toMatchObject({ ok: false, code: 'CALENDAR.YEAR_NOT_COVERED' })
      expect(await rows(RIGHTS_REQUESTS)).toEqual([])
      return
    }
    expect(reply).toMatchObject({ ok: true, data: { type: 'correction', status: 'submitted', dueAt: due, category: 'order-records' } })
    expect((await call('o_test_user_6', { action: 'requests' })).data.requests.map((r: { id: string }) => r.id)).toEqual([reply.data.id])
    expect((await call('o_test_user_7', { action: 'requests' })).data.requests).toEqual([])
  })

  it('rejects malformed requests with COMMON.INVALID_INPUT and writes nothing', async () => {
    await agree('o_test_user_8')
    const bad: unknown[] = [
      {},
      { action: 'nope' },
      { action: 'reveal', category: 'order-records', recordId: 'x' },
      { action: 'reveal', category: 'delivery-contact', recordId: '../../etc' },
      { action: 'addContact', clientRequestId: 'short', contact: CONTACT },
      { action: 'updateContact', clientRequestId: rid(), contact: CONTACT },
      { action: 'deleteContact', clientRequestId: rid(), recordId: { $ne: null } },
      { action: 'requestCorrection', clientRequestId: rid(), category: 'delivery-contact', reason: '不对' },
      { action: 'requestCorrection', clientRequestId: rid(), category: 'order-records', reason: 'x'.repeat(201) },
      'addContact',
      null,
    ]
    for (const event of bad) expect(await call('o_test_user_8', event as Record<string, unknown>)).toMatchObject({ ok: false, code: 'COMMON.INVALID_INPUT' })
    expect(await call('o_test_user_8', { action: 'addContact', clientRequestId: rid(), contact: { ...CONTACT, name: 42 } })).toMatchObject({ ok: false, code: 'PERSONAL.NAME_INVALID' })
    expect(await rows(CONTACTS)).toEqual([])
    expect(await rows(RIGHTS_REQUESTS)).toEqual([])
  })
})
