/**
 * h5 only (Taro picks this file for the h5 build; the weapp build never sees it): calls go to the
 * local emulator's gateway, which runs the function as the test identity chosen at dev sign-in.
 */
export function initTransport(): void {}

export async function invoke(name: string, data: Record<string, unknown>): Promise<unknown> {
  const res = await fetch('/gateway/callFunction', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, data }),
  })
  if (res.status === 401) {
    // No dev session yet: pick a test identity, then come back here.
    window.location.href = `/gateway/signin?return=${encodeURIComponent(window.location.pathname + window.location.hash)}`
    return new Promise(() => undefined)
  }
  const body = (await res.json()) as { result?: unknown; errMsg?: string }
  if (!res.ok || body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg ?? `callFunction failed (${res.status})`)
  return body.result
}
