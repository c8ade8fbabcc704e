import { constants } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { type Doc, isPlainObject, parseEjson, toEjson } from './ejson'

const CHUNK = 4 * 1024 * 1024

/**
 * Reads a file line by line (lines end with "\n"). Returns the byte length of the complete lines;
 * bytes after the last newline (a torn tail) are not passed to `onLine`.
 */
export async function readLines(file: string, onLine: (line: string, end: number) => void): Promise<{ size: number; complete: number }> {
  let fh
  try {
    fh = await open(file, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, complete: 0 }
    throw err
  }
  try {
    const buf = Buffer.alloc(CHUNK)
    let carry = Buffer.alloc(0)
    let offset = 0
    let complete = 0
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, offset)
      if (bytesRead === 0) break
      offset += bytesRead
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead)
      let start = 0
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        complete += nl + 1 - start
        onLine(data.toString('utf8', start, nl), complete)
        start = nl + 1
      }
      carry = Buffer.from(data.subarray(start))
    }
    return { size: offset, complete }
  } finally {
    await fh.close()
  }
}

/** fsyncs a directory so a rename or a new file in it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY)
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}

export interface SnapshotContent {
  /** Journal sequence number the snapshot includes (lines up to it are already in it). */
  seq: number
  collections: Array<{ name: string; docs: Iterable<Doc>; geoFields?: readonly string[] }>
}

/**
 * Writes a snapshot atomically: a temporary file, fsync, rename over the old one, fsync of the
 * folder. Format: a header line, one line per document, a trailer with the count (a snapshot
 * without its trailer is refused at load).
 */
export async function writeSnapshot(file: string, content: SnapshotContent): Promise<void> {
  const tmp = `${file}.tmp`
  const fh = await open(tmp, 'w')
  try {
    const geo = Object.fromEntries(content.collections.filter((c) => c.geoFields?.length).map((c) => [c.name, c.geoFields]))
    let pending = `${toEjson({ snapshot: 1, seq: content.seq, collections: content.collections.map((c) => c.name), geo })}\n`
    let count = 0
    for (const c of content.collections) {
      const name = JSON.stringify(c.name)
      for (const doc of c.docs) {
        pending += `{"c":${name},"d":${toEjson(doc)}}\n`
        count++
        if (pending.length > CHUNK) {
          await fh.write(pending)
          pending = ''
        }
      }
    }
    pending += `${toEjson({ end: count })}\n`
    await fh.write(pending)
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(tmp, file)
  await syncDir(path.dirname(file))
}

/** Loads a snapshot if there is one; returns its seq (0 without a snapshot). */
export async function loadSnapshot(
  file: string,
  onCollection: (name: string, geoFields: readonly string[]) => void,
  onDoc: (collection: string, doc: Doc) => void,
): Promise<number> {
  await rm(`${file}.tmp`, { force: true })
  let seq = 0
  let header = false
  let count = 0
  let ended = false
  const { size } = await readLines(file, (line) => {
    const entry = parseEjson(line, 'snapshot', null)
    if (!isPlainObject(entry)) throw new Error(`corrupt snapshot ${file}`)
    if (!header) {
      if (entry.snapshot !== 1 || typeof entry.seq !== 'number' || !Array.isArray(entry.collections)) throw new Error(`corrupt snapshot header in ${file}`)
      seq = entry.seq
      // `geo` (declared geo indexes by collection) is absent from snapshots written before it existed.
      const geo = isPlainObject(entry.geo) ? entry.geo : {}
      for (const name of entry.collections) {
        const fields = geo[String(name)]
        onCollection(String(name), Array.isArray(fields) ? fields.map(String) : [])
      }
      header = true
    } else if ('end' in entry) {
      if (entry.end !== count) throw new Error(`corrupt snapshot ${file}: ${count} documents, trailer says ${String(entry.end)}`)
      ended = true
    } else {
      if (typeof entry.c !== 'string' || !isPlainObject(entry.d)) throw new Error(`corrupt snapshot line in ${file}`)
      onDoc(entry.c, entry.d)
      count++
    }
  })
  if (size > 0 && !ended) throw new Error(`snapshot ${file} is incomplete (no trailer)`)
  return seq
}
