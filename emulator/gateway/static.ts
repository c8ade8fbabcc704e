import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { contentTypeOf } from '../storage/mime'

/**
 * Serves GET/HEAD of files under `dir` (the built h5 app); a folder serves its `index.html`.
 * Anything resolving outside `dir` (`..`, encoded slashes, symlinks) or missing answers false,
 * leaving the 404 to the caller.
 */
export async function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  let relative: string
  try {
    relative = decodeURIComponent(url.pathname)
  } catch {
    return false
  }
  if (relative.includes('\0')) return false
  const root = path.resolve(dir)
  let file = path.resolve(root, `.${relative}`)
  if (!isInside(root, file)) return false
  let info = await stat(file).catch(() => undefined)
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html')
    info = await stat(file).catch(() => undefined)
  }
  if (!info?.isFile()) return false
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
  if (!isInside(realRoot, realFile)) return false

  const type = contentTypeOf(file)
  res.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    // The app shell must be re-checked so a rebuild shows up; hashed assets may be cached briefly.
    'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=60',
    'x-content-type-options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  await pipeline(createReadStream(file), res).catch(() => res.destroy())
  return true
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep)
}
