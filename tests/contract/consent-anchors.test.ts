import { CONSENT_EVENTS, CONSENT_HEADS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { CONSENT_ANCHORS } from '../../cloudfunctions/_shared/repositories/consent-anchors'
import { database, downloadFile, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { nodeEd25519Verify } from '../../cloudfunctions/_shared/adapters/signing-key'
import { RECEIPT_KEYS } from '../../src/content/receipt-keys'
import { type ConsentEvent, chainHash, verifyChain } from '../../src/domain/consent'
import { checkReceipt, receiptAgainstChain, type SignedReceipt } from '../../src/domain/consent/receipt-signature'
import { LOCATION, cloudSuite, decision, freshCloud, invoker, user } from '../support/consent'
import { removeDataDir, startEmulator, type RunningEmulator } from '../support/emulator'

// The built `consent` function with the development signing key (tests/support/receipt-keys.ts), against
// the emulator through the real wx-server-sdk; the "operator" below writes to the database directly.
describe('consent: signed receipts and ledger anchors', () => {
  let emu: RunningEmulator
  let invoke: ReturnType<typeof invoker>
  const call = async (action: string, openid: string, extra: object = {}) => (await invoke({ action, ...extra }, user(openid))).result!
  const record = async (openid: string, over: Parameters<typeof decision>[0] = {}) => (await call('record', openid, { request: decision(over) })).data.event as ConsentEvent
  const anchorRun = () => emu.control<{ result?: { ok: boolean; code?: string; data?: { date: string; count: number; root: string; fileID: string } } }>('/timers/run', { name: 'consent', trigger: 'anchorHeads' })
  const anchorRows = async () => (await settled(database().collection(CONSENT_ANCHORS).limit(100).get())).data as Array<{ _id: string; fileID?: string; root?: string }>
  const readAnchor = async (fileID: string) => JSON.parse(new TextDecoder().decode(await downloadFile(fileID)))

  cloudSuite((e) => {
    emu = e
    invoke = invoker(emu, 'consent')
  })

  it('a chain rewritten and re-hashed in the database passes the plain chain check; the kept receipt and the anchor both catch it', async () => {
    const me = 'o_test_user_1'
    await record(me)
    const granted = await record(me, { target: LOCATION, method: 'permission-dialog' })
    await record(me, { target: LOCATION, decision: 'withdraw', method: 'settings-toggle' })
    await record('o_test_user_2')
    // The user keeps the receipt of their grant (the app's "copy the full receipt").
    const kept = (await call('receipt', me, { eventId: granted.eventId })).data as SignedReceipt
    expect(checkReceipt(kept, RECEIPT_KEYS, nodeEd25519Verify)).toEqual({ status: 'valid', kid: kept.signature.kid })
    expect((await call('verify', me)).data).toMatchObject({ ok: true, count: 3, anchor: { status: 'none' } })

    const run = await anchorRun()
    expect(run.result).toMatchObject({ ok: true, data: { count: 2, root: expect.stringMatching(/^[0-9a-f]{64}$/) } })
    const { date, fileID } = run.result!.data!
    expect(fileID).toMatch(new RegExp(`/consent-anchors/${date}\\.json$`))
    expect(await readAnchor(fileID)).toMatchObject({ date, count: 2, root: run.result!.data!.root, signature: { alg: 'Ed25519' } })
    expect((await call('verify', me)).data).toMatchObject({ ok: true, count: 3, anchor: { status: 'match', date, seq: 3 } })

    // The operator turns the grant into a refusal and re-hashes every later event and the head.
    const events = (await call('history', me)).data.events as ConsentEvent[]
    const forged: ConsentEvent[] = []
    for (const e of events) {
      const prevHash = forged.length ? forged[forged.length - 1]!.hash : e.prevHash
      const changed = e.seq === granted.seq ? { ...e, decision: 'deny' as const, method: 'refuse-button' as const } : e
      forged.push({ ...changed, prevHash, hash: chainHash(prevHash, changed) })
    }
    for (const e of forged) await settled(database().collection(CONSENT_EVENTS).doc(e.eventId).set({ data: e }))
    await settled(database().collection(CONSENT_HEADS).doc(forged[2]!.subject).update({ data: { hash: forged[2]!.hash } }))

    // The plain chain check alone is satisfied: every link and the head agree.
    const now = (await call('history', me)).data.events as ConsentEvent[]
    expect(now[1]).toMatchObject({ decision: 'deny', method: 'refuse-button' })
    expect(verifyChain(now, { subject: forged[2]!.subject, seq: 3, hash: forged[2]!.hash })).toMatchObject({ ok: true, count: 3 })
    // The anchor, signed and outside the database, still names the old head.
    expect((await call('verify', me)).data).toEqual({ ok: true, count: 3, head: expect.objectContaining({ seq: 3 }), anchor: { status: 'mismatch', date, reason: 'event', seq: 3 } })
    // The kept receipt still verifies, and contradicts the ledger; edited to match the ledger, it no longer verifies.
    expect(checkReceipt(kept, RECEIPT_KEYS, nodeEd25519Verify)).toMatchObject({ status: 'valid' })
    expect(receiptAgainstChain(kept, now)).toBe('differs')
    const edited = { ...kept, eventState: 'refused', proof: { ...kept.proof, hash: now[1]!.hash, prevHash: now[1]!.prevHash } }
    expect(receiptAgainstChain(edited, now)).toBe('matches')
    expect(checkReceipt(edited, RECEIPT_KEYS, nodeEd25519Verify)).toMatchObject({ status: 'invalid' })
    // Another user's untouched chain still matches the same anchor.
    expect((await call('verify', 'o_test_user_2')).data).toMatchObject({ ok: true, anchor: { status: 'match', date, seq: 1 } })
  })

  it('anchors are write-once: a second run the same day is refused and leaves the stored anchor as it was', async () => {
    await record('o_test_user_1')
    const first = (await anchorRun()).result!
    expect(first).toMatchObject({ ok: true, data: { count: 1 } })
    const before = await readAnchor(first.data!.fileID)
    await record('o_test_user_3')
    expect((await anchorRun()).result).toMatchObject({ ok: false, code: 'COMMON.CONFLICT' })
    expect(await readAnchor(first.data!.fileID)).toEqual(before)
    expect(await anchorRows()).toEqual([expect.objectContaining({ _id: first.data!.date, fileID: first.data!.fileID, root: before.root })])
    // A chain begun after the anchor is not yet in it.
    expect((await call('verify', 'o_test_user_3')).data).toMatchObject({ ok: true, anchor: { status: 'not-anchored-yet', date: first.data!.date } })
  })

  it('without a signing key, receipts are refused with a code (never unsigned) and no anchor day is claimed', async () => {
    const bare = await startEmulator({ env: { RECEIPT_SIGNING_KEY: '' } })
    try {
      await freshCloud(bare)
      const run = invoker(bare, 'consent')
      const event = (await run({ action: 'record', request: decision() }, user('o_test_user_1'))).result!.data.event as ConsentEvent
      expect((await run({ action: 'receipt', eventId: event.eventId }, user('o_test_user_1'))).result).toMatchObject({ ok: false, code: 'CONSENT.SIGNING_KEY_MISSING' })
      const timer = await bare.control<{ result?: unknown }>('/timers/run', { name: 'consent', trigger: 'anchorHeads' })
      expect(timer.result).toMatchObject({ ok: false, code: 'CONSENT.SIGNING_KEY_MISSING' })
      expect((await settled(database().collection(CONSENT_ANCHORS).get())).data).toEqual([])
    } finally {
      await bare.stop()
      removeDataDir(bare.dataDir)
    }
  })
})
