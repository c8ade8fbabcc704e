/** The avatar file a profile points at, and what the user can check it by. */
export interface AvatarRef {
  fileID: string
  /** SHA-256 of the JPEG, lower-case hex. */
  sha256: string
  /** Bytes. */
  size: number
  updatedAt: Date
}

/**
 * A user's profile row; keyed by openid, the account identity WeChat vouches for. It keeps only what
 * the account needs: which mini-program, and since when (no visit counts or last-seen times: nothing
 * uses them, so they are not collected).
 */
export interface ProfileRow {
  _id: string
  appid: string
  firstSeenAt: Date
  /** Set by the user in the personal centre (policy 2026.3 on); absent until then. */
  nickname?: string
  nicknameSetAt?: Date
  avatar?: AvatarRef
}

/** The first row for a user who agreed to the policy at `now`. */
export function newProfile(openid: string, appid: string, now: Date): ProfileRow {
  return { _id: openid, appid, firstSeenAt: now }
}
