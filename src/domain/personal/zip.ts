import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import type { ArchiveFile } from './export-archive'

// The zip writer apart from the archive it writes: fflate builds its Huffman tables as it loads, so the
// `export` function requires this module on its first build instead of at every cold start.

/**
 * Deflates `files` into one zip, file by file (each is compressed and dropped before the next is
 * made). `mtime` stamps every entry, so the same input gives the same bytes.
 */
export function zipFiles(files: Iterable<ArchiveFile>, mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = []
  let failure: Error | null = null
  let done = false
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err
    else chunks.push(chunk)
    if (final) done = true
  })
  for (const file of files) {
    const entry = typeof file.content === 'string' ? new ZipDeflate(file.name, { level: 6 }) : new ZipPassThrough(file.name)
    entry.mtime = mtime
    zip.add(entry)
    entry.push(typeof file.content === 'string' ? strToU8(file.content) : file.content, true)
    if (failure) throw failure
  }
  zip.end()
  // The synchronous deflater emits everything before end() returns; anything else is a bug here.
  if (failure) throw failure
  if (!done) throw new Error('zip did not finish synchronously')
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
