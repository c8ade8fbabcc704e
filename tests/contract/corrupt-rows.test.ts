import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CERTIFICATIONS } from '../../cloudfunctions/_shared/repositories/certifications'
import { CONSENT_EVENTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { CONTACTS } from '../../cloudfunctions/_shared/repositories/contacts'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { POLICY_2026_3, POLICY_VERSIONS } from '../../src/content'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { calendarCoversNow } from '../support/calendar'
import { CERT_ENV, validCertFields } from '../support/certification'
import { dbStats, decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { removeDataDir, type RunningEmulator, startEmulator } from '../support/emulator'
import { OPS_ENV } from '../support/ops'

/**
 * A row changed in the database behind the functions' back (an operator, a migration gone wrong) is
 * refused where it is read: the reply is `DATA.CORRUPT_ROW` naming the collection and the field, the
 * call writes nothing, and the planted value reaches neither the reply nor the function logs.
 */
const ME = 'o_test_user_1'
const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }
/** What each corruption plants; fictional, and distinctive enough to find anywhere it leaks. */
const CANARY = 'canary-李雷-13900009999'
const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.commitTransaction']

describe('rows that do not match their schema', () => {
  let emu: RunningEmulator
  let logs = ''
  let n = 0
  const rid = () => `rows-${process.pid}-${++n}`
  const call = async (fn: string, event: Record<string, unknown>, openid = ME): Promise<Reply> => (await invoker(emu, fn)(event, user(openid))).result!
  const agree = async () => {
    await call('consent', { action: 'record', request: decision({ policy: POLICY_3 }) })
    await call('consent', { action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }) })
  }
  const only = async (collection: string) => {
    const { data } = await settled(database().collection(collection).limit(10).get())
    expect(data).toHaveLength(1)
    return data[0] as Record<string, any>
  }
  const plant = (collection: string, id: string, patch: Record<string, unknown>) => settled(database().collection(collection).doc(id).update({ data: patch }))
  const writes = async () => Object.entries(await dbStats(emu)).filter(([k]) => WRITES.includes(k))

  /** Each call refuses the corrupt row, writes nothing and leaks nothing; the row is as planted afterwards. */
  const expectRefused = async (collection: string, path: string, calls: Array<[string, Record<string, unknown>]>) => {
    const planted = await only(collection)
    await emu.control('/stats', undefined, 'DELETE')
    logs = ''
    for (const [fn, event] of calls) {
      const reply = await call(fn, event)
      expect(reply).toEqual({ ok: false, code: 'DATA.CORRUPT_ROW', message: expect.stringContaining(`${collection} does not match its schema at ${path} (`) })
      expect(JSON.stringify(reply)).not.toContain(CANARY)
    }
    expect(await writes()).toEqual([])
    expect(await only(collection)).toEqual(planted)
    expect(logs).not.toContain(CANARY)
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: { ...OPS_ENV, ...CERT_ENV } })
    // Function logs go to the emulator's output.
    emu.child.stdout!.on('data', (d: Buffer) => (logs += d.toString()))
    emu.child.stderr!.on('data', (d: Buffer) => (logs += d.toString()))
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('consent_events: an event with a decision the ledger does not know fails the history, not just that entry', async () => {
    const { data } = await call('consent', { action: 'record', request: decision() })
    await plant(CONSENT_EVENTS, data.event.eventId, { decision: CANARY })
    await expectRefused(CONSENT_EVENTS, 'decision', [
      ['consent', { action: 'history' }],
      ['consent', { action: 'verify' }],
    ])
  })

  it('contacts: a contact whose name is not text refuses the book, and a change to it writes nothing', async () => {
    await agree()
    expect(await call('personal', { action: 'addContact', clientRequestId: rid(), contact: { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' } })).toMatchObject({ ok: true })
    await plant(CONTACTS, ME, { contacts: [{ ...(await only(CONTACTS)).contacts[0], name: { spoken: CANARY } }] })
    await expectRefused(CONTACTS, 'contacts.0.name', [
      ['personal', { action: 'inventory' }],
      ['personal', { action: 'addContact', clientRequestId: rid(), contact: { name: '李四', mobile: '13900001111', regionId: '310115', addressLine: '示例路 9 号' } }],
    ])
  })

  it('certifications: an application with an unknown status is refused, and a draft saved over it writes nothing', async () => {
    await agree()
    const saved = await call('certification', { action: 'saveDraft', clientRequestId: rid(), fields: { storeName: '示例小店' } })
    expect(saved).toMatchObject({ ok: true })
    await plant(CERTIFICATIONS, (await only(CERTIFICATIONS))._id, { status: CANARY })
    await expectRefused(CERTIFICATIONS, 'status', [
      ['certification', { action: 'status' }],
      ['certification', { action: 'saveDraft', clientRequestId: rid(), fields: validCertFields({}) }],
    ])
  })

  it('rights_requests: a request whose history has a malformed time is refused, and a second cancellation writes nothing', async () => {
    if (!calendarCoversNow()) return // past the calendar's last year: requests are refused before any read
    await agree()
    expect(await call('account', { action: 'requestCancellation', clientRequestId: rid(), notify: false })).toMatchObject({ ok: true })
    const row = await only(RIGHTS_REQUESTS)
    await plant(RIGHTS_REQUESTS, row._id, { history: [{ ...row.history[0], at: CANARY }, ...row.history.slice(1)] })
    await expectRefused(RIGHTS_REQUESTS, 'history.0.at', [
      ['personal', { action: 'requests' }],
      ['account', { action: 'requestCancellation', clientRequestId: rid(), notify: false }],
    ])
  })

  it('a sweep skips the corrupt row and logs its code: the cancellation scheduler still moves every other user on', async () => {
    if (!calendarCoversNow()) return
    const OTHER = 'o_test_user_2'
    for (const openid of [ME, OTHER]) expect(await call('account', { action: 'requestCancellation', clientRequestId: rid(), notify: false }, openid)).toMatchObject({ ok: true })
    const { data } = await settled(database().collection(RIGHTS_REQUESTS).limit(10).get())
    const past = new Date(Date.now() - 1000).toISOString()
    for (const row of data as Array<Record<string, any>>) {
      const history = row.openid === ME ? [{ ...row.history[0], at: CANARY }, ...row.history.slice(1)] : row.history
      await plant(RIGHTS_REQUESTS, row._id, { coolingOffEndsAt: past, history })
    }
    logs = ''
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    const after = (await settled(database().collection(RIGHTS_REQUESTS).limit(10).get())).data as Array<Record<string, any>>
    expect(after.find((r) => r.openid === OTHER)!.status).not.toBe('cooling-off')
    expect(after.find((r) => r.openid === ME)).toMatchObject({ status: 'cooling-off', history: [{ at: CANARY }, ...data[0]!.history.slice(1).map(() => expect.anything())] })
    expect(logs).toContain(`DATA.CORRUPT_ROW a row of ${RIGHTS_REQUESTS} does not match its schema at history.0.at`)
    expect(logs).not.toContain(CANARY)
  })
})
