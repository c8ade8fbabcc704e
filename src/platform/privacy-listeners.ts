import type { NeedPrivacyListener, PrivacyEventInfo, PrivacyResolution } from './types'

type Resolve = (resolution: PrivacyResolution) => void

/**
 * WeChat keeps every listener ever passed to `onNeedPrivacyAuthorization` and has no `off`. Both
 * builds register one platform listener and route each request here instead: the most recently added
 * listener still subscribed (normally the page on top) handles it; a request arriving while none is
 * subscribed waits for the next one, because once a listener exists WeChat no longer shows its own pop-up.
 */
export class PrivacyListenerHub {
  private readonly listeners: NeedPrivacyListener[] = []
  private readonly waiting: Array<{ resolve: Resolve; info: PrivacyEventInfo }> = []
  private registered = false

  /** True once any listener was added; until then WeChat shows its official pop-up. */
  get everRegistered(): boolean {
    return this.registered
  }

  /** Subscribes `listener`; the returned function unsubscribes it. */
  add(listener: NeedPrivacyListener): () => void {
    this.registered = true
    this.listeners.push(listener)
    for (const request of this.waiting.splice(0)) listener(request.resolve, request.info)
    return () => {
      const at = this.listeners.lastIndexOf(listener)
      if (at >= 0) this.listeners.splice(at, 1)
    }
  }

  dispatch(resolve: Resolve, info: PrivacyEventInfo): void {
    const top = this.listeners[this.listeners.length - 1]
    if (top) top(resolve, info)
    else this.waiting.push({ resolve, info })
  }
}
