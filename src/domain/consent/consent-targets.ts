import { DomainError } from '../common/errors'
import type { PrivacyManifest, Purpose } from '../policy/manifest-schema'
import type { ConsentTarget } from './consent-event'

/** The policy as a whole is one target; its id is fixed. */
export const POLICY_TARGET_ID = 'privacy-policy'

/** A stable key per target, for maps and database indexes: `scope:scope.userLocation`. */
export function targetKey(target: ConsentTarget): string {
  return `${target.kind}:${target.id}`
}

/**
 * The purposes a decision covers. The policy agreement covers the basic purposes that need no
 * separate consent; a purpose covers itself; a scope covers the purposes of the features that use it.
 */
export function purposesForTarget(m: PrivacyManifest, target: ConsentTarget): Purpose[] {
  switch (target.kind) {
    case 'policy':
      return m.purposes.filter((p) => p.kind === 'basic' && p.legalBasis !== 'separate-consent')
    case 'purpose':
      return m.purposes.filter((p) => p.id === target.id)
    case 'scope': {
      const ids = new Set(m.features.filter((f) => f.scope === target.id).map((f) => f.purpose))
      return m.purposes.filter((p) => ids.has(p.id))
    }
  }
}

/** Whether the manifest declares the target, so the ledger never records consent to something undeclared. */
export function isDeclaredTarget(m: PrivacyManifest, target: ConsentTarget): boolean {
  return target.kind === 'policy' || purposesForTarget(m, target).length > 0
}

/**
 * Guards a write: the ledger never records consent to something the cited policy did not declare.
 * @throws DomainError `CONSENT.UNKNOWN_TARGET`.
 */
export function requireDeclaredTarget(m: PrivacyManifest, target: ConsentTarget): void {
  if (!isDeclaredTarget(m, target)) throw new DomainError('CONSENT.UNKNOWN_TARGET', `the policy does not declare ${target.kind} ${target.id}`)
}
