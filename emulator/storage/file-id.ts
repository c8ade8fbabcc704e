import { createHash } from 'node:crypto'
import { CloudError } from '../errors'

/** CloudBase caps a cloudPath at 850 bytes of UTF-8. */
const MAX_PATH_BYTES = 850

/**
 * Checks a cloudPath against CloudBase's naming rules, plus what a temp URL handed out
 * un-encoded (wire reference §4) cannot carry: `?`, `#` and `%` would change the URL's meaning.
 * Throws INVALID_PARAM with the reason.
 */
export function validateCloudPath(cloudPath: unknown): string {
  const fail = (why: string): never => {
    throw new CloudError('INVALID_PARAM', `invalid cloudPath: ${why}`)
  }
  if (typeof cloudPath !== 'string' || cloudPath === '') return fail('must be a non-empty string')
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_PATH_BYTES) fail(`longer than ${MAX_PATH_BYTES} bytes`)
  if (cloudPath.startsWith('/')) fail('must not start with "/"')
  if (cloudPath.endsWith('/')) fail('must name a file, not a folder')
  // Control characters (incl. CAN/EM/SUB/ESC that COS refuses) and the backslash.
  if (/[\u0000-\u001f\u007f\\]/.test(cloudPath)) fail('contains a control character or "\\"')
  if (/[?#%]/.test(cloudPath)) fail('must not contain "?", "#" or "%"')
  for (const segment of cloudPath.split('/')) {
    if (segment === '') fail('must not contain "//"')
    if (segment === '.' || segment === '..') fail('must not contain "." or ".." segments')
  }
  return cloudPath
}

/** The bucket-like part of this env's fileIDs: stable for an env id, so fileIDs survive restarts. */
export function bucketOf(envId: string): string {
  return createHash('sha256').update(`bucket:${envId}`).digest('hex').slice(0, 12)
}

/** `cloud://<envId>.<bucket>/<cloudPath>`, the shape the real cloud hands out. */
export function formatFileId(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`
}

export type ParsedFileId = { ok: true; cloudPath: string } | { ok: false; code: 'INVALID_PARAM' | 'STORAGE_EXCEED_AUTHORITY'; message: string }

/**
 * Reads a fileID back into its cloudPath. A well-formed fileID of another env (or bucket) is
 * refused with STORAGE_EXCEED_AUTHORITY; anything else malformed with INVALID_PARAM.
 */
export function parseFileId(envId: string, fileId: unknown): ParsedFileId {
  if (typeof fileId !== 'string') return { ok: false, code: 'INVALID_PARAM', message: 'fileID must be a string' }
  const match = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId)
  if (!match) return { ok: false, code: 'INVALID_PARAM', message: `malformed fileID ${fileId}` }
  const [, env, bucket, cloudPath] = match as unknown as [string, string, string, string]
  if (env !== envId || bucket !== bucketOf(envId)) {
    return { ok: false, code: 'STORAGE_EXCEED_AUTHORITY', message: `fileID ${fileId} belongs to another environment` }
  }
  try {
    return { ok: true, cloudPath: validateCloudPath(cloudPath) }
  } catch (err) {
    return { ok: false, code: 'INVALID_PARAM', message: (err as Error).message }
  }
}

/** Percent-encodes each path segment, keeping the slashes (for the already-encoded upload URL). */
export function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}
