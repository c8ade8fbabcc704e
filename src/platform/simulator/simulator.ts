import { platformErrorFrom, toPlatformError } from '../errors'
import { PrivacyListenerHub } from '../privacy-listeners'
import type {
  AuthSetting,
  ChooseMediaOptions,
  Location,
  MediaFile,
  NeedPrivacyListener,
  PlatformConfig,
  PlatformError,
  PrivacyResolution,
  PrivacySetting,
  Scope,
} from '../types'
import {
  agreePrivacy,
  answerScope,
  applySettings,
  askedScopes,
  deleteMiniProgram,
  initialState,
  mergeState,
  needsPrivacyAuthorization,
  parseState,
  privacyGate,
  refusePrivacy,
  saveToAlbum,
  scopeGate,
  type SimState,
  STATE_KEY,
} from './sim-state'

export const CALLS_KEY = 'wx-sim:calls'
/** The call log keeps the newest entries only, so a long e2e run cannot fill localStorage. */
export const MAX_CALLS = 500

/** The subset of the Web Storage API the simulator persists to. */
export interface SimStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface SettingsRow {
  scope: Scope
  granted: boolean
}

/** WeChat's system UI, which the browser draws as overlays and node tests script. */
export interface SimUi {
  /** The scope authorization dialog (允许 / 拒绝) showing the app.json purpose `desc`. */
  scopeDialog(request: { appName: string; scope: Scope; desc: string | undefined }): Promise<'allow' | 'deny'>
  /** WeChat's official privacy pop-up: shown only while the app never registered a listener. */
  privacyPopup(request: { appName: string; contractName: string; referrer: string }): Promise<'agree' | 'disagree'>
  /** The settings page listing `rows`; resolves with the toggles when the user closes it. */
  settingsPage(request: { appName: string; rows: SettingsRow[] }): Promise<AuthSetting>
  /** The privacy guide page. */
  privacyContract(request: { contractName: string }): void
  /** The system picker; null when the user cancels. */
  pickMedia(request: { count: number; sourceType: Array<'album' | 'camera'> }): Promise<MediaFile[] | null>
  /** The subscribe-message sheet (允许 / 取消) for one-time templates. */
  subscribeDialog(request: { appName: string; count: number }): Promise<'accept' | 'reject'>
}

export interface SimDeps {
  /** ms since epoch. */
  clock: () => number
  storage: SimStorage
  ui: SimUi
  /** Whether the current call runs inside a user gesture (browser: `navigator.userActivation.isActive`). */
  isUserActive: () => boolean
}

export type SimApi =
  | 'getPrivacySetting'
  | 'onNeedPrivacyAuthorization'
  | 'privacyResolve'
  | 'agreePrivacyAuthorization'
  | 'requirePrivacyAuthorize'
  | 'openPrivacyContract'
  | 'getSetting'
  | 'authorize'
  | 'openSetting'
  | 'getLocation'
  | 'chooseMedia'
  | 'saveImageToPhotosAlbum'
  | 'setClipboardData'
  | 'requestSubscribeMessage'

/** APIs that collect personal data or ask for a scope: Rule 1 forbids them before agreement. */
const COLLECTING: ReadonlySet<SimApi> = new Set<SimApi>(['authorize', 'getLocation', 'chooseMedia', 'saveImageToPhotosAlbum'])

export interface SimCall {
  seq: number
  api: SimApi
  /** ms since epoch, from the injected clock. */
  at: number
  collects: boolean
  /** Whether the privacy agreement (for the current declared types) was in place at call time. */
  agreed: boolean
  /** The scope, the resolve event, the buttonId… */
  detail?: string
  /** `ok` or WeChat's errMsg; absent while the call is pending. */
  outcome?: string
}

export interface SimStateView extends SimState {
  declaredTypesVersion: string
  needAuthorization: boolean
  askedScopes: Scope[]
}

type ResolvedConfig = Required<PlatformConfig>

const DEFAULT_CONFIG: ResolvedConfig = {
  declaredTypesVersion: '1',
  privacyContractName: '《隐私中心小程序隐私保护指引》',
  appName: '隐私中心',
  permission: {},
}

function fail(api: SimApi, reason: string): PlatformError {
  return platformErrorFrom(`${api}:fail ${reason}`)
}

const NOT_AUTHORIZED = 'privacy permission is not authorized'

/**
 * WeChat's privacy and permission behaviour for the h5 build, with time, storage and system UI
 * injected so node tests can drive every rule:
 * - privacy APIs wait for agreement: the app's listener (or, with none ever registered, WeChat's own
 *   pop-up) is asked; `agree` must name an agree button tapped since the call began; `disagree` fails
 *   the call, and further privacy calls within 10 s fail at once without asking;
 * - `authSetting` tri-state per scope; `openSetting` only from a user gesture, listing asked scopes;
 * - "delete the mini-program" forgets the privacy sync and every scope.
 */
export class WechatSimulator {
  private st: SimState
  private log: SimCall[]
  private config: ResolvedConfig = { ...DEFAULT_CONFIG }
  private readonly hub = new PrivacyListenerHub()
  /** buttonId → when it was last tapped; in memory, like the base library's check. */
  private readonly taps = new Map<string, number>()
  /** One dialog per scope at a time: concurrent calls share the user's answer. */
  private readonly openScopeDialogs = new Map<Scope, Promise<'allow' | 'deny'>>()
  private openPrivacyPopup: Promise<'agree' | 'disagree'> | null = null
  private clipboardText: string | undefined

  constructor(private readonly deps: SimDeps) {
    this.st = parseState(deps.storage.getItem(STATE_KEY))
    this.log = this.loadCalls()
  }

  /** Sets the declared-types version, names and permission purposes (see {@link PlatformConfig}). */
  configure(config: Partial<PlatformConfig>): void {
    this.config = {
      declaredTypesVersion: config.declaredTypesVersion ?? this.config.declaredTypesVersion,
      privacyContractName: config.privacyContractName ?? this.config.privacyContractName,
      appName: config.appName ?? this.config.appName,
      permission: config.permission ?? this.config.permission,
    }
  }

  getPrivacySetting(): Promise<PrivacySetting> {
    return this.track('getPrivacySetting', undefined, async () => ({
      needAuthorization: needsPrivacyAuthorization(this.st, this.config.declaredTypesVersion),
      privacyContractName: this.config.privacyContractName,
    }))
  }

  /** Subscribes the app's privacy listener; the returned function unsubscribes it. */
  onNeedPrivacyAuthorization(listener: NeedPrivacyListener): () => void {
    this.record('onNeedPrivacyAuthorization', undefined, 'ok')
    return this.hub.add(listener)
  }

  /** The agree button was tapped: WeChat records the agreement and remembers the button for `resolve`. */
  tapAgreeButton(buttonId: string): void {
    this.taps.set(buttonId, this.deps.clock())
    this.commit(agreePrivacy(this.st, this.config.declaredTypesVersion))
    this.record('agreePrivacyAuthorization', buttonId, 'ok')
  }

  requirePrivacyAuthorize(): Promise<void> {
    return this.track('requirePrivacyAuthorize', undefined, () => this.passPrivacy('requirePrivacyAuthorize'))
  }

  openPrivacyContract(): Promise<void> {
    return this.track('openPrivacyContract', undefined, async () => this.deps.ui.privacyContract({ contractName: this.config.privacyContractName }))
  }

  getSetting(): Promise<AuthSetting> {
    return this.track('getSetting', undefined, async () => ({ ...this.st.authSetting }))
  }

  authorize(scope: Scope): Promise<void> {
    return this.track('authorize', scope, async () => {
      await this.passPrivacy('authorize')
      await this.passScope('authorize', scope)
    })
  }

  /** Must run inside a user gesture; resolves with the authSetting the user left when closing the page. */
  openSetting(): Promise<AuthSetting> {
    return this.track('openSetting', undefined, async () => {
      if (!this.deps.isUserActive()) throw fail('openSetting', 'can only be invoked by user TAP gesture.')
      const rows = askedScopes(this.st).map((scope) => ({ scope, granted: this.st.authSetting[scope] === true }))
      const changes = await this.deps.ui.settingsPage({ appName: this.config.appName, rows })
      this.commit(applySettings(this.st, changes))
      return { ...this.st.authSetting }
    })
  }

  getLocation(): Promise<Location> {
    return this.track('getLocation', undefined, async () => {
      await this.passPrivacy('getLocation')
      await this.passScope('getLocation', 'scope.userLocation')
      return { ...this.st.location }
    })
  }

  /** Picking photos needs the privacy agreement but no scope (reading the album is not a scope). */
  chooseMedia(options: ChooseMediaOptions = {}): Promise<MediaFile[]> {
    const count = options.count ?? 1
    return this.track('chooseMedia', undefined, async () => {
      await this.passPrivacy('chooseMedia')
      const picked = await this.deps.ui.pickMedia({ count, sourceType: options.sourceType ?? ['album'] })
      if (picked === null) throw fail('chooseMedia', 'cancel')
      return picked.slice(0, count)
    })
  }

  saveImageToPhotosAlbum(filePath: string): Promise<void> {
    return this.track('saveImageToPhotosAlbum', undefined, async () => {
      await this.passPrivacy('saveImageToPhotosAlbum')
      await this.passScope('saveImageToPhotosAlbum', 'scope.writePhotosAlbum')
      this.commit(saveToAlbum(this.st, filePath))
    })
  }

  /** The clipboard needs the privacy agreement but no scope; the text is kept in memory for tests to read. */
  setClipboardData(data: string): Promise<void> {
    return this.track('setClipboardData', undefined, async () => {
      await this.passPrivacy('setClipboardData')
      this.clipboardText = data
    })
  }

  /** One-time subscribe messages: not a privacy API, but WeChat asks the user each time, from a tap. */
  requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>> {
    return this.track('requestSubscribeMessage', tmplIds.join(','), async () => {
      const answer = await this.deps.ui.subscribeDialog({ appName: this.config.appName ?? '示例小程序', count: tmplIds.length })
      return Object.fromEntries(tmplIds.map((id) => [id, answer]))
    })
  }

  /** Test hook: what the last successful setClipboardData put on the clipboard. */
  clipboard(): string | undefined {
    return this.clipboardText
  }

  /** Test hook: a snapshot of the persisted state plus what follows from it. */
  state(): SimStateView {
    const st = structuredClone(this.st)
    return {
      ...st,
      declaredTypesVersion: this.config.declaredTypesVersion,
      needAuthorization: needsPrivacyAuthorization(st, this.config.declaredTypesVersion),
      askedScopes: askedScopes(st),
    }
  }

  /** Test hook: overwrites the given top-level fields; malformed values are ignored. */
  set(partial: unknown): void {
    this.commit(mergeState(this.st, partial))
  }

  /** Test hook: what happens when the user deletes the mini-program from WeChat's recent list. */
  deleteMiniProgram(): void {
    this.taps.clear()
    this.commit(deleteMiniProgram(this.st))
  }

  /** Test hook: every privacy/permission call so far, oldest first. */
  calls(): SimCall[] {
    return this.log.map((c) => ({ ...c }))
  }

  /** Test hook: a brand-new phone — no state, no call log. */
  reset(): void {
    this.taps.clear()
    this.log = []
    this.deps.storage.removeItem(CALLS_KEY)
    this.commit(initialState())
  }

  private async passPrivacy(api: SimApi): Promise<void> {
    const gate = privacyGate(this.st, this.config.declaredTypesVersion, this.deps.clock())
    if (gate === 'pass') return
    if (gate === 'suppressed') throw fail(api, NOT_AUTHORIZED)
    const answer = this.hub.everRegistered ? await this.askListener(api) : await this.askOfficialPopup(api)
    if (answer !== 'agree') throw fail(api, answer === 'disagree' ? NOT_AUTHORIZED : `${NOT_AUTHORIZED} (${answer})`)
  }

  /** Resolves with 'agree', 'disagree', or why an agree was not accepted. */
  private askListener(referrer: SimApi): Promise<string> {
    const askedAt = this.deps.clock()
    return new Promise((settle) => {
      let settled = false
      const resolve = (resolution: PrivacyResolution) => {
        const buttonId = resolution.event === 'agree' ? resolution.buttonId : undefined
        if (settled || resolution.event === 'exposureAuthorization') {
          this.record('privacyResolve', `${resolution.event} for ${referrer}`, settled ? 'ignored: already resolved' : 'ok')
          return
        }
        settled = true
        if (resolution.event === 'disagree') {
          this.commit(refusePrivacy(this.st, this.deps.clock()))
          this.record('privacyResolve', `disagree for ${referrer}`, 'ok')
          settle('disagree')
          return
        }
        const tappedAt = buttonId === undefined ? undefined : this.taps.get(buttonId)
        const accepted = tappedAt !== undefined && tappedAt >= askedAt
        if (accepted) this.commit(agreePrivacy(this.st, this.config.declaredTypesVersion))
        const why = `agree button "${buttonId ?? ''}" was not tapped`
        this.record('privacyResolve', `agree ${buttonId ?? ''} for ${referrer}`, accepted ? 'ok' : why)
        settle(accepted ? 'agree' : why)
      }
      this.hub.dispatch(resolve, { referrer })
    })
  }

  private askOfficialPopup(referrer: SimApi): Promise<'agree' | 'disagree'> {
    if (!this.openPrivacyPopup) {
      const popup = this.deps.ui.privacyPopup({ appName: this.config.appName, contractName: this.config.privacyContractName, referrer })
      this.openPrivacyPopup = popup.then((answer) => {
        this.openPrivacyPopup = null
        this.commit(answer === 'agree' ? agreePrivacy(this.st, this.config.declaredTypesVersion) : refusePrivacy(this.st, this.deps.clock()))
        return answer
      })
    }
    return this.openPrivacyPopup
  }

  private async passScope(api: SimApi, scope: Scope): Promise<void> {
    const gate = scopeGate(this.st, scope)
    if (gate === 'granted') return
    if (gate === 'denied') throw fail(api, 'auth deny')
    let dialog = this.openScopeDialogs.get(scope)
    if (!dialog) {
      const shown = this.deps.ui.scopeDialog({ appName: this.config.appName, scope, desc: this.config.permission[scope]?.desc })
      dialog = shown.then((answer) => {
        this.openScopeDialogs.delete(scope)
        this.commit(answerScope(this.st, scope, answer === 'allow'))
        return answer
      })
      this.openScopeDialogs.set(scope, dialog)
    }
    if ((await dialog) !== 'allow') throw fail(api, 'auth deny')
  }

  /** Logs the call, runs it (synchronously up to its first await, so gesture checks still see the tap) and logs its outcome. */
  private async track<T>(api: SimApi, detail: string | undefined, run: () => Promise<T>): Promise<T> {
    const entry = this.record(api, detail)
    try {
      const result = await run()
      this.finish(entry, 'ok')
      return result
    } catch (err) {
      const error = toPlatformError(err)
      this.finish(entry, error.errMsg)
      throw error
    }
  }

  private record(api: SimApi, detail: string | undefined, outcome?: string): SimCall {
    const last = this.log[this.log.length - 1]
    const entry: SimCall = {
      seq: last ? last.seq + 1 : 1,
      api,
      at: this.deps.clock(),
      collects: COLLECTING.has(api),
      agreed: !needsPrivacyAuthorization(this.st, this.config.declaredTypesVersion),
      ...(detail === undefined ? {} : { detail }),
      ...(outcome === undefined ? {} : { outcome }),
    }
    this.log.push(entry)
    if (this.log.length > MAX_CALLS) this.log.splice(0, this.log.length - MAX_CALLS)
    this.saveCalls()
    return entry
  }

  private finish(entry: SimCall, outcome: string): void {
    entry.outcome = outcome
    this.saveCalls()
  }

  private commit(next: SimState): void {
    this.st = next
    this.deps.storage.setItem(STATE_KEY, JSON.stringify(next))
  }

  private loadCalls(): SimCall[] {
    try {
      const parsed: unknown = JSON.parse(this.deps.storage.getItem(CALLS_KEY) ?? '[]')
      if (!Array.isArray(parsed)) return []
      return parsed.filter((c): c is SimCall => typeof c === 'object' && c !== null && typeof c.seq === 'number' && typeof c.api === 'string')
    } catch {
      return []
    }
  }

  private saveCalls(): void {
    this.deps.storage.setItem(CALLS_KEY, JSON.stringify(this.log))
  }
}
