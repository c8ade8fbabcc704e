import { DomainError } from '../common/errors'
import { diffPolicies } from './policy-diff'
import { contentHash } from './policy-hash'
import { type PolicyContent, parsePolicyContent } from './policy-schema'
import { type PublishedPolicy, compareVersions, latestPolicy } from './policy-version'

export type PublishOutcome =
  | { created: true; published: PublishedPolicy; history: PublishedPolicy[] }
  /** Nothing was created: the version exists with this content, or the latest already has this text. */
  | { created: false; published: PublishedPolicy; reason: 'same-version' | 'same-content' }

function bodyHash(content: PolicyContent): string {
  const { version: _version, effectiveDate: _date, ...body } = content
  return contentHash(body)
}

/**
 * Publishes a draft as an immutable version. Identical content creates nothing (same version and
 * hash, or the latest version already has this text under another label); a version label is never
 * reused for other content; versions and effective dates only move forward.
 * @throws DomainError `POLICY.INVALID_CONTENT`, `POLICY.VERSION_IMMUTABLE`, `POLICY.VERSION_ORDER`.
 */
export function publish(history: readonly PublishedPolicy[], draft: unknown, ctx: { now: Date }): PublishOutcome {
  const content = parsePolicyContent(draft)
  const hash = contentHash(content)
  const existing = history.find((p) => p.version === content.version)
  if (existing) {
    if (existing.hash === hash) return { created: false, published: existing, reason: 'same-version' }
    throw new DomainError('POLICY.VERSION_IMMUTABLE', `version ${content.version} is already published with other content; publish a new version`)
  }
  const latest = latestPolicy(history)
  if (latest && bodyHash(latest.content) === bodyHash(content)) return { created: false, published: latest, reason: 'same-content' }
  if (latest && compareVersions(content.version, latest.version) <= 0) {
    throw new DomainError('POLICY.VERSION_ORDER', `version ${content.version} must be later than ${latest.version}`)
  }
  if (latest && content.effectiveDate < latest.effectiveDate) {
    throw new DomainError('POLICY.VERSION_ORDER', `effective date ${content.effectiveDate} is before ${latest.effectiveDate}`)
  }
  const classification = latest ? diffPolicies(latest.content, content).classification : 'initial'
  const published: PublishedPolicy = {
    version: content.version,
    effectiveDate: content.effectiveDate,
    hash,
    publishedAt: ctx.now.toISOString(),
    change: classification === 'major' ? 'major' : classification === 'initial' ? 'initial' : 'minor',
    content,
  }
  return { created: true, published, history: [...history, published] }
}
