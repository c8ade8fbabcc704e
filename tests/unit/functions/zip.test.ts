import { strFromU8, unzipSync } from 'fflate'
import { zipFiles } from '../../../cloudfunctions/_shared/adapters/zip'

/** The local file headers, read by their fixed offsets (APPNOTE 4.3.7). */
function localHeaders(zip: Uint8Array): { name: string; method: number; crc: number; time: number; date: number; stored: number; size: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const out = []
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const size = view.getUint32(at + 18, true)
    const nameLength = view.getUint16(at + 26, true)
    out.push({
      name: strFromU8(zip.subarray(at + 30, at + 30 + nameLength)),
      method: view.getUint16(at + 8, true),
      crc: view.getUint32(at + 14, true),
      time: view.getUint16(at + 10, true),
      date: view.getUint16(at + 12, true),
      stored: size,
      size: view.getUint32(at + 22, true),
    })
    at += 30 + nameLength + size
  }
  return out
}

describe('the functions’ zip writer (Node deflate, hand-written container)', () => {
  const files = () => [
    { name: 'data.json', content: `${JSON.stringify({ note: '你好，示例'.repeat(200) })}\n` },
    { name: '收据/记录.json', content: '123456789' },
    { name: 'avatar.jpg', content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]) },
    { name: 'empty.txt', content: '' },
  ]
  const AT = new Date('2026-11-30T16:30:10Z')

  it('is read back entry by entry by an independent reader, names in UTF-8', () => {
    const read = unzipSync(zipFiles(files(), AT))
    expect(Object.keys(read)).toEqual(['data.json', '收据/记录.json', 'avatar.jpg', 'empty.txt'])
    expect(strFromU8(read['data.json']!)).toBe(files()[0]!.content)
    expect(strFromU8(read['收据/记录.json']!)).toBe('123456789')
    expect(read['avatar.jpg']).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]))
    expect(read['empty.txt']).toEqual(new Uint8Array(0))
  })

  it('deflates text, stores bytes as they are, and records the standard CRC-32', () => {
    const zip = zipFiles(files(), AT)
    const headers = localHeaders(zip)
    expect(headers.map((h) => [h.name, h.method])).toEqual([['data.json', 8], ['收据/记录.json', 8], ['avatar.jpg', 0], ['empty.txt', 8]])
    // The check value of CRC-32/ISO-HDLC: "123456789" → CBF43926.
    expect(headers[1]!.crc).toBe(0xcbf43926)
    expect(headers[3]!.crc).toBe(0)
    expect(headers[0]!.size).toBe(Buffer.byteLength(files()[0]!.content as string))
    expect(headers[0]!.stored).toBeLessThan(headers[0]!.size / 10)
    expect(headers[2]!.stored).toBe(headers[2]!.size)
  })

  it('stamps entries with the time in China, and the same input gives the same bytes', () => {
    const zip = zipFiles(files(), AT)
    const { time, date } = localHeaders(zip)[0]!
    // 16:30:10 UTC on 30 Nov is 00:30:10 on 1 Dec in China.
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2026, 12, 1])
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([0, 30, 10])
    expect(zipFiles(files(), AT)).toEqual(zip)
  })

  it('refuses an archive that would need zip64 rather than writing a broken one', () => {
    function* many() {
      for (let i = 0; i <= 0xffff; i++) yield { name: `${i}`, content: new Uint8Array(0) }
    }
    expect(() => zipFiles(many(), AT)).toThrow('zip64')
  })
})
