import { POLICY_VERSIONS } from '../../../src/content'
import { unpublishedVersions, versionsUpTo } from '../../../scripts/policy-versions'

const versions = (drafts: ReadonlyArray<{ version: string }>) => drafts.map((p) => p.version)

describe('npm start: which policy versions a fresh data folder gets', () => {
  it('publishes every shipped version by default, so the latest policy is in force', () => {
    expect(versions(versionsUpTo(undefined))).toEqual(versions(POLICY_VERSIONS))
    expect(versions(versionsUpTo(undefined))).toEqual(['2026.1', '2026.2', '2026.3'])
  })

  it('publishes up to --policy for the re-consent demo', () => {
    expect(versions(versionsUpTo('2026.1'))).toEqual(['2026.1'])
    expect(versions(versionsUpTo('2026.2'))).toEqual(['2026.1', '2026.2'])
    expect(versions(versionsUpTo('2026.3'))).toEqual(['2026.1', '2026.2', '2026.3'])
  })

  it('refuses a version the app does not ship, naming the ones it does', () => {
    expect(() => versionsUpTo('2027.1')).toThrow('unknown policy version 2027.1; the app ships 2026.1, 2026.2, 2026.3')
  })

  it('hints at the shipped versions later than the latest published, and nothing once all are published', () => {
    expect(unpublishedVersions(['2026.1'])).toEqual(['2026.2', '2026.3'])
    expect(unpublishedVersions(['2026.1', '2026.2'])).toEqual(['2026.3'])
    expect(unpublishedVersions(['2026.1', '2026.2', '2026.3'])).toEqual([])
    // A version skipped below the latest published can no longer be published (versions only move forward).
    expect(unpublishedVersions(['2026.3', '2026.1'])).toEqual([])
    expect(unpublishedVersions([])).toEqual(['2026.1', '2026.2', '2026.3'])
  })
})
