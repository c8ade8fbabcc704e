import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CONSENT_EVENTS, CONSENT_HEADS, CONSENT_SALTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { POLICY_VERSIONS, POLICY_2026_3 } from '../../src/content'
import { verifyChain } from '../../src/domain/consent/consent-ledger'
import { subjectPseudonym } from '../../src/domain/consent/pseudonym'
import { contentHash } from '../../src/domain/policy/policy-hash'
import { calendarCoversNow } from '../support/calendar'
import { LOCATION, POLICY_TARGET, decision, freshCloud, invoker, type Reply, user } from '../support/consent'
import { ROOT, removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'
import { OPS_ENV, operator } from '../support/ops'

const POLICY_3 = { version: POLICY_2026_3.version, hash: contentHash(POLICY_2026_3) }
const ME = 'o_test_user_41'
const NEIGHBOUR = 'o_test_user_42'

// Account cancellation's ledger step, through the built `account`, `ops` and `consent` functions.
describe('consent chain anonymisation at account cancellation', () => {
  let emu: RunningEmulator
  let call: (fn: string, openid: string | null, event: Record<string, unknown>) => Promise<Reply>
  const rows = async (collection: string, where: Record<string, unknown> = {}) => (await settled(database().collection(collection).where(where).limit(1000).get())).data as Array<Record<string, any>>
  const collections = () => (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }).collections

  /** Agrees, allows location and withdraws it, so the chain holds grants, a withdrawal and standing grants. */
  async function agree(openid: string): Promise<string> {
    const { target: _t, decision: _d, ...common } = decision({ policy: POLICY_3 })
    const sheet = [POLICY_TARGET, { kind: 'purpose', id: 'account-identity' }, LOCATION].map((target) => ({ target, decision: 'grant' }))
    const reply = await call('consent', openid, { action: 'decide', request: { ...common, decisions: sheet } })
    expect(reply).toMatchObject({ ok: true })
    expect(await call('consent', openid, { action: 'record', request: decision({ target: LOCATION, decision: 'withdraw', method: 'settings-toggle', policy: POLICY_3 }) })).toMatchObject({ ok: true })
    return reply.data.events[0].subject as string
  }

  /** Files, approves and carries out the cancellation of `openid`. */
  async function cancel(openid: string): Promise<void> {
    const filed = await call('account', openid, { action: 'requestCancellation', clientRequestId: `crid-${process.pid}-1`, notify: false })
    await database().collection('rights_requests').doc(filed.data.requestId).update({ data: { coolingOffEndsAt: new Date(Date.now() - 1000).toISOString() } })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect(await call('ops', null, { operator: operator(), action: 'approve', requestId: filed.data.requestId })).toMatchObject({ ok: true })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect((await rows('rights_requests', { _id: filed.data.requestId }))[0]).toMatchObject({ status: 'completed' })
  }

  beforeAll(async () => {
    emu = await startEmulator({ env: OPS_ENV })
    call = async (fn, openid, event) => (await invoker(emu, fn)(event, openid ? user(openid) : null)).result!
  })
  beforeEach(() => freshCloud(emu, [...POLICY_VERSIONS]))
  afterAll(async () => {
    await emu.stop()
    removeDataDir(emu.dataDir)
  })

  it('closes the chain with its own event and destroys the salt; the chain verifies and nothing links it to the openid', async () => {
    if (!calendarCoversNow()) return // filing needs a due date: see tests/support/calendar
    const subject = await agree(ME)
    const neighbour = await agree(NEIGHBOUR)
    const [saltBefore] = await rows(CONSENT_SALTS, { _id: ME })
    await cancel(ME)

    // The chain: the standing grants closed by the cancellation, then the anonymisation, last.
    const chain = (await rows(CONSENT_EVENTS, { subject })).sort((a, b) => a.seq - b.seq)
    expect(chain.slice(4).map((e) => e.kind ?? [e.target.id, e.decision, e.method, e.reason])).toEqual([
      ['privacy-policy', 'withdraw', 'account-cancellation', 'account-cancelled'],
      ['account-identity', 'withdraw', 'account-cancellation', 'account-cancelled'],
      'subject-anonymised',
    ])
    const [head] = await rows(CONSENT_HEADS, { _id: subject })
    expect(verifyChain(chain, head as never)).toMatchObject({ ok: true, count: 7, head: { seq: 7 } })

    // No row anywhere holds the openid, and no salt turns it into the chain's pseudonym any more.
    for (const c of collections()) expect([c, JSON.stringify(await rows(c))]).toEqual([c, expect.not.stringContaining(ME)])
    expect(JSON.stringify(await rows(CONSENT_SALTS))).not.toContain(saltBefore!.salt)
    for (const { salt } of await rows(CONSENT_SALTS)) expect(subjectPseudonym(ME, salt)).not.toBe(subject)
    // The pseudonym appears only in the chain itself (events and head), nowhere it could be joined to a person.
    for (const c of collections().filter((c) => c !== CONSENT_EVENTS && c !== CONSENT_HEADS)) expect([c, JSON.stringify(await rows(c))]).toEqual([c, expect.not.stringContaining(subject)])

    // The neighbour's chain is untouched and still theirs.
    expect(await call('consent', NEIGHBOUR, { action: 'verify' })).toMatchObject({ ok: true, data: { ok: true, count: 4 } })
    expect((await call('consent', NEIGHBOUR, { action: 'history' })).data.events[0].subject).toBe(neighbour)
    // The same WeChat account is a stranger to the old chain: a new decision starts a new one.
    expect(await call('consent', ME, { action: 'history' })).toEqual({ ok: true, data: { events: [] } })
  })

  it('a rerun of the step, after the salt is gone, appends nothing', async () => {
    if (!calendarCoversNow()) return
    const subject = await agree(ME)
    await cancel(ME)
    const before = await rows(CONSENT_EVENTS, { subject })
    const [request] = await rows('rights_requests', { type: 'cancellation' })
    // As if the run had died after the salt step but before noting it: the scheduler runs it again.
    await database().collection('rights_requests').doc(request!._id).update({ data: { status: 'processing', openid: ME, deletion: { ...request!.deletion, done: ['files', 'rows', 'retained'] } } })
    await emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect(await rows(CONSENT_EVENTS, { subject })).toEqual(before)
  })
})
