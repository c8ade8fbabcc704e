import { AUDIT_CSV_COLUMNS } from '../../src/domain/ops/audit-log'
import { OPS_ENV, requestRow } from '../support/ops'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { cloudSuite } from './checklist-harness'

/**
 * Checklist 29: every ops action is audit-logged (who, when, what, why, outcome) in a hash chain, and the
 * log is exportable for a regulator as CSV. Refusals are logged as well, and tampering shows.
 */
describe('checklist 29: ops actions are audit-logged and exportable', () => {
  const c = cloudSuite({ env: OPS_ENV })

  it('who, when, what, why and the outcome of each call; CSV export; an edit is detected', async () => {
    const row = requestRow({ id: 'req_audit_00000000001', openid: 'o_test_user_2901', filedAt: new Date('2026-03-02T02:00:00Z') })
    await settled(database().collection('rights_requests').add({ data: row }))
    const reason = '订单金额与支付记录一致，无需更正'
    expect(await c.ops({ action: 'reject', requestId: row._id })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await c.ops({ action: 'reject', requestId: row._id, reason })).toMatchObject({ ok: true })

    const audit = (await c.rows('ops_audit')).filter((e) => typeof e.seq === 'number').sort((a, b) => a.seq - b.seq)
    expect(audit.map((e) => [e.operator, e.action, e.targets, e.reason ?? null, e.outcome])).toEqual([
      ['ops_alice', 'reject', [row._id], null, 'REQUEST.REASON_REQUIRED'],
      ['ops_alice', 'reject', [row._id], reason, 'ok'],
    ])
    for (const e of audit) expect(Date.parse(e.at)).toBeGreaterThan(0)
    expect(JSON.stringify(audit)).not.toContain('o_test_user_2901')

    const exported = await c.ops({ action: 'exportAudit' })
    const lines = (exported.data.csv as string).split('\r\n')
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','))
    expect(lines.filter((l) => l.includes(reason))).toHaveLength(1)
    expect((await c.ops({ action: 'verifyAudit' })).data).toMatchObject({ intact: true })

    await settled(database().collection('ops_audit').doc(audit[1]!._id).update({ data: { reason: '无' } }))
    expect((await c.ops({ action: 'verifyAudit' })).data).toMatchObject({ intact: false })
  })
})
