import type { IncomingMessage } from 'node:http'

/** The names this machine's loopback answers to, with an optional port; nothing else reaches 127.0.0.1 honestly. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i

/**
 * True when a browser says the request comes from another site (`Sec-Fetch-Site`), or its `Origin`
 * is not this host. Requests without either (curl, the SDK) are not cross-origin.
 */
export function isCrossOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true
  const origin = req.headers.origin
  if (origin === undefined) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

/**
 * True when `Host` names the loopback: a DNS-rebinding page reaches 127.0.0.1 under its own name,
 * and is then same-origin with itself, so only the Host tells it apart.
 */
export function isLoopbackHost(req: IncomingMessage): boolean {
  return LOOPBACK_HOST.test(req.headers.host ?? '')
}

/**
 * True for a JSON body (`application/json`, optionally with parameters). A cross-site page cannot
 * send this type without a CORS preflight, which the emulator never grants.
 */
export function isJson(req: IncomingMessage): boolean {
  return /^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '')
}
