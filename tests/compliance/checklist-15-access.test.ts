import { PRIVACY_MANIFEST } from '../../src/content'
import { CERT_ENV, fictionalId, tinyJpeg, validCertFields } from '../support/certification'
import { decision, LOCATION } from '../support/consent'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 15 (PIPL Art. 45; GB/T 35273 §8.1): the personal centre shows every category of personal
 * information held about the openid, certification fields masked, and the consent history. The
 * `personal` function's inventory is what 我的 → 个人信息 renders.
 */
describe('checklist 15: access to everything held', () => {
  const c = cloudSuite({ env: CERT_ENV })
  const ME = 'o_test_user_1501'
  const ID_NUMBER = fictionalId('19880808', '310115', '246')

  it('the inventory lists each held category (manifest ids), masks certification fields, and includes the consent records', async () => {
    await c.agree(ME)
    expect(await c.call('account', ME, { action: 'me' })).toMatchObject({ ok: true })
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) })
    await c.call('personal', ME, { action: 'addContact', clientRequestId: c.rid(), contact: { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' } })
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: { kind: 'purpose', id: 'store-certification' }, method: 'purpose-prompt' }) })
    for (const [slot, fill] of [['idFront', 1], ['idBack', 2], ['licence', 3]] as const) await c.call('certification', ME, { action: 'setPhoto', clientRequestId: c.rid(), slot, image: tinyJpeg(fill) })
    expect(await c.call('certification', ME, { action: 'submit', clientRequestId: c.rid(), fields: validCertFields({ idNumber: ID_NUMBER }) })).toMatchObject({ ok: true })

    const inv = await c.call('personal', ME, { action: 'inventory' })
    const byCat = Object.fromEntries(inv.data.categories.map((x: { category: string }) => [x.category, x]))
    const declared = new Set(PRIVACY_MANIFEST.dataCategories.map((d) => d.id))
    for (const id of Object.keys(byCat)) expect([id, declared.has(id)]).toEqual([id, true])
    expect(Object.keys(byCat)).toEqual(expect.arrayContaining(['wechat-openid', 'delivery-contact', 'consent-records', 'legal-person-name', 'legal-person-mobile', 'id-number', 'id-card-images', 'business-licence']))
    expect(byCat['id-number'].records[0].fields).toEqual([{ key: 'idNumber', value: `310***********${ID_NUMBER.slice(-4)}` }])
    expect(byCat['delivery-contact'].records[0].fields).toContainEqual({ key: 'mobile', value: '138****5678' })
    const text = JSON.stringify(inv)
    expect(text).not.toContain(ID_NUMBER)
    expect(text).not.toContain('13812345678')
    // The consent chain is listed with its length; 权限与同意 shows each decision from the same chain.
    const history = (await c.call('consent', ME, { action: 'history' })).data.events
    expect(history.length).toBe(3)
    expect(byCat['consent-records'].records[0].fields).toEqual([{ key: 'events', value: String(history.length) }])
  })
})
