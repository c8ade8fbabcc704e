import { z } from 'zod/mini'
const s = z.object({ v: z.json() })
type T = z.infer<typeof s>
const x: T = { v: { a: [1, 'b', null] } }
console.log(s.safeParse(x).success, s.safeParse({ v: undefined }).success, s.safeParse({ v: () => 1 }).success)
import { Zip, ZipDeflate, unzipSync, strToU8 } from 'fflate'
const out: Uint8Array[] = []
const zip = new Zip((err, chunk, final) => { if (err) throw err; out.push(chunk); if (final) console.log('final') })
const f = new ZipDeflate('a.txt', { level: 6, mtime: new Date('2026-01-01T00:00:00Z') })
zip.add(f); f.push(strToU8('hello'), true); zip.end(); console.log('after end', out.length)
const all = Buffer.concat(out); console.log(Object.keys(unzipSync(all)))
