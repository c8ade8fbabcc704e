/**
 * The promise register (issue 12, item 15): every behaviour the policy in force promises, by the id its
 * blocks carry (`promises` in src/content/policies/policy-2026-3.ts), mapped to the code that keeps it and
 * the test that holds it. tests/compliance/promises.test.ts fails when a promise in the policy has no entry,
 * an entry has no promise, a named file or test does not exist, or a pending entry waits for a feature
 * marked built. docs/compliance.md ("Promise register") explains how to keep it.
 *
 * Statuses:
 * - `held`: the code keeps it today and each named test (file + a substring of the test's name) holds it.
 * - `pending`: the wording describes a feature being built; `waitsFor` names it in FEATURES. When the
 *   feature lands, flip it to `built: true`: the test then fails until the entry becomes `held`.
 * - `organisational`: a duty kept by people and agreements, not by code (no test can hold it); `evidence`
 *   says where it is kept. Use it sparingly; anything the product does is `held` or `pending`.
 */

export interface TestRef {
  /** Relative to the repository root. */
  file: string
  /** A substring of the `it`/`test` name in that file. */
  name: string
}

export type PromiseEntry =
  | { status: 'held'; what: string; code: readonly string[]; tests: readonly TestRef[] }
  | { status: 'pending'; what: string; waitsFor: FeatureId; code?: readonly string[] }
  | { status: 'organisational'; what: string; evidence: string }

/** Features a pending promise waits for; `built` is flipped by whoever lands the feature. */
export const FEATURES = {
  'contact-page': { issue: '#12 item 13', what: '我的 → 联系我们: a question or complaint becomes a rights request due in 15 working days, answered by ops in the app', built: true },
  announcements: { issue: '#12 item 14', what: 'in-app announcements published by ops (versioned, audited), shown as a banner until dismissed; used for incident notices', built: true },
  'deletion-request': { issue: '#12 item 3', what: 'an in-app "request deletion" action creating a `deletion` rights request, carried out by ops', built: true },
  'location-not-stored': { issue: '#12 item 7', what: 'the nearby search uses the position for the query only and stores nothing', built: true },
  'getsetting-withdrawal': { issue: '#12 item 7', what: 'a location permission turned off in WeChat’s settings is detected with getSetting at the next launch or use and recorded as a withdrawal', built: true },
  'profile-visits-removed': { issue: '#12 item 1', what: 'the profile row keeps only openid, appid and firstSeenAt (no visits, no lastSeenAt)', built: true },
  'refusal-purge': { issue: '#12 item 2', what: 'the salt and the refusal events of someone who never agreed are purged after 30 days', built: true },
  'personalised-recommendations': { issue: 'declared in 2026.2, no issue yet', what: 'the "Recommended for you" function, its preference tags and their deletion within 7 days of turning it off', built: false },
} as const satisfies Record<string, { issue: string; what: string; built: boolean }>
export type FeatureId = keyof typeof FEATURES

const E2E_PRIVACY = 'tests/e2e/privacy.test.ts'
const CERT = 'tests/contract/certification.test.ts'
const CERT_CODE = ['cloudfunctions/_shared/usecases/certification.ts', 'src/domain/certification/record.ts']

export const PROMISE_REGISTER: Readonly<Record<string, PromiseEntry>> = {
  // ── about
  'refusal-keeps-browsing': {
    status: 'held',
    what: 'declining keeps browsing and the policy available, never exits, never re-prompts',
    code: ['src/flows/privacy-session.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'a refusal keeps browsing without nagging' }],
  },
  'refusal-purged-after-30-days': {
    status: 'held',
    what: 'a never-agreed refusal and its salt are deleted after 30 days',
    code: ['cloudfunctions/_shared/usecases/consent.ts', 'src/domain/consent/consent-state.ts'],
    tests: [{ file: 'tests/contract/consent.test.ts', name: 'purge: a refusal of someone who never agreed is deleted after 30 days' }],
  },

  // ── collection and functions
  'privacy-apis-match-manifest': {
    status: 'held',
    what: 'no undeclared privacy API is called and every declared one is used',
    code: ['tools/privacy-api-scan.ts', 'src/domain/policy/manifest-derive.ts'],
    tests: [
      { file: 'tests/compliance/manifest-usage.test.ts', name: 'calls no undeclared privacy API' },
      { file: 'tests/compliance/manifest-usage.test.ts', name: 'declares no privacy API the code does not use' },
    ],
  },
  'new-purpose-asks-again': {
    status: 'held',
    what: 'a new purpose or category is a major version that asks again',
    code: ['src/domain/policy/policy-diff.ts', 'src/domain/policy/reconsent.ts'],
    tests: [{ file: 'tests/unit/policy/reconsent.test.ts', name: 'asks again after a major change' }],
  },
  'extended-refusable': {
    status: 'held',
    what: 'refusing an extended function keeps the basic ones',
    code: ['src/flows/permissions.ts', 'src/components/scope-refused'],
    tests: [{ file: E2E_PRIVACY, name: 'a refused album scope explains the loss' }],
  },
  'recommendations-off-deletes-tags': {
    status: 'pending',
    what: 'turning recommendations off deletes the preference tags within 7 days (2026.2 text, kept in 2026.3)',
    waitsFor: 'personalised-recommendations',
  },

  // ── profile
  'profile-shown-only-to-you': {
    status: 'held',
    what: 'nickname and avatar only for their owner',
    code: ['cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/contract/profile.test.ts', name: 'one user cannot see or change another user’s profile' }],
  },
  'avatar-replaced-deletes-old': {
    status: 'held',
    what: 'replacing the avatar deletes the old file at once',
    code: ['cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/contract/profile.test.ts', name: 'replacing the avatar leaves only the new file' }],
  },
  'profile-in-export': {
    status: 'held',
    what: 'the export holds the nickname and avatar',
    code: ['cloudfunctions/_shared/usecases/export.ts'],
    tests: [{ file: 'tests/contract/profile.test.ts', name: 'the export archive holds the avatar file' }],
  },

  // ── sensitive information and certification
  'cert-separate-consent': {
    status: 'held',
    what: 'certification data only after its own consent; refusing blocks nothing else',
    code: CERT_CODE,
    tests: [{ file: CERT, name: 'collects nothing without the separate consent' }],
  },
  'cert-fields-encrypted-masked': {
    status: 'held',
    what: 'ID number, mobile, name and credit code sealed with AES-256-GCM and masked wherever shown',
    code: [...CERT_CODE, 'src/domain/certification/fields.ts'],
    tests: [
      { file: 'tests/unit/certification/field-vault.test.ts', name: 'stores nothing in clear' },
      { file: CERT, name: 'no clear ID number or mobile in any log' },
      { file: CERT, name: 'answers masked only' },
    ],
  },
  'cert-photos-private-short-links': {
    status: 'held',
    what: 'photos in private storage, viewed through 5-minute links',
    code: CERT_CODE,
    tests: [
      { file: CERT, name: 'stores photos privately' },
      { file: CERT, name: 'with 5-minute thumbnails' },
    ],
  },
  'cert-id-photos-watermarked': {
    status: 'held',
    what: 'ID photos watermarked on the phone before upload',
    code: ['src/platform/watermark.ts'],
    tests: [{ file: 'tests/e2e/certification.test.ts', name: 'submits valid values with three photos' }],
  },
  'staff-see-masked-reveal-with-reason': {
    status: 'held',
    what: 'staff see masked data; a full value only with a recorded reason',
    code: [...CERT_CODE, 'cloudfunctions/_shared/usecases/ops.ts'],
    tests: [
      { file: CERT, name: 'reveals a full value only with a reason' },
      { file: 'tests/e2e/certification.test.ts', name: 'ops reveal the ID number only with a reason' },
    ],
  },
  'cert-rejected-deleted-after-30-days': {
    status: 'held',
    what: 'rejected certification data deleted 30 days after the rejection (purgeCertifications)',
    code: ['cloudfunctions/_shared/usecases/certification.ts', 'src/domain/certification/application.ts'],
    tests: [
      { file: CERT, name: 'runs the review: ops see it masked, reject with a reason' },
      { file: CERT, name: 'the purge deletes a rejected application' },
    ],
  },
  'cert-withdrawal-deletes-at-once': {
    status: 'held',
    what: 'withdrawing certification deletes values and photos at once',
    code: CERT_CODE,
    tests: [
      { file: CERT, name: 'withdrawal deletes the values and every photo' },
      { file: 'tests/e2e/certification.test.ts', name: 'the merchant withdraws' },
    ],
  },
  'location-used-for-query-only': {
    status: 'held',
    what: 'the position is used for the current query and not stored',
    code: ['cloudfunctions/_shared/usecases/stores.ts', 'cloudfunctions/_shared/inventory-sources.ts'],
    tests: [{ file: 'tests/contract/stores.test.ts', name: 'the position is used for the query and stored nowhere' }],
  },

  // ── permissions and account
  'permission-asked-at-use': {
    status: 'held',
    what: 'a permission is asked at the moment of use, purpose first',
    code: ['src/flows/permissions.ts', 'src/components/purpose-prompt'],
    tests: [{ file: E2E_PRIVACY, name: 'rule 3: location is asked at the moment of use' }],
  },
  'no-reprompt-after-refusal': {
    status: 'held',
    what: 'a refused scope is not asked again',
    code: ['src/flows/permissions.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'a refused scope is not asked again' }],
  },
  'account-row-minimal': {
    status: 'held',
    what: 'the account row keeps only openid, appid and firstSeenAt, made only after agreement and deleted when the policy is withdrawn',
    code: ['cloudfunctions/_shared/repositories/profiles.ts', 'cloudfunctions/_shared/usecases/account.ts', 'cloudfunctions/_shared/usecases/consent.ts'],
    tests: [
      { file: 'tests/contract/account.test.ts', name: 'keeps no account row for someone who has not agreed' },
      { file: 'tests/contract/account.test.ts', name: 'withdrawing the policy deletes the account row' },
    ],
  },
  'withdraw-one-tap': {
    status: 'held',
    what: 'withdrawal is one tap on the permissions page and recorded',
    code: ['src/packages/privacy/pages/permissions/index.tsx', 'cloudfunctions/_shared/usecases/consent.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'rule 7: withdrawing location is one tap' }],
  },
  'settings-off-recorded-as-withdrawal': {
    status: 'held',
    what: 'a permission turned off in WeChat’s settings is found with getSetting and recorded',
    code: ['src/flows/privacy-session.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'location switched off in WeChat' }],
  },
  'local-storage-only-listed': {
    status: 'held',
    what: 'local storage holds only what the policy lists: the declined version, the dismissed notice, the dismissed announcements',
    code: ['src/flows/privacy-session.ts', 'src/components/announcement-banner/index.tsx', 'src/content/local-storage.ts'],
    tests: [{ file: 'tests/compliance/promises.test.ts', name: 'local storage holds only the keys the policy lists' }],
  },

  // ── SDKs, processors, storage
  'no-sdk-without-update': {
    status: 'held',
    what: 'no third-party SDK; adding one is a major version',
    code: ['src/content/privacy-manifest.ts', 'src/domain/policy/policy-diff.ts'],
    tests: [
      { file: 'tests/unit/manifest/manifest.test.ts', name: 'says plainly that no SDK is embedded' },
      { file: 'tests/unit/policy/policy-diff.test.ts', name: 'or an SDK is added' },
    ],
  },
  'processors-bound-by-agreement': { status: 'organisational', what: 'processors bound by agreement and supervised', evidence: 'the CloudBase service agreement and its data-processing terms, kept by the company' },
  'data-stays-in-mainland': {
    status: 'held',
    what: 'data stored in mainland China; functions refuse another region',
    code: ['cloudfunctions/_shared/handler.ts'],
    tests: [{ file: 'tests/unit/functions/region.test.ts', name: 'refuses to run in' }],
  },
  'withdrawal-deletes': {
    status: 'held',
    what: 'withdrawing a consent deletes what it covered',
    code: ['cloudfunctions/_shared/usecases/consent.ts', 'cloudfunctions/_shared/usecases/certification.ts'],
    tests: [{ file: CERT, name: 'withdrawing the consent in the ledger withdraws the certification too' }],
  },
  'cancellation-deletes-or-anonymises': {
    status: 'held',
    what: 'cancellation deletes every row and file, anonymises what the law keeps',
    code: ['cloudfunctions/_shared/usecases/cancellation.ts'],
    tests: [{ file: 'tests/contract/cancellation.test.ts', name: 'the scheduler deletes every row and file' }],
  },

  // ── sharing and security
  'no-sale': { status: 'organisational', what: 'personal information is never sold', evidence: 'company policy; the sharing list (manifest `sharing`) names every recipient and no code sends data elsewhere' },
  'sharing-list-matches-policy': {
    status: 'held',
    what: 'the 第三方共享清单 shows the same recipients as the policy’s sharing table',
    code: ['src/domain/personal/lists.ts', 'src/domain/policy/policy-tables.ts'],
    tests: [{ file: 'tests/unit/personal/lists.test.ts', name: 'shows the same recipients as the policy’s sharing table' }],
  },
  'identity-from-platform': {
    status: 'held',
    what: 'identity only from WeChat; no cross-user access',
    code: ['cloudfunctions/_shared/handler.ts'],
    tests: [{ file: 'tests/contract/orders.test.ts', name: 'another user never sees an order' }],
  },
  'consent-records-hash-chained': {
    status: 'held',
    what: 'consent records in a verifiable hash chain',
    code: ['src/domain/consent/consent-ledger.ts', 'src/domain/consent/hash-chain.ts'],
    tests: [{ file: 'tests/unit/consent/consent-ledger.test.ts', name: 'detects an edited event whose hash was recomputed' }],
  },
  'incident-notice-in-app': {
    status: 'held',
    what: 'incident notices as an in-app announcement shown until dismissed',
    code: ['cloudfunctions/_shared/usecases/announcements.ts', 'src/components/announcement-banner/index.tsx'],
    tests: [
      { file: 'tests/e2e/announcements.test.ts', name: 'shows an incident before and after agreeing' },
      { file: 'tests/contract/announcements.test.ts', name: 'audits every call with the announcement id' },
    ],
  },
  'incident-reported-to-authorities': { status: 'organisational', what: 'incidents reported to the authorities', evidence: 'the incident response procedure, kept by the company' },

  // ── rights
  'no-extra-identity-check': {
    status: 'held',
    what: 'rights are exercised with the WeChat identity alone',
    code: ['cloudfunctions/_shared/usecases/cancellation.ts'],
    tests: [{ file: 'tests/contract/cancellation.test.ts', name: 'previews what goes and what stays, asks nothing' }],
  },
  'right-to-view': {
    status: 'held',
    what: 'My data shows what we hold',
    code: ['cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/contract/personal.test.ts', name: 'the inventory shows it masked' }],
  },
  'right-to-correct': {
    status: 'held',
    what: 'correct in-app, or by a request due in 15 working days',
    code: ['cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/contract/personal.test.ts', name: 'a correction the user cannot make alone becomes a request due in 15 working days' }],
  },
  'right-to-copy': {
    status: 'held',
    what: 'a copy in JSON and readable form, kept 7 days',
    code: ['cloudfunctions/_shared/usecases/export.ts', 'src/domain/personal/export-archive.ts'],
    tests: [{ file: 'tests/unit/personal/export-archive.test.ts', name: 'expires 7 days after it is made' }],
  },
  'right-to-delete': {
    status: 'held',
    what: 'a deletion request in-app with its legal trigger, answered within 15 working days (contacts are also deletable directly)',
    code: ['cloudfunctions/_shared/usecases/personal.ts', 'src/domain/requests/rights-request.ts'],
    tests: [{ file: 'tests/contract/contact.test.ts', name: 'a deletion request with each legal trigger' }],
  },
  'cancellation-cooling-off': {
    status: 'held',
    what: '7-day cooling-off by default (0–30 by environment), undo during it',
    code: ['src/domain/cancellation/cancellation.ts'],
    tests: [
      { file: 'tests/unit/cancellation/cancellation.test.ts', name: '0–30 days, 7 by default' },
      { file: 'tests/unit/cancellation/cancellation.test.ts', name: 'can be undone only during the cooling-off' },
    ],
  },
  'cancellation-within-15-working-days': {
    status: 'held',
    what: 'cancellation completed within 15 working days from the application',
    code: ['src/domain/cancellation/cancellation.ts', 'src/domain/requests/rights-request.ts'],
    tests: [{ file: 'tests/unit/cancellation/cancellation.test.ts', name: 'due 15 working days after submission' }],
  },
  'requests-answered-in-15-working-days': {
    status: 'held',
    what: 'requests due 15 Chinese working days from receipt',
    code: ['src/domain/requests/rights-request.ts', 'src/domain/calendar/working-days.ts'],
    tests: [{ file: 'tests/unit/requests/rights-request.test.ts', name: 'is due 15 working days later' }],
  },
  'refusal-of-request-gives-reasons': {
    status: 'held',
    what: 'a refused request carries a reason the user reads',
    code: ['src/domain/requests/rights-request.ts'],
    tests: [{ file: 'tests/unit/requests/rights-request.test.ts', name: 'needs a non-blank reason to reject' }],
  },

  // ── minors, changes, contact
  'child-data-deleted': {
    status: 'held',
    what: 'reported data of a child under 14 is deleted through a deletion request (trigger `unlawful`) or a message to us',
    code: ['cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/contract/contact.test.ts', name: 'a deletion request with each legal trigger' }],
  },
  'major-change-reconsent': {
    status: 'held',
    what: 'a major version asks again, showing only the changes; old records stay',
    code: ['src/domain/policy/reconsent.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'rule 5: a major version brings re-consent with only the changes' }],
  },
  'minor-change-notice': {
    status: 'held',
    what: 'a minor version is a notice that blocks nothing',
    code: ['src/flows/privacy-session.ts'],
    tests: [{ file: E2E_PRIVACY, name: 'rule 5: a minor version shows a notice without blocking anything' }],
  },
  'earlier-versions-available': {
    status: 'held',
    what: 'the policy page lists earlier versions',
    code: ['src/packages/privacy/pages/policy/index.tsx'],
    tests: [{ file: E2E_PRIVACY, name: 'with contents, versions and English' }],
  },
  'contact-page': {
    status: 'held',
    what: '我的 → 联系我们 takes questions and complaints',
    code: ['src/packages/personal/pages/contact/index.tsx', 'cloudfunctions/_shared/usecases/personal.ts'],
    tests: [{ file: 'tests/e2e/contact.test.ts', name: 'sends a complaint' }],
  },
  'complaint-answered-in-app': {
    status: 'held',
    what: 'a complaint sent in-app needs no further identity, is due 15 working days from receipt, and is answered in the app',
    code: ['cloudfunctions/_shared/usecases/personal.ts', 'src/domain/requests/rights-request.ts'],
    tests: [
      { file: 'tests/contract/contact.test.ts', name: 'due 15 working days after receipt' },
      { file: 'tests/contract/contact.test.ts', name: 'the user reads the answer' },
    ],
  },
}
