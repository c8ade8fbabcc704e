import type { SimStorage, SimUi } from '../../../src/platform/simulator/simulator'
import { WechatSimulator } from '../../../src/platform/simulator/simulator'
import type { AuthSetting, MediaFile, PrivacyResolution } from '../../../src/platform/types'

/** localStorage stand-in; shared between simulators to model a page reload. */
export class MemoryStorage implements SimStorage {
  readonly data = new Map<string, string>()
  getItem(key: string): string | null {
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value)
  }
  removeItem(key: string): void {
    this.data.delete(key)
  }
}

interface Shown<Req, Ans> {
  request: Req
  answer: (answer: Ans) => void
}

export const T0 = Date.UTC(2026, 1, 1, 10, 0, 0)

/**
 * A simulator over a fake clock and in-memory storage whose system UI records what it shows and
 * lets the test answer as the user would.
 */
export function harness(options: { storage?: MemoryStorage; declaredTypesVersion?: string } = {}) {
  let now = T0
  let active = false
  const storage = options.storage ?? new MemoryStorage()
  const scopeDialogs: Array<Shown<Parameters<SimUi['scopeDialog']>[0], 'allow' | 'deny'>> = []
  const popups: Array<Shown<Parameters<SimUi['privacyPopup']>[0], 'agree' | 'disagree'>> = []
  const settingsPages: Array<Shown<Parameters<SimUi['settingsPage']>[0], AuthSetting>> = []
  const pickers: Array<Shown<Parameters<SimUi['pickMedia']>[0], MediaFile[] | null>> = []
  const contracts: string[] = []
  const ui: SimUi = {
    scopeDialog: (request) => new Promise((answer) => scopeDialogs.push({ request, answer })),
    privacyPopup: (request) => new Promise((answer) => popups.push({ request, answer })),
    settingsPage: (request) => new Promise((answer) => settingsPages.push({ request, answer })),
    privacyContract: (request) => void contracts.push(request.contractName),
    pickMedia: (request) => new Promise((answer) => pickers.push({ request, answer })),
    subscribeDialog: () => Promise.resolve('accept'),
  }
  const sim = new WechatSimulator({ clock: () => now, storage, ui, isUserActive: () => active })
  sim.configure({ declaredTypesVersion: options.declaredTypesVersion ?? 'types-1', permission: { 'scope.userLocation': { desc: '用于查找你附近的门店' } } })

  /** Registers a listener that records each request so the test can resolve it later. */
  const listen = () => {
    const requests: Array<{ referrer: string; resolve: (r: PrivacyResolution) => void }> = []
    const off = sim.onNeedPrivacyAuthorization((resolve, info) => requests.push({ referrer: info.referrer, resolve }))
    return { requests, off }
  }

  return {
    sim,
    storage,
    scopeDialogs,
    popups,
    settingsPages,
    pickers,
    contracts,
    listen,
    advance: (ms: number) => {
      now += ms
    },
    now: () => now,
    /** Whether the next call runs inside a user tap. */
    setUserActive: (value: boolean) => {
      active = value
    },
  }
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

/** 'pending', or how the promise settled once pending work has run. */
export async function status(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let result: 'pending' | 'resolved' | 'rejected' = 'pending'
  promise.then(
    () => (result = 'resolved'),
    () => (result = 'rejected'),
  )
  await flush()
  return result
}

/** The PlatformError code a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (err) {
    return (err as { code?: string }).code ?? `not a PlatformError: ${String(err)}`
  }
  return 'resolved'
}

/** Agrees to the privacy guide through the agree button, outside any pending request. */
export function agreeUpFront(sim: WechatSimulator): void {
  sim.tapAgreeButton('agree-first-run')
}
