import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { CONSENT_EVENTS, CONSENT_SALTS } from '../../cloudfunctions/_shared/repositories/consent-ledger'
import { PRIVACY_MANIFEST } from '../../src/content'
import { DELETION_TRIGGERS } from '../../src/domain/requests/rights-request'
import { decision } from '../support/consent'
import { cloudSuite, repoText } from './checklist-harness'

/**
 * Checklist 18 (PIPL Arts. 19, 47; GB/T 35273 §6.1, §8.3): purpose achieved, retention expired, consent
 * withdrawn, service stopped or unlawful processing each lead to deletion. Every fixed retention period
 * has a scheduled purge; here the refusal purge (30 days) runs against the real database, and the user
 * can name each legal trigger in a deletion request.
 */
describe('checklist 18: deletion triggers and scheduled purge', () => {
  const c = cloudSuite()
  const DAY = 86_400_000

  it('a scheduled purge removes records past their retention and keeps the rest', async () => {
    await c.call('consent', 'o_test_user_1801', { action: 'record', request: decision({ decision: 'deny', method: 'refuse-button' }) })
    await c.call('consent', 'o_test_user_1802', { action: 'record', request: decision({ decision: 'deny', method: 'refuse-button' }) })
    const age = (openid: string, days: number) => settled(database().collection(CONSENT_SALTS).doc(openid).update({ data: { createdAt: new Date(Date.now() - days * DAY) } }))
    await age('o_test_user_1801', 31)
    await age('o_test_user_1802', 29)
    const run = await c.timer('consent', 'purgeRefusals')
    expect(run).toMatchObject({ result: { ok: true, data: { purged: 1, kept: 0 } } })
    expect((await c.rows(CONSENT_SALTS)).map((r) => r._id)).toEqual(['o_test_user_1802'])
    expect(await c.rows(CONSENT_EVENTS)).toHaveLength(1)
  })

  it('the short fixed retention periods each have a purge timer, and a deletion request can name each legal trigger', () => {
    const fixed = new Map(PRIVACY_MANIFEST.retentionClasses.filter((r) => r.endsOn === 'fixed-period').map((r) => [r.id, r.maxDays]))
    // Retention class → the timer that enforces it (docs/compliance.md lists the longer classes and why they have none yet).
    const purges = { refusals: ['consent', 'purgeRefusals'], exports: ['export', 'purgeExports'], 'rejected-certification': ['certification', 'purgeCertifications'] } as const
    for (const [retention, [fn, trigger]] of Object.entries(purges)) {
      expect([retention, fixed.get(retention)]).toEqual([retention, expect.any(Number)])
      const { triggers } = JSON.parse(repoText(`cloudfunctions/${fn}/config.json`)) as { triggers: Array<{ name: string; type: string }> }
      expect(triggers).toContainEqual(expect.objectContaining({ name: trigger, type: 'timer' }))
    }
    expect([...DELETION_TRIGGERS]).toEqual(expect.arrayContaining(['purpose-achieved', 'service-stopped', 'consent-withdrawn', 'unlawful']))
  })
})
