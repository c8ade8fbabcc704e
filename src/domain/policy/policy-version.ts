import { DomainError } from '../common/errors'
import { contentHash } from './policy-hash'
import type { PolicyContent } from './policy-schema'

/** What a consent event cites: the version label and the hash of its exact content. */
export interface PolicyRef {
  version: string
  hash: string
}

/** An immutable, published snapshot. Stored insert-only; never updated. */
export interface PublishedPolicy {
  version: string
  effectiveDate: string
  hash: string
  /** ISO 8601, from the caller's clock. */
  publishedAt: string
  /** Against the version published before it. */
  change: 'initial' | 'major' | 'minor'
  content: PolicyContent
}

/** Numeric, segment-wise comparison of dotted versions ("2026.10" > "2026.9"). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0)
    if (diff !== 0) return Math.sign(diff)
  }
  return 0
}

/** The highest published version, or undefined before the first. */
export function latestPolicy(history: readonly PublishedPolicy[]): PublishedPolicy | undefined {
  return history.reduce<PublishedPolicy | undefined>((best, p) => (!best || compareVersions(p.version, best.version) > 0 ? p : best), undefined)
}

/** The published version a consent refers to; undefined if unknown or if the hash does not match. */
export function findPolicy(history: readonly PublishedPolicy[], ref: PolicyRef): PublishedPolicy | undefined {
  return history.find((p) => p.version === ref.version && p.hash === ref.hash)
}

/**
 * The published version a consent request cites; a decision can only be recorded against text that
 * was actually published.
 * @throws DomainError `POLICY.UNKNOWN_VERSION` when no published version has that label and hash.
 */
export function requirePolicy(history: readonly PublishedPolicy[], ref: PolicyRef): PublishedPolicy {
  const found = findPolicy(history, ref)
  if (!found) throw new DomainError('POLICY.UNKNOWN_VERSION', `policy ${ref.version} with this hash was never published`)
  return found
}

/** True when a stored snapshot still hashes to its recorded hash (detects edits in the database). */
export function isIntact(p: PublishedPolicy): boolean {
  return p.version === p.content.version && p.hash === contentHash(p.content)
}
