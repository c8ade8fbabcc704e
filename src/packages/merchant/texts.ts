import { PRIVACY_MANIFEST } from '@/content/privacy-manifest'
import type { CertStatus } from '@/domain/certification/application'
import type { CertTextField, PhotoSlot } from '@/domain/certification/certification-form'
import type { ErrorCode } from '@/domain/common/errors'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'

/**
 * Words of the merchant sub-package (store certification), Simplified Chinese first and complete in
 * English. What is collected, why, and how long it is kept come from the privacy manifest; these are
 * only the page's own sentences.
 */

export const CERT_PURPOSE = PRIVACY_MANIFEST.purposes.find((p) => p.id === 'store-certification')!
export const CERT_TARGET = { kind: 'purpose', id: 'store-certification' } as const

/** The manifest's categories of the certification purpose, in its order. */
export const CERT_CATEGORIES = CERT_PURPOSE.dataCategories.map((id) => PRIVACY_MANIFEST.dataCategories.find((c) => c.id === id)!).filter(Boolean)
export const retentionOf = (id: string) => PRIVACY_MANIFEST.retentionClasses.find((r) => r.id === id)

/** `{name}` placeholders in a localized sentence, filled in. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

const w = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en })

/** Why each manifest category is necessary for certification (the manifest says what it is, not why this step needs it). */
export const NECESSITY: Record<string, LocalizedText> = {
  'legal-person-name': w('与营业执照上的法定代表人核对，确认申请人身份。', 'Checked against the legal representative on the business licence to confirm who is applying.'),
  'legal-person-mobile': w('审核中有疑问时联系你；不用于营销。', 'Used to reach you with questions during the review; never for marketing.'),
  'id-number': w('核验法定代表人的真实身份，法律要求平台核验经营者身份。', "Verifies the legal representative's identity, as the law requires platforms to verify sellers."),
  'id-card-images': w('与身份证号码、姓名交叉核对，防止冒用他人身份。', 'Cross-checked with the ID number and name to prevent someone using another person’s identity.'),
  'business-licence': w('核验经营资质：营业执照照片及其统一社会信用代码。', 'Verifies the business is registered: the licence photo and its unified social credit code.'),
}

export const CONSENT_T = {
  title: w('商家认证 · 单独同意', 'Merchant certification · separate consent'),
  lead: w('认证门店需要收集法定代表人的敏感个人信息。请阅读以下说明，单独同意后才会显示填写页面。', "Certifying a store needs sensitive personal information about the legal representative. Please read this first: the form is shown only after you give this separate consent."),
  why: w('为什么需要', 'Why we need it'),
  collect: w('我们将收集', 'What we collect'),
  sensitive: w('敏感个人信息', 'Sensitive personal information'),
  also: w('另外还需填写门店名称和地址（经营信息），可从门店目录中选择。', 'You also give the store’s name and address (business information); you may pick it from the store catalogue.'),
  protect: w('如何保护', 'How it is protected'),
  protectItems: [
    w('身份证号码和手机号码使用 AES-256-GCM 加密保存。', 'The ID number and the mobile number are stored encrypted with AES-256-GCM.'),
    w('照片保存在私有存储中，只能通过 5 分钟内有效的链接查看。', 'Photos are kept in private storage and can be viewed only through links valid for 5 minutes.'),
    w('身份证照片在上传前就在你的手机上加上“仅用于示例商城门店认证”和日期水印。', 'ID card photos are watermarked “仅用于示例商城门店认证” (for Example Mall store certification only) with the date on your phone, before upload.'),
    w('审核人员看到的是脱敏信息；确需查看完整信息时须填写理由，每次查看都会记录。', 'Reviewers see masked values; to see a full value they must give a reason, and every look is recorded.'),
  ],
  keep: w('保存多久', 'How long it is kept'),
  refuse: w('如果不同意', 'If you say no'),
  nothingElse: w('不影响你使用商城的任何其他功能。', 'Nothing else in the mall changes for you.'),
  check: w('我已阅读并单独同意为商家认证处理上述敏感个人信息', 'I have read this and separately consent to this sensitive personal information being processed for merchant certification'),
  agree: w('同意并开始认证', 'Agree and start'),
  refuseBtn: w('不同意', 'No, thanks'),
  withdrawBtn: w('撤回同意', 'Withdraw consent'),
  granted: w('你已同意。可以继续填写认证资料，也可以随时撤回同意；撤回同意会同时撤回认证，删除认证资料和照片。', 'You have agreed. You can continue your application, or withdraw your consent at any time; withdrawing it also withdraws the certification and deletes its data and photos.'),
  continue: w('继续认证', 'Continue'),
  saving: w('正在记录你的选择…', 'Recording your choice…'),
  failed: w('未能记录你的选择，请检查网络后重试。', 'Your choice was not recorded. Check your connection and try again.'),
  refused: w('已记录：你没有同意商家认证。我们不会收集上述信息。商城的其他功能不受影响，你可以照常浏览和购物。', 'Recorded: you did not agree to merchant certification, so none of this is collected. Everything else in the mall works as before.'),
  withdrawn: w('已撤回同意，认证也已撤回：认证资料和照片已删除，只保留带日期的办理记录。商城的其他功能不受影响。', 'Consent withdrawn, and with it the certification: its data and photos were deleted; only the dated history is kept. Everything else in the mall works as before.'),
  backMe: w('返回我的', 'Back to Me'),
  policyFirst: w('请先同意《示例商城隐私政策》，再进行商家认证。', 'Please agree to the Example Mall privacy policy before certifying a store.'),
  policyAgree: w('阅读并同意隐私政策', 'Read and agree to the privacy policy'),
}

export const FIELD_LABELS: Record<CertTextField, LocalizedText> = {
  legalName: w('法定代表人姓名', "Legal representative's name"),
  mobile: w('手机号码', 'Mobile number'),
  idNumber: w('身份证号码', 'ID card number'),
  uscc: w('统一社会信用代码', 'Unified social credit code'),
  storeName: w('门店名称', 'Store name'),
  storeAddress: w('门店地址', 'Store address'),
}

export const FIELD_PLACEHOLDERS: Record<CertTextField, LocalizedText> = {
  legalName: w('与营业执照一致', 'As on the business licence'),
  mobile: w('11 位手机号码', '11-digit mobile number'),
  idNumber: w('18 位身份证号码', '18-character ID number'),
  uscc: w('18 位，见营业执照', '18 characters, on the licence'),
  storeName: w('例如：示例商城 静安店', 'E.g. Example Mall Jing’an'),
  storeAddress: w('省市区、街道和门牌号', 'District, street and number'),
}

export const PHOTO_LABELS: Record<PhotoSlot, LocalizedText> = {
  idFront: w('身份证人像面', 'ID card, portrait side'),
  idBack: w('身份证国徽面', 'ID card, emblem side'),
  licence: w('营业执照', 'Business licence'),
}

export const PHOTO_MISSING: Record<PhotoSlot, LocalizedText> = {
  idFront: w('请上传身份证人像面照片', 'Add a photo of the portrait side of the ID card'),
  idBack: w('请上传身份证国徽面照片', 'Add a photo of the emblem side of the ID card'),
  licence: w('请上传营业执照照片', 'Add a photo of the business licence'),
}

export const STATUS_WORDS: Record<CertStatus, LocalizedText> = {
  draft: w('草稿', 'Draft'),
  submitted: w('已提交，等待审核', 'Submitted, waiting for review'),
  'under-review': w('审核中', 'Under review'),
  approved: w('认证已通过', 'Certified'),
  rejected: w('未通过审核', 'Not approved'),
  withdrawn: w('已撤回', 'Withdrawn'),
}

export const APPLY_T = {
  title: w('商家认证', 'Merchant certification'),
  intro: w('认证门店后即可在示例商城开店经营。需要法定代表人的姓名、手机号码、身份证号码与正反面照片，以及营业执照。', 'Certify your store to sell in Example Mall. You need the legal representative’s name, mobile number, ID number and photos of both sides of the ID card, and the business licence.'),
  introWithdrawn: w('你之前的认证已撤回，资料和照片已删除，只保留了带日期的办理记录。', 'Your earlier certification was withdrawn: its data and photos were deleted; only the dated history is kept.'),
  start: w('开始认证', 'Start'),
  needConsent: w('商家认证需要处理敏感个人信息，须先阅读说明并单独同意。', 'Merchant certification processes sensitive personal information, so it needs your separate consent first.'),
  toConsent: w('查看说明并同意', 'Read and consent'),
  policyFirst: w('请先同意《示例商城隐私政策》。', 'Please agree to the Example Mall privacy policy first.'),
  policyAgree: w('阅读并同意隐私政策', 'Read and agree to the privacy policy'),
  savedHint: w('已保存：{value}，如需修改请重新输入', 'Saved: {value}. Type again to change it.'),
  draftSaved: w('草稿已保存', 'Draft saved'),
  draftSaving: w('正在保存草稿…', 'Saving the draft…'),
  draftNote: w('填写的内容会自动保存为草稿，离开页面后再回来可以继续。', 'What you enter is saved as a draft; you can leave and come back to finish.'),
  saveDraft: w('保存草稿', 'Save draft'),
  catalogue: w('从门店目录选择', 'Pick from the store catalogue'),
  catalogueTitle: w('选择门店', 'Choose a store'),
  fromCatalogue: w('已从目录选择：{name}', 'From the catalogue: {name}'),
  photos: w('证件照片', 'Photos'),
  photoNote: w('照片在手机上压缩后上传；身份证照片会先加上“仅用于示例商城门店认证”和今天日期的水印。', 'Photos are compressed on your phone before upload; ID card photos are first watermarked “仅用于示例商城门店认证” (for store certification only) with today’s date.'),
  pick: w('选择照片', 'Choose a photo'),
  replace: w('重新选择', 'Replace'),
  uploading: w('正在处理并上传…', 'Preparing and uploading…'),
  photoInvalid: w('这张照片无法使用，请换一张清晰的 JPEG 或 PNG 照片。', 'This photo cannot be used; please choose another clear photo.'),
  photoFailed: w('照片未能上传，请重试。', 'The photo was not uploaded. Please try again.'),
  submit: w('提交审核', 'Submit for review'),
  submitting: w('正在提交…', 'Submitting…'),
  fixErrors: w('请按提示修改标红的项目后再提交。', 'Please fix the items marked in red, then submit.'),
  failed: w('操作未完成，请检查网络后重试。', 'Not done. Check your connection and try again.'),
  retry: w('重试', 'Try again'),
  consentGone: w('你已撤回商家认证的单独同意，需重新同意后才能继续。', 'You withdrew your consent to merchant certification; consent again to continue.'),
  calendar: w('审核期限暂时无法计算（工作日日历待更新），请稍后再提交。', 'We cannot work out the review deadline yet (the working-day calendar is being updated). Please try again later.'),
  keyMissing: w('认证服务暂时不可用，资料没有保存，请稍后再试。', 'Certification is unavailable right now and nothing was saved. Please try again later.'),
  rejectedReason: w('审核未通过，原因：{reason}', 'Not approved. Reason: {reason}'),
  rejectedPurge: w('请按原因修改后重新提交。如不重新提交，资料将于 {date} 删除。', 'Correct it and submit again. If you do not, the data is deleted on {date}.'),
  status: w('认证进度', 'Certification progress'),
  submittedAt: w('提交时间', 'Submitted'),
  decidedAt: w('审核时间', 'Decided'),
  due: w('预计 {date} 前完成审核', 'Review expected by {date}'),
  // Each language's own brackets: full-width in Chinese, ASCII with a space in English.
  daysLeft: w('（还剩 {n} 个工作日）', ' ({n} working days left)'),
  overdue: w('（已超过预计时间，我们正在加紧处理）', ' (past the expected date; we are on it)'),
  approved: w('认证已通过', 'Your store is certified'),
  data: w('认证资料（已脱敏）', 'Certification data (masked)'),
  withdraw: w('撤回认证', 'Withdraw certification'),
  withdrawTitle: w('撤回认证', 'Withdraw certification'),
  withdrawExplain: w('撤回后，认证资料（姓名、手机号码、身份证号码、统一社会信用代码、门店信息）和全部照片将被删除，门店不再是认证门店。只保留带日期的办理记录（提交、审核、撤回的时间），不含上述信息。之后可以重新申请。', 'Withdrawing deletes the certification data (name, mobile, ID number, credit code, store details) and all photos, and the store is no longer certified. Only the dated history (when it was submitted, reviewed and withdrawn) is kept, without any of that data. You can apply again later.'),
  withdrawConfirm: w('确认撤回并删除资料', 'Withdraw and delete the data'),
  withdrawCancel: w('暂不撤回', 'Keep it'),
  withdrawDone: w('认证已撤回，资料和照片已删除。', 'Certification withdrawn; its data and photos were deleted.'),
  zone: w('北京时间', 'China time'),
  serverInvalid: w('{label}未通过校验，请核对后重新输入。', '{label} was not accepted; please check it and type it again.'),
}

/** Stamped across ID card photos with the Shanghai date; always in Chinese, as the card is. */
export const WATERMARK_TEXT = '仅用于示例商城门店认证'

/** `2027-01-12` → `2027年1月12日` / `12 January 2027`. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
export function dateWords(isoDate: string | undefined, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '')
  if (!m) return ''
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return lang === 'en' ? `${d} ${MONTHS[mo - 1]} ${y}` : `${y}年${mo}月${d}日`
}

/** A failure the page cannot place next to a field, in words (never its code). */
export function failureText(code: ErrorCode, lang: Lang): string {
  const by: Partial<Record<ErrorCode, LocalizedText>> = {
    'CONSENT.REQUIRED': APPLY_T.consentGone,
    'CALENDAR.YEAR_NOT_COVERED': APPLY_T.calendar,
    'CERT.KEY_MISSING': APPLY_T.keyMissing,
    'CERT.PHOTO_INVALID': APPLY_T.photoInvalid,
    'CERT.INCOMPLETE': APPLY_T.fixErrors,
  }
  return localize(by[code] ?? APPLY_T.failed, lang)
}
