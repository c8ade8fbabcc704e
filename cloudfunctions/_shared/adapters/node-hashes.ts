import { createHash, createHmac } from 'node:crypto'

// What the functions run in place of `@noble/hashes/{sha256,hmac,utils}`: the build points those imports
// here (config/build-cloudfunctions.ts). The domain imports noble so that the same code hashes in the
// mini-program, which has no node:crypto; on the server Node's native hashing gives the same bytes and the
// bundles shed noble's 7 KB. Only what the domain uses is here; tests/unit/functions/node-hashes.test.ts
// checks every function against noble.

type Input = Uint8Array | string

/** A plain Uint8Array, as noble returns: a Buffer compares unequal to one in tests and serialises differently. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length).slice()

export const sha256 = Object.assign((message: Input): Uint8Array => plain(createHash('sha256').update(message).digest()), { outputLen: 32, blockLen: 64 })

export function hmac(hash: typeof sha256, key: Input, message: Input): Uint8Array {
  if (hash !== sha256) throw new Error('hmac: only sha256 is available in the functions')
  return plain(createHmac('sha256', key).update(message).digest())
}

export function bytesToHex(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new Error('Uint8Array expected')
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')
}

/** Throws on odd length or a non-hex character, as noble does (Buffer.from would silently truncate). */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new Error(`hex string expected, got ${typeof hex}`)
  if (hex.length % 2 !== 0) throw new Error(`hex string expected, got unpadded hex of length ${hex.length}`)
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new Error('hex string expected, got a non-hex character')
  return plain(Buffer.from(hex, 'hex'))
}

export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new Error(`string expected, got ${typeof text}`)
  return new TextEncoder().encode(text)
}

export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  return plain(Buffer.concat(arrays))
}
