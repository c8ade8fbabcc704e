import type { PolicyContent } from '../../domain/policy/policy-schema'
import { POLICY_2026_1 } from './policy-2026-1'
import { POLICY_2026_2 } from './policy-2026-2'
import { POLICY_2026_3 } from './policy-2026-3'

export { POLICY_2026_1, POLICY_2026_2, POLICY_2026_3 }

/** Every version the product ships, oldest first; publishing them in order builds the policy history. */
export const POLICY_VERSIONS: readonly PolicyContent[] = [POLICY_2026_1, POLICY_2026_2, POLICY_2026_3]

/** The version new users are asked to agree to. */
export const LATEST_POLICY: PolicyContent = POLICY_2026_3
