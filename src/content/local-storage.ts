/**
 * What the mini-program keeps in WeChat's local storage (`setStorageSync`), as the policy's section
 * 「保存在你设备上的信息」 (2026.3) discloses it. tests/compliance/promises.test.ts scans src for storage
 * writes and fails on a key not listed here: a new key needs a policy update first.
 */
export const LOCAL_STORAGE_KEYS: Readonly<Record<string, string>> = {
  /** src/flows/privacy-session.ts: the policy version the user chose 暂不同意 for, so we do not ask again. */
  'pc.policy.refused': 'the policy version declined on this device',
  /** src/flows/privacy-session.ts: the minor version whose update notice the user dismissed. */
  'pc.policy.notice-seen': 'the policy version whose update notice was dismissed',
  /** src/components/announcement-banner: the announcements (id@version) the user dismissed, so the banner stays closed. */
  'announcements.dismissed': 'the announcements dismissed on this device',
}
