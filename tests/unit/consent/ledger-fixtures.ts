import { POLICY_2026_1, POLICY_2026_2 } from '../../../src/content'
import { type ConsentEvent, type ConsentRequest, type NewConsent, headOf, nextEvent, subjectPseudonym } from '../../../src/domain/consent'
import { contentHash } from '../../../src/domain/policy'

/** Fictional subject: o_test_user_1 with a fixed test salt. */
export const OPENID = 'o_test_user_1'
export const SALT = '00112233445566778899aabbccddeeff'
export const SUBJECT = subjectPseudonym(OPENID, SALT)

export const V1 = { version: POLICY_2026_1.version, hash: contentHash(POLICY_2026_1) }
export const V2 = { version: POLICY_2026_2.version, hash: contentHash(POLICY_2026_2) }

export function request(overrides: Partial<ConsentRequest> = {}): ConsentRequest {
  return {
    clientRequestId: 'req-00000001',
    target: { kind: 'policy', id: 'privacy-policy' },
    decision: 'grant',
    policy: V1,
    method: 'agree-button',
    page: 'pages/index/index',
    client: { platform: 'h5', appVersion: '0.1.0' },
    language: 'zh-CN',
    ...overrides,
  }
}

/** Builds a chain from requests, one minute apart from 2026-01-01T00:00Z, ids evt-1, evt-2, … */
export function chain(requests: ReadonlyArray<Partial<ConsentRequest>>, subject = SUBJECT): ConsentEvent[] {
  const events: ConsentEvent[] = []
  requests.forEach((r, i) => {
    const input: NewConsent = { ...request({ clientRequestId: `req-${String(i + 1).padStart(8, '0')}`, ...r }), subject }
    const head = events.length ? headOf(events[events.length - 1]) : undefined
    events.push(nextEvent(head, input, { now: new Date(Date.UTC(2026, 0, 1, 0, i)), eventId: `evt-${i + 1}` }))
  })
  return events
}

/** A typical first session: agree to the policy and account identity, allow location, later withdraw it. */
export function typicalChain(): ConsentEvent[] {
  return chain([
    {},
    { target: { kind: 'purpose', id: 'account-identity' } },
    { target: { kind: 'scope', id: 'scope.userLocation' }, method: 'permission-dialog', page: 'pages/stores/index' },
    { target: { kind: 'purpose', id: 'save-poster' }, decision: 'deny', method: 'purpose-prompt' },
    { target: { kind: 'scope', id: 'scope.userLocation' }, decision: 'withdraw', method: 'settings-toggle', page: 'pages/permissions/index' },
  ])
}
