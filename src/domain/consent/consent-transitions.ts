import { DomainError } from '../common/errors'
import type { PolicyRef } from '../policy/policy-version'
import type { Decision } from './consent-event'

/** The standing decision about one target; `none` before the first event. */
export type ConsentStateName = 'granted' | 'denied' | 'withdrawn'
export type ConsentStateOrNone = ConsentStateName | 'none'

/**
 * One cell of the table.
 * - `next`: the state after the decision.
 * - `unchanged`: when the decision changes nothing, so no event is appended and the standing one is
 *   returned: `always`, or `same-policy` (only when it cites the version the standing event cited, so
 *   agreeing to a new version, or refusing it, is still recorded).
 * - `refuse`: the decision is refused with this code (nothing to withdraw). Its `next` is only how a
 *   chain written before these rules folds: such a target was never granted.
 */
export interface Transition {
  next: ConsentStateName
  unchanged?: 'always' | 'same-policy'
  refuse?: 'CONSENT.NOT_GRANTED'
}

/**
 * The consent state machine of one target (a policy, a purpose, a scope). `denied` means refused and
 * never granted; `withdrawn` means granted once and no longer in force. So once a target was granted,
 * any no moves it to `withdrawn`: a `deny` after a grant (refusing a new version at re-consent, or a stale
 * client's refuse button) is recorded as the user's refusal and ends the grant like a withdrawal —
 * refusing it would leave a consent in force the user just said no to. This keeps `denied` honest, so
 * the refusal purge never takes a chain that once granted.
 */
export const TRANSITIONS: Readonly<Record<ConsentStateOrNone, Readonly<Record<Decision, Transition>>>> = {
  none: {
    grant: { next: 'granted' },
    deny: { next: 'denied' },
    withdraw: { next: 'denied', refuse: 'CONSENT.NOT_GRANTED' },
  },
  granted: {
    grant: { next: 'granted', unchanged: 'same-policy' },
    deny: { next: 'withdrawn' },
    withdraw: { next: 'withdrawn' },
  },
  denied: {
    grant: { next: 'granted' },
    deny: { next: 'denied', unchanged: 'same-policy' },
    withdraw: { next: 'denied', refuse: 'CONSENT.NOT_GRANTED' },
  },
  withdrawn: {
    grant: { next: 'granted' },
    deny: { next: 'withdrawn', unchanged: 'same-policy' },
    withdraw: { next: 'withdrawn', unchanged: 'always' },
  },
}

/** What a new decision does to a target: append an event moving it to `next`, or nothing. */
export type TransitionOutcome = { kind: 'append'; next: ConsentStateName } | { kind: 'unchanged' }

/**
 * Checks a new decision against the table. `standing` is the target's current state and the policy its
 * latest event cited (undefined: no event yet).
 * @throws DomainError `CONSENT.NOT_GRANTED` for a withdrawal of something never granted.
 */
export function decideTransition(standing: { state: ConsentStateName; policy: PolicyRef } | undefined, decision: Decision, policy: PolicyRef): TransitionOutcome {
  const cell = TRANSITIONS[standing?.state ?? 'none'][decision]
  if (cell.refuse) throw new DomainError(cell.refuse, `cannot ${decision} a consent that is ${standing?.state ?? 'not recorded'}`)
  const samePolicy = standing !== undefined && standing.policy.version === policy.version && standing.policy.hash === policy.hash
  if (cell.unchanged === 'always' || (cell.unchanged === 'same-policy' && samePolicy)) return { kind: 'unchanged' }
  return { kind: 'append', next: cell.next }
}

/** The state after a recorded event: the table's `next`, also for events recorded before the refusals existed. */
export function stateAfter(before: ConsentStateName | undefined, decision: Decision): ConsentStateName {
  return TRANSITIONS[before ?? 'none'][decision].next
}
