/** A user's profile row; keyed by openid, the account identity WeChat vouches for. */
export interface ProfileRow {
  _id: string
  appid: string
  visits: number
  firstSeenAt: Date
  lastSeenAt: Date
}

/** The first row for a user seen at `now`. */
export function newProfile(openid: string, appid: string, now: Date): ProfileRow {
  return { _id: openid, appid, visits: 1, firstSeenAt: now, lastSeenAt: now }
}
