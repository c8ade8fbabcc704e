import { deflateRawSync } from 'node:zlib'
import type { ArchiveFile } from '../../../src/domain/personal/export-archive'

// A zip written by hand over Node's own deflate rather than with a JS zip library: the archive is built only
// on the server, where zlib is native (several times faster on a 10,000-event export) and costs the bundle
// nothing, while fflate's deflater was 12 KB of every `export` cold start. The container is the plain
// PKWARE format (APPNOTE 6.3: local headers, central directory, end record), without zip64.

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
/** 2.0: deflate; also what every entry needs to be read. */
const VERSION = 20
/** General-purpose flag bit 11: the file name is UTF-8. */
const UTF8_NAMES = 0x0800
const STORED = 0
const DEFLATED = 8
/** Without zip64, offsets and sizes are 32-bit and the entry count 16-bit. */
const MAX_U32 = 0xffffffff
const MAX_ENTRIES = 0xffff
/** Entries carry China's wall-clock time (DOS times have no zone), whatever the server's TZ. */
const CHINA_OFFSET_MS = 8 * 3600_000

let crcTable: Uint32Array | undefined

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** MS-DOS date and time (2-second resolution) of `at` in China. */
function dosDateTime(at: Date): { time: number; date: number } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS)
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107)
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  }
}

/**
 * Deflated into its own memory: zlib's result is a view of a 16 KB output chunk, so 10,000 receipts of
 * a few hundred bytes each would otherwise hold 160 MB until the archive is joined.
 */
function deflated(raw: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(raw, { level: 6 }))
}

interface Entry {
  name: Buffer
  method: number
  crc: number
  size: number
  data: Uint8Array
  offset: number
}

/** The fields a local header and a central-directory header share, from "version needed" to "extra length". */
function commonFields(out: Buffer, at: number, e: Entry, stamp: { time: number; date: number }): number {
  at = out.writeUInt16LE(VERSION, at)
  at = out.writeUInt16LE(UTF8_NAMES, at)
  at = out.writeUInt16LE(e.method, at)
  at = out.writeUInt16LE(stamp.time, at)
  at = out.writeUInt16LE(stamp.date, at)
  at = out.writeUInt32LE(e.crc, at)
  at = out.writeUInt32LE(e.data.length, at)
  at = out.writeUInt32LE(e.size, at)
  at = out.writeUInt16LE(e.name.length, at)
  return out.writeUInt16LE(0, at)
}

/**
 * Zips `files` in order: text deflated, bytes stored as they are (a JPEG does not deflate). Each file is
 * compressed as it is reached, so a generator's next file is made only then. `mtime` stamps every entry,
 * so the same input gives the same bytes.
 * @throws Error when the archive would need zip64 (4 GiB or 65,535 entries), far beyond any export.
 */
export function zipFiles(files: Iterable<ArchiveFile>, mtime: Date): Uint8Array {
  const stamp = dosDateTime(mtime)
  const parts: Uint8Array[] = []
  const entries: Entry[] = []
  let offset = 0
  for (const file of files) {
    const raw = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content
    const text = typeof file.content === 'string'
    const e: Entry = { name: Buffer.from(file.name, 'utf8'), method: text ? DEFLATED : STORED, crc: crc32(raw), size: raw.length, data: text ? deflated(raw) : raw, offset }
    const header = Buffer.alloc(30 + e.name.length)
    commonFields(header, header.writeUInt32LE(LOCAL_HEADER, 0), e, stamp)
    e.name.copy(header, 30)
    parts.push(header, e.data)
    entries.push(e)
    offset += header.length + e.data.length
    if (offset > MAX_U32 || entries.length > MAX_ENTRIES) throw new Error('the archive would need zip64')
  }
  const directoryStart = offset
  for (const e of entries) {
    const header = Buffer.alloc(46 + e.name.length)
    let at = header.writeUInt32LE(CENTRAL_HEADER, 0)
    at = header.writeUInt16LE(VERSION, at) // version made by: MS-DOS attributes, APPNOTE 2.0
    at = commonFields(header, at, e, stamp)
    // comment length, disk number, internal and external attributes: all zero; then the local header's offset.
    header.writeUInt32LE(e.offset, at + 10)
    e.name.copy(header, 46)
    parts.push(header)
    offset += header.length
  }
  if (offset > MAX_U32) throw new Error('the archive would need zip64')
  const end = Buffer.alloc(22)
  let at = end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  at = end.writeUInt32LE(0, at) // this disk and the directory's disk
  at = end.writeUInt16LE(entries.length, at)
  at = end.writeUInt16LE(entries.length, at)
  at = end.writeUInt32LE(offset - directoryStart, at)
  end.writeUInt32LE(directoryStart, at)
  parts.push(end)
  // A view, not a copy: an export holds the archive once (tens of MB for a long consent history).
  const zip = Buffer.concat(parts)
  return new Uint8Array(zip.buffer, zip.byteOffset, zip.length)
}
