const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * base64 → the bytes of a JPEG, checked: well-formed base64, at most `maxBytes`, and a JPEG (starts with
 * SOI and a marker, ends with EOI), so storage never holds something we did not ask for; `undefined`
 * when it is not one.
 */
export function decodeJpeg(base64: string, maxBytes: number): Uint8Array | undefined {
  if (base64.length === 0 || base64.length > Math.ceil(maxBytes / 3) * 4 || base64.length % 4 !== 0 || !BASE64.test(base64)) return undefined
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const isJpeg = bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9
  return isJpeg && bytes.length <= maxBytes ? bytes : undefined
}

