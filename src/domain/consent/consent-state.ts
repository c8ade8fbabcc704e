import type { PolicyRef } from '../policy/policy-version'
import type { ConsentEvent, ConsentMethod, ConsentTarget } from './consent-event'
import { POLICY_TARGET_ID, targetKey } from './consent-targets'
import { type ConsentStateName, stateAfter } from './consent-transitions'


/** The standing decision for one target. */
export interface TargetConsent {
  target: ConsentTarget
  state: ConsentStateName
  /** When the current state began (a repeated grant, e.g. at re-consent, keeps it). */
  since: string
  /** When the latest event for this target was recorded. */
  updatedAt: string
  /** The policy version the latest event cites. */
  policy: PolicyRef
  method: ConsentMethod
  seq: number
  eventId: string
}

/** Current consent per target, keyed by `targetKey`. */
export type ConsentView = Record<string, TargetConsent>

/**
 * Folds a subject's ledger into the standing decision per purpose, scope and policy. Derived only
 * from the events (sorted by seq), so the view can always be rebuilt from the ledger.
 */
export function currentConsent(events: readonly ConsentEvent[]): ConsentView {
  return [...events].sort((a, b) => a.seq - b.seq).reduce(applyEvent, {})
}

/** The view after one more event (the next in seq order): lets a writer keep the view next to the chain head. */
export function applyEvent(view: ConsentView, e: ConsentEvent): ConsentView {
  const key = targetKey(e.target)
  const before = view[key]
  const state = stateAfter(before?.state, e.decision)
  return {
    ...view,
    [key]: {
      target: e.target,
      state,
      since: before && before.state === state ? before.since : e.serverTime,
      updatedAt: e.serverTime,
      policy: e.policy,
      method: e.method,
      seq: e.seq,
      eventId: e.eventId,
    },
  }
}

export function isGranted(view: ConsentView, target: ConsentTarget): boolean {
  return view[targetKey(target)]?.state === 'granted'
}

/** The policy version the user last agreed to, or undefined if they never agreed or later withdrew. */
export function agreedPolicy(view: ConsentView): PolicyRef | undefined {
  const c = view[targetKey({ kind: 'policy', id: POLICY_TARGET_ID })]
  return c?.state === 'granted' ? c.policy : undefined
}

/** Every decision about one target, oldest first: the history the permissions page shows. */
export function consentHistory(events: readonly ConsentEvent[], target: ConsentTarget): ConsentEvent[] {
  const key = targetKey(target)
  return events.filter((e) => targetKey(e.target) === key).sort((a, b) => a.seq - b.seq)
}

/**
 * Whether a subject only ever refused: every standing decision is a refusal (a withdrawal means an
 * earlier grant). Such a chain belongs to no account, so it is kept only for `REFUSAL_KEEP_DAYS`.
 */
export function onlyRefused(view: ConsentView): boolean {
  const decisions = Object.values(view)
  return decisions.length > 0 && decisions.every((c) => c.state === 'denied')
}

/** How long the record of someone who refused and never agreed is kept (disclosed in the policy from 2026.3). */
export const REFUSAL_KEEP_DAYS = 30
