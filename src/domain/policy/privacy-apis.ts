import type { LocalizedText } from './localized'

/**
 * WeChat permission scopes a mini-program can hold (authorize.md). `scope.address`, `scope.invoice*`
 * and `scope.userInfo` are left out: WeChat no longer asks for them.
 */
export const WX_SCOPES = [
  'scope.userLocation',
  'scope.userFuzzyLocation',
  'scope.userLocationBackground',
  'scope.record',
  'scope.camera',
  'scope.bluetooth',
  'scope.writePhotosAlbum',
  'scope.addPhoneContact',
  'scope.addPhoneCalendar',
  'scope.werun',
] as const
export type WxScope = (typeof WX_SCOPES)[number]

/** The only scopes `app.json` must declare under `permission` with a purpose `desc`. */
export const PERMISSION_DECLARED_SCOPES: readonly WxScope[] = ['scope.userLocation', 'scope.userFuzzyLocation', 'scope.userLocationBackground']

/** The values `app.json` `requiredPrivateInfos` accepts; calling these without declaring them fails. */
export const REQUIRED_PRIVATE_INFO_APIS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
] as const

/** The information types of WeChat's 用户隐私保护指引, in its own wording. */
export const PRIVACY_INFO_TYPES = {
  location: { 'zh-CN': '收集你的位置信息', en: 'Collect your location' },
  'chosen-location': { 'zh-CN': '收集你选择的位置信息', en: 'Collect a location you choose' },
  address: { 'zh-CN': '收集你的地址', en: 'Collect your address' },
  'chosen-media': { 'zh-CN': '收集你选中的照片或视频信息', en: 'Collect the photos or videos you pick' },
  'chosen-files': { 'zh-CN': '收集你选中的文件', en: 'Collect the files you pick' },
  'album-write': { 'zh-CN': '使用你的相册（仅写入）权限', en: 'Write to your photo album' },
  clipboard: { 'zh-CN': '读取你的剪切板', en: 'Use your clipboard' },
  /** Our own wording from table edition 2 (policy 2026.3): `setClipboardData` only writes what you chose to copy. */
  'clipboard-write': { 'zh-CN': '写入你的剪切板（仅写入，不读取）', en: 'Write to your clipboard (write only, never read)' },
  'phone-number': { 'zh-CN': '收集你的手机号', en: 'Collect your mobile number' },
  'nickname-avatar': { 'zh-CN': '收集你的昵称、头像', en: 'Collect your nickname and avatar' },
  camera: { 'zh-CN': '访问你的摄像头', en: 'Use your camera' },
  microphone: { 'zh-CN': '访问你的麦克风', en: 'Use your microphone' },
  werun: { 'zh-CN': '收集你的微信运动步数', en: 'Collect your WeRun step count' },
  contacts: { 'zh-CN': '使用你的通讯录（仅写入）权限', en: 'Write to your contacts' },
  calendar: { 'zh-CN': '使用你的日历（仅写入）权限', en: 'Write to your calendar' },
  bluetooth: { 'zh-CN': '访问你的蓝牙', en: 'Use Bluetooth' },
  invoice: { 'zh-CN': '收集你的发票信息', en: 'Collect your invoice details' },
  'licence-plate': { 'zh-CN': '收集你的车牌号', en: 'Collect your licence plate' },
} as const satisfies Record<string, LocalizedText>
export type PrivacyInfoType = keyof typeof PRIVACY_INFO_TYPES

interface PrivacyApiEntry {
  info: PrivacyInfoType
  /** The scope WeChat checks before the call, if any. */
  scope?: WxScope
}

/**
 * WeChat APIs, button open-types and components that collect personal information
 * (anchors-privacy §1.1). Only those the manifest declares may appear in the code.
 */
export const WX_PRIVACY_APIS = {
  getLocation: { info: 'location', scope: 'scope.userLocation' },
  getFuzzyLocation: { info: 'location', scope: 'scope.userFuzzyLocation' },
  startLocationUpdate: { info: 'location', scope: 'scope.userLocation' },
  startLocationUpdateBackground: { info: 'location', scope: 'scope.userLocationBackground' },
  onLocationChange: { info: 'location' },
  chooseLocation: { info: 'chosen-location' },
  choosePoi: { info: 'chosen-location' },
  chooseAddress: { info: 'address' },
  chooseImage: { info: 'chosen-media' },
  chooseMedia: { info: 'chosen-media' },
  chooseVideo: { info: 'chosen-media' },
  chooseMessageFile: { info: 'chosen-files' },
  saveImageToPhotosAlbum: { info: 'album-write', scope: 'scope.writePhotosAlbum' },
  saveVideoToPhotosAlbum: { info: 'album-write', scope: 'scope.writePhotosAlbum' },
  setClipboardData: { info: 'clipboard' },
  getClipboardData: { info: 'clipboard' },
  getPhoneNumber: { info: 'phone-number' },
  getRealtimePhoneNumber: { info: 'phone-number' },
  chooseAvatar: { info: 'nickname-avatar' },
  getUserProfile: { info: 'nickname-avatar' },
  getUserInfo: { info: 'nickname-avatar' },
  camera: { info: 'camera', scope: 'scope.camera' },
  createCameraContext: { info: 'camera', scope: 'scope.camera' },
  startRecord: { info: 'microphone', scope: 'scope.record' },
  getRecorderManager: { info: 'microphone', scope: 'scope.record' },
  getWeRunData: { info: 'werun', scope: 'scope.werun' },
  addPhoneContact: { info: 'contacts', scope: 'scope.addPhoneContact' },
  addPhoneCalendar: { info: 'calendar', scope: 'scope.addPhoneCalendar' },
  addPhoneRepeatCalendar: { info: 'calendar', scope: 'scope.addPhoneCalendar' },
  openBluetoothAdapter: { info: 'bluetooth', scope: 'scope.bluetooth' },
  chooseInvoice: { info: 'invoice' },
  chooseInvoiceTitle: { info: 'invoice' },
  chooseLicensePlate: { info: 'licence-plate' },
} as const satisfies Record<string, PrivacyApiEntry>
export type WxPrivacyApi = keyof typeof WX_PRIVACY_APIS
export const WX_PRIVACY_API_NAMES = Object.keys(WX_PRIVACY_APIS) as WxPrivacyApi[]

/**
 * Information types that differ by table edition (manifest `tableEdition`): an edition's label replaces
 * WeChat's wording for that API. Editions only add here, so a published policy renders as it did.
 */
const INFO_BY_EDITION: Readonly<Record<number, Partial<Record<WxPrivacyApi, PrivacyInfoType>>>> = {
  2: { setClipboardData: 'clipboard-write' },
}

/** The information type an API is shown as in tables and change lists of a manifest with `edition`. */
export function privacyInfoType(api: WxPrivacyApi, edition?: number): PrivacyInfoType {
  return (edition !== undefined ? INFO_BY_EDITION[edition]?.[api] : undefined) ?? WX_PRIVACY_APIS[api].info
}

/** Human names of the scopes, for tables and the permissions page. */
export const SCOPE_LABELS: Record<WxScope, LocalizedText> = {
  'scope.userLocation': { 'zh-CN': '精确位置', en: 'Precise location' },
  'scope.userFuzzyLocation': { 'zh-CN': '模糊位置', en: 'Approximate location' },
  'scope.userLocationBackground': { 'zh-CN': '后台位置', en: 'Background location' },
  'scope.record': { 'zh-CN': '麦克风', en: 'Microphone' },
  'scope.camera': { 'zh-CN': '摄像头', en: 'Camera' },
  'scope.bluetooth': { 'zh-CN': '蓝牙', en: 'Bluetooth' },
  'scope.writePhotosAlbum': { 'zh-CN': '保存到相册', en: 'Save to photo album' },
  'scope.addPhoneContact': { 'zh-CN': '添加到通讯录', en: 'Add to contacts' },
  'scope.addPhoneCalendar': { 'zh-CN': '添加到日历', en: 'Add to calendar' },
  'scope.werun': { 'zh-CN': '微信运动步数', en: 'WeRun steps' },
}

export function isWxPrivacyApi(name: string): name is WxPrivacyApi {
  return Object.prototype.hasOwnProperty.call(WX_PRIVACY_APIS, name)
}

export function isWxScope(name: string): name is WxScope {
  return (WX_SCOPES as readonly string[]).includes(name)
}
