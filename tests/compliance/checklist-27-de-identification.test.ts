import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CONSENT_EVENTS, CONSENT_HEADS, CONSENT_SALTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { verifyChain } from '../../src/domain/consent/consent-ledger'
import { decision, LOCATION } from '../support/consent'
import { OPS_ENV } from '../support/ops'
import { calendarCoversNow } from '../support/calendar'
import { cancelAccount, cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 27 (GB/T 35273 §6.2; PIPL Art. 4: anonymised data is not personal information): the consent
 * ledger keys on a salted pseudonym, never the openid, with the salt kept apart; after cancellation no
 * salt row exists for the openid, so the kept chain is anonymous and still verifies. (How the salt is
 * destroyed is being reworked under issue 11 item 2; this holds either way.)
 */
describe('checklist 27: de-identification and anonymisation', () => {
  const c = cloudSuite({ env: OPS_ENV })
  const ME = 'o_test_user_2701'

  it('ledger rows carry a pseudonym, not the openid; the salt lives in its own collection', async () => {
    await c.agree(ME)
    const events = await c.rows(CONSENT_EVENTS)
    expect(events.length).toBeGreaterThan(0)
    expect(JSON.stringify(events)).not.toContain(ME)
    expect(JSON.stringify(await c.rows(CONSENT_HEADS))).not.toContain(ME)
    expect(events[0]!.subject).toMatch(/^[0-9a-f]{64}$/)
    expect(await c.rows(CONSENT_SALTS, { _id: ME })).toHaveLength(1)
  })

  it('after cancellation no salt row exists for the openid, and the kept chain still verifies', async () => {
    if (!calendarCoversNow()) return // the request's due date needs the calendar (tests/unit/calendar holds the refusal)
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) })
    const subject = (await c.call('consent', ME, { action: 'history' })).data.events[0].subject as string

    await cancelAccount(c, ME)

    expect(await c.rows(CONSENT_SALTS, { _id: ME })).toEqual([])
    const { data: rows } = await settled(database().collection(CONSENT_EVENTS).where({ subject }).orderBy('seq', 'asc').get())
    const { data: head } = await settled(database().collection(CONSENT_HEADS).doc(subject).get())
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(verifyChain(rows, head as never)).toMatchObject({ ok: true })
    // The openid no longer reaches the chain.
    expect((await c.call('consent', ME, { action: 'history' })).data.events).toEqual([])
  })
})
