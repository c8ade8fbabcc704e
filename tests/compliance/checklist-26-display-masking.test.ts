import { maskIdNumber } from '../../src/domain/certification/certification-form'
import { maskMobile, maskName } from '../../src/domain/personal/masking'
import { CERT_ENV, fictionalId, tinyJpeg, validCertFields } from '../support/certification'
import { decision } from '../support/consent'
import { OPS_ENV } from '../support/ops'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 26 (GB/T 35273 §7.1, §7.2): values are masked wherever they are shown, the ops console
 * included: ID number `110***********1234`, mobile `138****5678`, name partly hidden. A full value needs
 * an operator, a reason, and leaves an audit entry (which never holds the value).
 */
describe('checklist 26: display masking everywhere, the ops console included', () => {
  const c = cloudSuite({ env: { ...OPS_ENV, ...CERT_ENV } })
  const ME = 'o_test_user_2601'
  const ID_NUMBER = fictionalId('19900307', '110105', '123')

  it('the masks have the standard shapes', () => {
    expect(maskIdNumber('110105199003071234')).toBe('110***********1234')
    expect(maskMobile('13812345678')).toBe('138****5678')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧***')
  })

  it('ops see masked values; a reveal needs a reason and is audited without the value', async () => {
    await c.agree(ME)
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }) })
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) await c.call('certification', ME, { action: 'setPhoto', clientRequestId: c.rid(), slot, image: tinyJpeg(fill) })
    expect(await c.call('certification', ME, { action: 'submit', clientRequestId: c.rid(), fields: validCertFields({ idNumber: ID_NUMBER, mobile: '13812345678' }) })).toMatchObject({ ok: true })

    const list = await c.ops({ action: 'listCertifications' })
    const id = list.data.rows[0].applicationId as string
    const shown = await c.ops({ action: 'showCertification', applicationId: id })
    expect(shown.data.fields).toMatchObject({ legalName: '张*', mobile: '138****5678', idNumber: maskIdNumber(ID_NUMBER) })
    expect(JSON.stringify([list, shown])).not.toMatch(new RegExp(`${ID_NUMBER}|13812345678`))

    expect(await c.ops({ action: 'revealCertification', applicationId: id, item: 'idNumber' })).toMatchObject({ ok: false, code: 'REQUEST.REASON_REQUIRED' })
    expect(await c.ops({ action: 'revealCertification', applicationId: id, item: 'idNumber', reason: '核对证件照片与号码' })).toMatchObject({ ok: true, data: { value: ID_NUMBER } })
    const audit = await c.rows('ops_audit', { action: 'revealCertification' })
    expect(audit.map((e) => [e.item, e.reason ?? null, e.outcome]).sort()).toEqual([['idNumber', null, 'REQUEST.REASON_REQUIRED'], ['idNumber', '核对证件照片与号码', 'ok']].sort())
    expect(JSON.stringify(await c.rows('ops_audit'))).not.toContain(ID_NUMBER)
  })
})
