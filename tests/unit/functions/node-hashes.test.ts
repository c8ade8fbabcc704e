import { hmac as nobleHmac } from '@noble/hashes/hmac'
import { sha256 as nobleSha256 } from '@noble/hashes/sha256'
import * as noble from '@noble/hashes/utils'
import { randomBytes } from 'node:crypto'
import * as node from '../../../cloudfunctions/_shared/adapters/node-hashes'

/** The functions' build swaps noble for these (config/build-cloudfunctions.ts): every answer must be noble's. */
describe('node-hashes stands in for @noble/hashes byte for byte', () => {
  const isPlain = (b: Uint8Array) => Object.getPrototypeOf(b) === Uint8Array.prototype

  it('sha256 and HMAC-SHA256 agree on every length around the block size, keys longer than a block included', () => {
    for (let n = 0; n <= 200; n++) {
      const message = new Uint8Array(randomBytes(n))
      const key = new Uint8Array(randomBytes((n * 7) % 150))
      expect(node.sha256(message)).toEqual(nobleSha256(message))
      expect(node.hmac(node.sha256, key, message)).toEqual(nobleHmac(nobleSha256, key, message))
    }
    expect(isPlain(node.sha256(new Uint8Array(1)))).toBe(true)
    expect(isPlain(node.hmac(node.sha256, new Uint8Array(1), new Uint8Array(1)))).toBe(true)
  })

  it('hmac refuses a hash it does not have rather than answering with sha256', () => {
    expect(() => node.hmac((() => new Uint8Array(32)) as unknown as typeof node.sha256, new Uint8Array(1), new Uint8Array(1))).toThrow('only sha256')
  })

  it('hex, UTF-8 and concatenation agree, lone surrogates and views into larger buffers included', () => {
    const backing = new Uint8Array(randomBytes(64))
    const view = backing.subarray(5, 37)
    expect(node.bytesToHex(view)).toBe(noble.bytesToHex(view))
    expect(node.hexToBytes('00ff10AB')).toEqual(noble.hexToBytes('00ff10AB'))
    for (const text of ['', 'openid o_test_user_1', '张三 · 示例', '\ud800 lone', '😀']) expect(node.utf8ToBytes(text)).toEqual(noble.utf8ToBytes(text))
    expect(node.concatBytes(view, new Uint8Array([1]), new Uint8Array(0))).toEqual(noble.concatBytes(view, new Uint8Array([1]), new Uint8Array(0)))
    expect(isPlain(node.hexToBytes('00'))).toBe(true)
    expect(isPlain(node.concatBytes(new Uint8Array(1)))).toBe(true)
  })

  it('bad hex throws where noble throws, instead of Buffer’s silent truncation', () => {
    for (const bad of ['abc', 'zz', '0g', ' 00', '00 ']) {
      expect(() => noble.hexToBytes(bad)).toThrow()
      expect(() => node.hexToBytes(bad)).toThrow('hex string expected')
    }
    expect(() => node.bytesToHex('00' as unknown as Uint8Array)).toThrow()
    expect(() => node.utf8ToBytes(1 as unknown as string)).toThrow()
  })
})
