import { main as account } from '../../../cloudfunctions/account/index'
import { main as consent } from '../../../cloudfunctions/consent/index'
import { main as ops } from '../../../cloudfunctions/ops/index'

// Rule 10: personal data stays in mainland China. The guard runs before identity, validation or any
// database call, so outside a mainland region nothing is read or written, whatever the event says.
describe('region guard', () => {
  const saved = process.env.TENCENTCLOUD_REGION
  afterEach(() => {
    if (saved === undefined) delete process.env.TENCENTCLOUD_REGION
    else process.env.TENCENTCLOUD_REGION = saved
  })

  it.each(['ap-singapore', 'na-ashburn', 'eu-frankfurt', 'ap-hongkong'])('refuses to run in %s', async (region) => {
    process.env.TENCENTCLOUD_REGION = region
    await expect(account({ action: 'me' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
    await expect(consent({ action: 'policy' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
    // No database is reachable here: an ops call that tried to write its audit entry would answer COMMON.INTERNAL.
    await expect(ops({ action: 'verifyAudit' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
  })

  it('refuses when the region is unknown', async () => {
    delete process.env.TENCENTCLOUD_REGION
    await expect(account({ action: 'me' })).resolves.toMatchObject({ ok: false, code: 'COMMON.REGION_NOT_ALLOWED' })
  })
})
