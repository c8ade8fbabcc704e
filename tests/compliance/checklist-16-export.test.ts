import { strFromU8, unzipSync } from 'fflate'
import { exportArchiveSchema, EXPORT_FILES } from '../../src/contracts/export-archive'
import { PRIVACY_MANIFEST } from '../../src/content'
import { decision, LOCATION } from '../support/consent'
import { calendarCoversNow } from '../support/calendar'
import { cloudSuite, POLICY_3 } from './checklist-harness'

/**
 * Checklist 16 (PIPL Art. 45; GB/T 35273 §8.6; WeChat's clipboard mapping): a self-service export,
 * delivered in the same call, holds machine-readable JSON, a human-readable page and one consent receipt
 * per ledger event; the clipboard copy is a declared privacy API.
 */
describe('checklist 16: copy and export', () => {
  const c = cloudSuite()
  const ME = 'o_test_user_1601'

  it('one call builds the archive: data.json, a Chinese index.html, and a receipt per consent event', async () => {
    if (!calendarCoversNow()) return // the export request needs a due date (tests/unit/calendar holds the refusal)
    await c.agree(ME)
    expect(await c.call('account', ME, { action: 'me' })).toMatchObject({ ok: true })
    await c.call('consent', ME, { action: 'record', request: decision({ policy: POLICY_3, target: LOCATION, method: 'permission-dialog' }) })
    const made = await c.call('export', ME, { action: 'requestExport', clientRequestId: c.rid() })
    expect(made).toMatchObject({ ok: true, data: { archive: { status: 'ready' } } })
    const link = await c.call('export', ME, { action: 'exportUrl', requestId: made.data.request.id })
    const files = unzipSync(new Uint8Array(await (await fetch(encodeURI(link.data.url))).arrayBuffer()))

    const data = exportArchiveSchema.parse(JSON.parse(strFromU8(files[EXPORT_FILES.data]!)))
    expect(data.categories.map((x) => x.category)).toEqual(expect.arrayContaining(['wechat-openid', 'consent-records']))
    expect(strFromU8(files[EXPORT_FILES.html]!)).toMatch(/<html[^>]*lang="zh-CN"/)
    const events = (await c.call('consent', ME, { action: 'history' })).data.events as Array<{ eventId: string }>
    expect(events).toHaveLength(2)
    for (const e of events) {
      const receipt = JSON.parse(strFromU8(files[EXPORT_FILES.receipt(e.eventId)]!))
      expect(receipt).toMatchObject({ version: 'KI-CR-v1.1.0', consentReceiptID: e.eventId })
    }
  })

  it('copying to the clipboard is declared in the manifest', () => {
    expect(PRIVACY_MANIFEST.features.find((f) => f.id === 'export-to-clipboard')).toMatchObject({ privacyApis: ['setClipboardData'] })
  })
})
