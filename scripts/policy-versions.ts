import { POLICY_VERSIONS } from '../src/content/policies'
import type { PolicyContent } from '../src/domain/policy/policy-schema'
import { compareVersions } from '../src/domain/policy/policy-version'

/** Which shipped policy versions `npm start` publishes into a fresh data folder, and what is left to publish. */

/**
 * The shipped versions up to and including `upTo`, oldest first; all of them without it.
 * @throws Error naming the shipped versions when `upTo` is not one of them.
 */
export function versionsUpTo(upTo: string | undefined, shipped: readonly PolicyContent[] = POLICY_VERSIONS): PolicyContent[] {
  if (upTo === undefined) return [...shipped]
  const i = shipped.findIndex((p) => p.version === upTo)
  if (i < 0) throw new Error(`unknown policy version ${upTo}; the app ships ${shipped.map((p) => p.version).join(', ')}`)
  return shipped.slice(0, i + 1)
}

/**
 * The shipped versions later than every published one, oldest first: what `npm run policy:publish` can still
 * publish (versions only move forward, so one skipped below the latest published can no longer be).
 */
export function unpublishedVersions(published: readonly string[], shipped: readonly PolicyContent[] = POLICY_VERSIONS): string[] {
  const latest = published.reduce<string | undefined>((best, v) => (best === undefined || compareVersions(v, best) > 0 ? v : best), undefined)
  return shipped.map((p) => p.version).filter((v) => latest === undefined || compareVersions(v, latest) > 0)
}
