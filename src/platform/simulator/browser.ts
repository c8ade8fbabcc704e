import type { PlatformConfig } from '../types'
import { createOverlayUi, type FakeMedia, OVERLAY_ATTRIBUTE } from './overlay'
import { isFromTap, type SimState } from './sim-state'
import { type SimCall, type SimStateView, WechatSimulator } from './simulator'

/** End-to-end test hooks, on `window.__wxSim` in the h5 build only. */
export interface WxSimHooks {
  /** The persisted state plus `declaredTypesVersion`, `needAuthorization` and `askedScopes`. */
  state(): SimStateView
  /** Overwrites the given top-level fields, e.g. `{ authSetting: { 'scope.userLocation': false } }`. */
  set(partial: Partial<SimState>): void
  /** Forgets the privacy sync and every scope, as deleting the mini-program from WeChat does. */
  deleteMiniProgram(): void
  /** Every privacy/permission call, oldest first, with `at`, `collects`, `agreed` and `outcome`. */
  calls(): SimCall[]
  /** A brand-new phone: default state, empty call log. */
  reset(): void
  /** E.g. `{ declaredTypesVersion: '2' }` to simulate newly declared privacy types. */
  configure(config: Partial<PlatformConfig>): void
  /** The next chooseMedia returns these files (or is cancelled) without opening a file chooser. */
  setNextMedia(next: FakeMedia[] | 'cancel'): void
  /** What the last setClipboardData copied. */
  clipboard(): string | undefined
}

declare global {
  interface Window {
    __wxSim?: WxSimHooks
  }
}

const ui = createOverlayUi()

// Capture phase: runs before the app's own click handler, which may call openSetting.
let lastAppTapAt: number | null = null
document.addEventListener(
  'click',
  (event) => {
    if (!event.isTrusted) return
    const onOverlay = event.target instanceof Element && event.target.closest(`[${OVERLAY_ATTRIBUTE}]`) !== null
    lastAppTapAt = onOverlay ? null : Date.now()
  },
  true,
)

/** The page's one simulator; `index.h5.ts` and `agree-button.h5.tsx` share it. */
export const simulator = new WechatSimulator({
  clock: () => Date.now(),
  storage: window.localStorage,
  ui,
  isUserActive: () => isFromTap({ activationActive: navigator.userActivation?.isActive === true, lastAppTapAt, now: Date.now() }),
})

window.__wxSim = {
  state: () => simulator.state(),
  set: (partial) => simulator.set(partial),
  deleteMiniProgram: () => simulator.deleteMiniProgram(),
  calls: () => simulator.calls(),
  reset: () => simulator.reset(),
  configure: (config) => simulator.configure(config),
  setNextMedia: (next) => ui.setNextMedia(next),
  clipboard: () => simulator.clipboard(),
}
