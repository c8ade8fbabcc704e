import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { PRIVACY_MANIFEST } from '../src/content/privacy-manifest'
import { appJsonPermission, requiredPrivateInfos } from '../src/domain/policy/manifest-derive'

/**
 * Writes `src/content/app-privacy.json`: app.json's `permission` and `requiredPrivateInfos`, derived from
 * the privacy manifest. app.config.ts reads this small file instead of the manifest, because Taro bundles
 * whatever app.config.ts imports into the weapp main package (the manifest alone is about 30 KB there).
 * tests/compliance/app-privacy.test.ts fails when the file and the manifest disagree.
 */
export function appPrivacy(): { permission: ReturnType<typeof appJsonPermission>; requiredPrivateInfos: string[] } {
  return { permission: appJsonPermission(PRIVACY_MANIFEST), requiredPrivateInfos: [...requiredPrivateInfos(PRIVACY_MANIFEST)] }
}

export const APP_PRIVACY_FILE = path.resolve(__dirname, '..', 'src', 'content', 'app-privacy.json')

if (require.main === module) {
  writeFileSync(APP_PRIVACY_FILE, `${JSON.stringify(appPrivacy(), null, 2)}\n`)
  console.log(`wrote ${path.relative(process.cwd(), APP_PRIVACY_FILE)}`)
}
