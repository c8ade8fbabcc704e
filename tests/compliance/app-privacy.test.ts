import { readFileSync } from 'node:fs'
import { APP_PRIVACY_FILE, appPrivacy } from '../../scripts/derive-app-privacy'

// app.json's privacy declarations come from a file derived from the manifest; it must say what the manifest says.
describe('src/content/app-privacy.json', () => {
  it('equals the permission and requiredPrivateInfos derived from the privacy manifest (npx tsx scripts/derive-app-privacy.ts rewrites it)', () => {
    expect(JSON.parse(readFileSync(APP_PRIVACY_FILE, 'utf8'))).toEqual(appPrivacy())
  })
})
