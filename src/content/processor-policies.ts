/**
 * Each entrusted processor's own privacy policy, for the third-party sharing list. Kept apart from the
 * manifest because a manifest is embedded in published policy versions, whose text must not change.
 */
export const PROCESSOR_POLICY_URLS: Readonly<Record<string, string>> = {
  'tencent-cloudbase': 'https://cloud.tencent.com/document/product/301/11470',
}
