import { DomainError } from '../common/errors'
import { decodeJpeg } from '../common/jpeg'

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

/**
 * The avatar's bytes, checked by `decodeJpeg`.
 * @throws DomainError `PERSONAL.AVATAR_INVALID`
 */
export function decodeAvatar(base64: string): Uint8Array {
  const bytes = decodeJpeg(base64, AVATAR_MAX_BYTES)
  if (!bytes) throw new DomainError('PERSONAL.AVATAR_INVALID', 'the avatar must be a JPEG of at most 64 KB, base64-encoded')
  return bytes
}
