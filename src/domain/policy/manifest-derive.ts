import type { Feature, PrivacyManifest, Purpose } from './manifest-schema'
import { PERMISSION_DECLARED_SCOPES, REQUIRED_PRIVATE_INFO_APIS, type WxPrivacyApi, type WxScope } from './privacy-apis'

export type AppJsonPermission = Partial<Record<WxScope, { desc: string }>>
export type RequiredPrivateInfo = (typeof REQUIRED_PRIVATE_INFO_APIS)[number]

/**
 * The weapp `app.json` `permission` block: every location scope a feature uses, with the feature's
 * purpose as the `desc` WeChat shows in the dialog ("你的位置信息将用于…").
 */
export function appJsonPermission(m: PrivacyManifest): AppJsonPermission {
  const out: AppJsonPermission = {}
  for (const f of m.features) {
    if (f.scope && PERMISSION_DECLARED_SCOPES.includes(f.scope) && !out[f.scope]) out[f.scope] = { desc: f.useNote['zh-CN'] }
  }
  return out
}

/** The weapp `app.json` `requiredPrivateInfos`: the location APIs the features call, sorted. */
export function requiredPrivateInfos(m: PrivacyManifest): RequiredPrivateInfo[] {
  const used = new Set<string>(m.features.flatMap((f) => f.privacyApis))
  return REQUIRED_PRIVATE_INFO_APIS.filter((api) => used.has(api)).sort()
}

/** Every privacy API, open-type, component and scope the code may use; the static check compares against this. */
export function declaredPrivacyUsages(m: PrivacyManifest): Set<WxPrivacyApi | WxScope> {
  const out = new Set<WxPrivacyApi | WxScope>()
  for (const f of m.features) {
    for (const api of f.privacyApis) out.add(api)
    if (f.scope) out.add(f.scope)
  }
  return out
}

/** The features that need `scope`, so a scope decision can be traced to its purposes. */
export function featuresForScope(m: PrivacyManifest, scope: WxScope): Feature[] {
  return m.features.filter((f) => f.scope === scope)
}

/** Purposes in manifest order, filtered to ids; unknown ids are skipped. */
export function purposesById(m: PrivacyManifest, ids: readonly string[]): Purpose[] {
  return m.purposes.filter((p) => ids.includes(p.id))
}
