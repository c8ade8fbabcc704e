import type { ReactNode } from 'react'

/** The WeChat permission scopes this app asks for (authorize.md); others are never requested. */
export const SCOPES = ['scope.userLocation', 'scope.writePhotosAlbum'] as const
export type Scope = (typeof SCOPES)[number]

/**
 * WeChat's `authSetting`, tri-state per scope: absent = never asked (the next use shows the system
 * dialog), `true` = granted (succeeds silently), `false` = refused (fails at once, no dialog).
 */
export type AuthSetting = Partial<Record<Scope, boolean>>

export interface PrivacySetting {
  /** True until the user agrees through the agree button, and again when WeChat's declared privacy types change. */
  needAuthorization: boolean
  privacyContractName: string
}

/** What the app's privacy listener tells WeChat; `agree` must name the agree button the user tapped. */
export type PrivacyResolution = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' }

export interface PrivacyEventInfo {
  /** The API that triggered the request, e.g. `getLocation`. */
  referrer: string
}

/**
 * Called when a privacy API is used before the user agreed; that call stays pending until `resolve`
 * gets `agree` or `disagree`.
 */
export type NeedPrivacyListener = (resolve: (resolution: PrivacyResolution) => void, info: PrivacyEventInfo) => void

export interface Location {
  latitude: number
  longitude: number
}

export interface ChooseMediaOptions {
  /** At most this many images (WeChat allows 1–20); default 1. */
  count?: number
  /** Default `['album']`. */
  sourceType?: Array<'album' | 'camera'>
}

export interface MediaFile {
  /** A local path on weapp, a `blob:` URL on h5; upload it through the services layer. */
  tempFilePath: string
  size: number
}

/** The app.json `permission` block: the purpose WeChat shows in the scope dialog. */
export type PermissionDescriptions = Partial<Record<Scope, { desc: string }>>

export interface PlatformConfig {
  /**
   * Identifies the set of privacy types declared in WeChat's privacy guide. WeChat asks again when it
   * grows; on weapp WeChat's back end knows it, on h5 the simulator compares it with the agreed one.
   */
  declaredTypesVersion: string
  /** Shown by `getPrivacySetting` and the simulated dialogs (weapp reads it from the MP console). */
  privacyContractName?: string
  /** Mini-program name in the simulated dialogs. */
  appName?: string
  /** Same shape as app.json `permission`; the simulated scope dialog shows the `desc`. */
  permission?: PermissionDescriptions
}

export const PLATFORM_ERROR_CODES = [
  /** The user has not agreed to the privacy guide, refused it, or refused within the last 10 s. */
  'PLATFORM.PRIVACY_NOT_AUTHORIZED',
  /** The API is not declared in the privacy guide or app.json `requiredPrivateInfos`. */
  'PLATFORM.PRIVACY_NOT_DECLARED',
  /** The scope is refused (`authSetting[scope] === false`) or the user tapped 拒绝. */
  'PLATFORM.SCOPE_DENIED',
  /** WeChat itself lacks the phone's permission (e.g. location services off); openSetting cannot fix it. */
  'PLATFORM.SYSTEM_DENIED',
  'PLATFORM.USER_CANCELLED',
  /** openSetting was not called from a user tap. */
  'PLATFORM.NOT_FROM_TAP',
  'PLATFORM.FAILED',
] as const
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number]

/** A failed platform call: a stable code for the app, WeChat's own `errMsg` for logs. */
export class PlatformError extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    readonly errMsg: string,
  ) {
    super(`${code}: ${errMsg}`)
    this.name = 'PlatformError'
  }
}

/**
 * The one API both builds export (`index.ts` for weapp, `index.h5.ts` for h5); see index.ts for
 * what each function does.
 */
export interface PlatformApi {
  initPlatform(config: PlatformConfig): void
  getPrivacySetting(): Promise<PrivacySetting>
  onNeedPrivacyAuthorization(listener: NeedPrivacyListener): () => void
  requirePrivacyAuthorize(): Promise<void>
  openPrivacyContract(): Promise<void>
  getAuthSetting(): Promise<AuthSetting>
  authorize(scope: Scope): Promise<void>
  openSetting(): Promise<AuthSetting>
  getLocation(): Promise<Location>
  chooseMedia(options?: ChooseMediaOptions): Promise<MediaFile[]>
  saveImageToPhotosAlbum(filePath: string): Promise<void>
  /** Puts text on the phone's clipboard (a declared privacy API; WeChat shows its own "copied" toast). */
  setClipboardData(data: string): Promise<void>
  /** A picked photo as the avatar upload: scaled to `edge` px on its longest side, JPEG, base64, at most `maxBytes`. */
  avatarJpeg(file: MediaFile, limits: { edge: number; maxBytes: number }): Promise<string>
  /**
   * A picked photo as a certification upload: scaled to `edge` px on its longest side, with `watermark`
   * (if given) stamped across it semi-transparently and diagonally before encoding; JPEG, base64, at most `maxBytes`.
   */
  certPhotoJpeg(file: MediaFile, limits: CertPhotoLimits): Promise<string>
  /** Asks for one-time subscribe messages (call from a tap); answers each template's `accept` / `reject` / `ban`. */
  requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>>
}

export interface CertPhotoLimits {
  edge: number
  maxBytes: number
  /** Visible text stamped across the whole photo, e.g. `仅用于示例商城门店认证 2026-12-01`. */
  watermark?: string
}

/** Props of the agree control, the same in both builds. */
export interface AgreeButtonProps {
  /** The buttonId the listener passes to `resolve({ event: 'agree', buttonId })`. */
  id: string
  /** Runs after WeChat recorded the agreement; call the pending `resolve` here. */
  onAgree: () => void
  disabled?: boolean
  /** The decision is being recorded: shows progress and takes no second tap. */
  busy?: boolean
  children?: ReactNode
}
