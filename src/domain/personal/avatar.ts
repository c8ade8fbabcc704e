import { DomainError } from '../common/errors'

/**
 * The avatar as the personal centre uploads it: a small JPEG, made on the device from the album photo
 * and sent to the `personal` function as base64. WeChat advises keeping a callFunction field under
 * about 100 KB (larger ones should go through wx.cloud.CDN), and a thumbnail-sized avatar needs far
 * less, so the cap is 64 KB of image (about 86 KB of base64).
 */
export const AVATAR_MAX_BYTES = 64 * 1024
/** The longest edge the device scales the photo down to before encoding. */
export const AVATAR_EDGE_PX = 256
export const AVATAR_BASE64_MAX = Math.ceil(AVATAR_MAX_BYTES / 3) * 4

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * base64 → the JPEG's bytes, checked: well-formed base64, at most `AVATAR_MAX_BYTES`, and a JPEG
 * (starts with SOI and a marker, ends with EOI), so storage never holds something we did not ask for.
 * @throws DomainError `PERSONAL.AVATAR_INVALID`
 */
export function decodeAvatar(base64: string): Uint8Array {
  if (base64.length === 0 || base64.length > AVATAR_BASE64_MAX || base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw new DomainError('PERSONAL.AVATAR_INVALID', 'the avatar must be a JPEG of at most 64 KB, base64-encoded')
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const isJpeg = bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9
  if (!isJpeg || bytes.length > AVATAR_MAX_BYTES) throw new DomainError('PERSONAL.AVATAR_INVALID', 'the avatar must be a JPEG of at most 64 KB')
  return bytes
}
