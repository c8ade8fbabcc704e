import type { Contact, DataCategory, Feature, PrivacyManifest, Purpose, RetentionClass, Sharing } from '../domain/policy/manifest-schema'
import { NEARBY_STORES_PURPOSE } from './nearby-purpose'

/**
 * The privacy manifest of 示例商城 · Example Mall: the one declaration of what we collect, why, with
 * which WeChat permission or API, and for how long. The policy’s tables, app.json’s `permission` and
 * `requiredPrivateInfos`, and the code’s allowed privacy APIs are all derived from it.
 *
 * Each policy version embeds the manifest of its time; entries added later are appended below their
 * version’s marker, so older snapshots stay byte-for-byte what users agreed to.
 * All names, addresses and contacts are fictional.
 */

const controller: PrivacyManifest['controller'] = {
  name: { 'zh-CN': '示例科技有限公司', en: 'Example Tech Co., Ltd.' },
  appName: { 'zh-CN': '示例商城', en: 'Example Mall' },
  address: { 'zh-CN': '上海市虚构区示例路 1 号（虚构地址）', en: 'No. 1 Example Road, Fictional District, Shanghai (fictional address)' },
  email: 'privacy@example.com',
  policyUrl: 'https://mall.example.com/privacy',
}

const retentionClasses: RetentionClass[] = [
  {
    id: 'account-lifetime',
    name: { 'zh-CN': '账号存续期间', en: 'While the account exists' },
    period: { 'zh-CN': '账号存续期间保存；注销后 15 个工作日内删除或匿名化', en: 'Kept while your account exists; deleted or anonymised within 15 working days after you cancel it' },
    endsOn: 'account-cancellation',
  },
  {
    id: 'transactions',
    name: { 'zh-CN': '交易记录', en: 'Transaction records' },
    period: { 'zh-CN': '自交易完成之日起保存 3 年（《电子商务法》第三十一条），期满删除', en: 'Three years from completion of the transaction (E-Commerce Law, Art. 31), then deleted' },
    endsOn: 'fixed-period',
    maxDays: 1096,
  },
  {
    id: 'location',
    name: { 'zh-CN': '位置信息', en: 'Location' },
    period: { 'zh-CN': '仅用于本次查询，服务器最多保存 24 小时；撤回授权时立即删除', en: 'Used for the current search only; kept on our servers for at most 24 hours and deleted at once when you withdraw' },
    endsOn: 'fixed-period',
    maxDays: 1,
  },
  {
    id: 'certification',
    name: { 'zh-CN': '认证资料', en: 'Certification records' },
    period: { 'zh-CN': '店铺认证有效期间保存；撤回认证或注销账号后 15 个工作日内删除', en: 'Kept while your store certification is valid; deleted within 15 working days after you withdraw it or cancel the account' },
    endsOn: 'withdrawal',
  },
  {
    id: 'rejected-certification',
    name: { 'zh-CN': '未通过审核的认证资料', en: 'Rejected certification records' },
    period: { 'zh-CN': '审核未通过之日起 30 天后删除，期间你可以更正后重新提交', en: 'Deleted 30 days after the rejection; until then you may correct and resubmit them' },
    endsOn: 'fixed-period',
    maxDays: 30,
    appliesTo: ['legal-person-name', 'legal-person-mobile', 'id-number', 'id-card-images', 'business-licence'],
  },
  {
    id: 'exports',
    name: { 'zh-CN': '导出副本', en: 'Export copies' },
    period: { 'zh-CN': '生成后保存 7 天供你取回，期满自动删除', en: 'Kept for 7 days so you can fetch it, then deleted automatically' },
    endsOn: 'fixed-period',
    maxDays: 7,
  },
  {
    id: 'logs',
    name: { 'zh-CN': '日志', en: 'Logs' },
    period: { 'zh-CN': '保存 6 个月（《网络安全法》第二十一条），期满删除', en: 'Six months (Cybersecurity Law, Art. 21), then deleted' },
    endsOn: 'fixed-period',
    maxDays: 183,
  },
  {
    id: 'consent-records',
    name: { 'zh-CN': '同意记录', en: 'Consent records' },
    period: {
      'zh-CN': '账号存续期间保存；注销时销毁假名盐值，记录随即匿名化，匿名记录再保存 3 年用于证明合规',
      en: 'Kept while your account exists; at cancellation the pseudonym salt is destroyed, so the records become anonymous, and they are kept 3 more years as proof of compliance',
    },
    endsOn: 'account-cancellation',
  },
  {
    id: 'rights-requests',
    name: { 'zh-CN': '请求记录', en: 'Request records' },
    period: { 'zh-CN': '请求办结后保存 3 年，用于处理投诉', en: 'Three years after the request is closed, to handle complaints' },
    endsOn: 'fixed-period',
    maxDays: 1096,
  },
]

const dataCategories: DataCategory[] = [
  {
    id: 'wechat-openid',
    name: { 'zh-CN': '微信 OpenID', en: 'WeChat OpenID' },
    examples: { 'zh-CN': '微信为本小程序分配给你的唯一标识', en: 'The identifier WeChat assigns to you for this mini-program' },
    sensitive: false,
    roles: ['consumer', 'merchant'],
    retention: 'account-lifetime',
  },
  {
    id: 'order-records',
    name: { 'zh-CN': '订单信息', en: 'Order details' },
    examples: { 'zh-CN': '购买的商品、数量、金额、下单与支付时间、订单状态', en: 'Items, quantities, amounts, order and payment times, order status' },
    sensitive: false,
    roles: ['consumer'],
    retention: 'transactions',
  },
  {
    id: 'delivery-contact',
    name: { 'zh-CN': '收货信息', en: 'Delivery details' },
    examples: { 'zh-CN': '收货人姓名、手机号码、收货地址', en: 'Recipient name, mobile number and delivery address' },
    sensitive: false,
    roles: ['consumer'],
    retention: 'account-lifetime',
  },
  {
    id: 'precise-location',
    name: { 'zh-CN': '精确位置', en: 'Precise location' },
    examples: { 'zh-CN': '经纬度，仅在你使用“附近门店”时获取', en: 'Latitude and longitude, only while you use Nearby stores' },
    sensitive: true,
    roles: ['consumer'],
    retention: 'location',
  },
  {
    id: 'legal-person-name',
    name: { 'zh-CN': '法定代表人姓名', en: "Legal representative’s name" },
    examples: { 'zh-CN': '营业执照上登记的法定代表人姓名', en: 'The legal representative named on the business licence' },
    sensitive: false,
    roles: ['merchant'],
    retention: 'certification',
  },
  {
    id: 'legal-person-mobile',
    name: { 'zh-CN': '法定代表人手机号码', en: "Legal representative’s mobile number" },
    examples: { 'zh-CN': '用于审核联系的手机号码，显示时脱敏，如 138****5678', en: 'A mobile number for review questions, shown masked, e.g. 138****5678' },
    sensitive: false,
    roles: ['merchant'],
    retention: 'certification',
  },
  {
    id: 'id-number',
    name: { 'zh-CN': '身份证号码', en: 'ID card number' },
    examples: { 'zh-CN': '法定代表人的居民身份证号码，加密保存，显示时脱敏', en: "The legal representative’s resident ID number, stored encrypted and shown masked" },
    sensitive: true,
    roles: ['merchant'],
    retention: 'certification',
  },
  {
    id: 'id-card-images',
    name: { 'zh-CN': '身份证正反面照片', en: 'Photos of both sides of the ID card' },
    examples: { 'zh-CN': '含人像的身份证照片，私有存储，仅通过短时链接查看', en: 'ID card photos including the portrait, stored privately and viewed only through short-lived links' },
    sensitive: true,
    roles: ['merchant'],
    retention: 'certification',
  },
  {
    id: 'business-licence',
    name: { 'zh-CN': '营业执照', en: 'Business licence' },
    examples: { 'zh-CN': '营业执照照片及其上的名称、统一社会信用代码', en: 'A photo of the business licence with the business name and unified social credit code' },
    sensitive: false,
    roles: ['merchant'],
    retention: 'certification',
  },
  {
    id: 'data-export',
    name: { 'zh-CN': '导出副本', en: 'Export copies' },
    examples: { 'zh-CN': '你申请复制的个人信息副本（JSON 与可读版本）', en: 'The copy of your personal information you asked for (JSON and a readable version)' },
    sensitive: false,
    roles: ['consumer', 'merchant'],
    retention: 'exports',
  },
  {
    id: 'rights-requests',
    name: { 'zh-CN': '请求记录', en: 'Request records' },
    examples: { 'zh-CN': '请求类型、提交时间、处理状态、结果与理由', en: 'Request type, submission time, status, outcome and reasons' },
    sensitive: false,
    roles: ['consumer', 'merchant'],
    retention: 'rights-requests',
  },
  {
    id: 'consent-records',
    name: { 'zh-CN': '同意记录', en: 'Consent records' },
    examples: {
      'zh-CN': '假名化标识、同意或撤回的事项、政策版本、时间、方式、页面和客户端版本',
      en: 'A pseudonymous identifier, what you agreed to or withdrew, the policy version, time, method, page and app version',
    },
    sensitive: false,
    roles: ['consumer', 'merchant'],
    retention: 'consent-records',
  },
  {
    id: 'operation-logs',
    name: { 'zh-CN': '操作日志', en: 'Operation logs' },
    examples: { 'zh-CN': '请求时间、使用的功能、结果与错误码，不含明文 OpenID', en: 'Request time, function used, result and error code, without the plain OpenID' },
    sensitive: false,
    roles: ['consumer', 'merchant'],
    retention: 'logs',
  },
]

const purposes: Purpose[] = [
  {
    id: 'account-identity',
    name: { 'zh-CN': '账号识别', en: 'Account identity' },
    description: { 'zh-CN': '用微信 OpenID 识别你的账号，保存你的设置、订单和请求。', en: 'We use your WeChat OpenID to recognise your account and keep your settings, orders and requests.' },
    kind: 'basic',
    roles: ['consumer', 'merchant'],
    dataCategories: ['wechat-openid'],
    legalBasis: 'contract',
    ifRefused: { 'zh-CN': '无法登录和下单；你仍可浏览商品与门店、阅读本政策。', en: 'You cannot sign in or order; you can still browse products and stores and read this policy.' },
  },
  {
    id: 'order-fulfilment',
    name: { 'zh-CN': '下单与售后', en: 'Orders and after-sales' },
    description: { 'zh-CN': '完成下单、配送、退换货与售后服务。', en: 'To take, deliver and service your orders, including returns.' },
    kind: 'basic',
    roles: ['consumer'],
    dataCategories: ['order-records', 'delivery-contact'],
    legalBasis: 'contract',
    ifRefused: { 'zh-CN': '无法下单；浏览不受影响。', en: 'You cannot place orders; browsing is unaffected.' },
    recipients: [{ 'zh-CN': '为你履约的入驻商家（仅限该订单的商品与收货信息）', en: 'The merchant that fulfils your order (that order’s items and delivery details only)' }],
  },
  NEARBY_STORES_PURPOSE,
  {
    id: 'save-poster',
    name: { 'zh-CN': '保存海报', en: 'Save posters' },
    description: { 'zh-CN': '把你生成的店铺或商品海报保存到手机相册，便于分享。', en: 'To save a store or product poster you made to your photo album for sharing.' },
    kind: 'extended',
    roles: ['consumer', 'merchant'],
    dataCategories: [],
    legalBasis: 'consent',
    ifRefused: { 'zh-CN': '无法保存海报；你仍可直接转发分享。', en: 'The poster is not saved; you can still share it directly.' },
  },
  {
    id: 'store-certification',
    name: { 'zh-CN': '商家认证', en: 'Merchant certification' },
    description: {
      'zh-CN': '核验入驻商家的主体身份与经营资质（《电子商务法》第二十七条要求平台核验经营者身份）。',
      en: 'To verify the identity and licence of merchants who open a store (E-Commerce Law, Art. 27, requires platforms to verify sellers).',
    },
    kind: 'basic',
    roles: ['merchant'],
    dataCategories: ['legal-person-name', 'legal-person-mobile', 'id-number', 'id-card-images', 'business-licence'],
    legalBasis: 'separate-consent',
    ifRefused: { 'zh-CN': '无法开店经营；你仍可作为消费者使用商城。', en: 'You cannot open a store; you can still use the mall as a shopper.' },
  },
  {
    id: 'rights-requests',
    name: { 'zh-CN': '处理你的请求', en: 'Handling your requests' },
    description: {
      'zh-CN': '受理并处理你的查阅、更正、复制、撤回同意和注销账号请求。',
      en: 'To receive and handle your requests to view, correct, copy, withdraw consent and cancel your account.',
    },
    kind: 'basic',
    roles: ['consumer', 'merchant'],
    dataCategories: ['rights-requests', 'data-export'],
    legalBasis: 'legal-obligation',
    ifRefused: { 'zh-CN': '只在你提出请求时处理，不提出请求不受影响。', en: 'Used only when you make a request; nothing changes if you do not.' },
  },
  {
    id: 'consent-proof',
    name: { 'zh-CN': '同意记录', en: 'Consent records' },
    description: { 'zh-CN': '记录你的每一次同意、拒绝与撤回，供你和监管部门核验。', en: 'To record each time you agree, refuse or withdraw, so you and regulators can check it.' },
    kind: 'basic',
    roles: ['consumer', 'merchant'],
    dataCategories: ['consent-records'],
    legalBasis: 'legal-obligation',
    ifRefused: { 'zh-CN': '拒绝本身也会被记录；记录不影响你使用商城。', en: 'A refusal is recorded too; keeping the record does not affect your use of the mall.' },
  },
  {
    id: 'service-security',
    name: { 'zh-CN': '服务安全', en: 'Service security' },
    description: { 'zh-CN': '保障服务安全、排查故障，并依法留存网络日志。', en: 'To keep the service secure, investigate faults and keep network logs as the law requires.' },
    kind: 'basic',
    roles: ['consumer', 'merchant'],
    dataCategories: ['operation-logs'],
    legalBasis: 'legal-obligation',
    ifRefused: { 'zh-CN': '日志为法定义务，无法关闭；日志不含明文身份信息。', en: 'Logs are required by law and cannot be turned off; they hold no plain identifiers.' },
  },
]

const features: Feature[] = [
  {
    id: 'account',
    name: { 'zh-CN': '登录账号', en: 'Sign-in' },
    purpose: 'account-identity',
    privacyApis: [],
    identity: 'openid',
    useNote: { 'zh-CN': '登录时由微信提供账号标识，无需弹窗授权', en: 'WeChat provides your account identifier at sign-in; there is no prompt' },
  },
  {
    id: 'nearby-stores',
    name: { 'zh-CN': '附近门店', en: 'Nearby stores' },
    purpose: 'nearby-stores',
    scope: 'scope.userLocation',
    privacyApis: ['getLocation'],
    useNote: { 'zh-CN': '查找附近门店并显示距离', en: 'To find stores near you and show distances' },
  },
  {
    id: 'cert-photos',
    name: { 'zh-CN': '上传认证照片', en: 'Upload certification photos' },
    purpose: 'store-certification',
    privacyApis: ['chooseMedia'],
    useNote: { 'zh-CN': '选择身份证和营业执照照片，用于商家认证', en: 'To pick ID card and business licence photos for merchant certification' },
  },
  {
    id: 'save-poster',
    name: { 'zh-CN': '保存海报', en: 'Save poster' },
    purpose: 'save-poster',
    scope: 'scope.writePhotosAlbum',
    privacyApis: ['saveImageToPhotosAlbum'],
    useNote: { 'zh-CN': '把海报保存到你的相册', en: 'To save the poster to your photo album' },
  },
  {
    id: 'export-to-clipboard',
    name: { 'zh-CN': '复制我的信息', en: 'Copy my data' },
    purpose: 'rights-requests',
    privacyApis: ['setClipboardData'],
    useNote: { 'zh-CN': '把你导出的信息复制到剪贴板', en: 'To copy your exported data to the clipboard' },
  },
]

const storage: PrivacyManifest['storage'] = {
  region: 'ap-shanghai',
  location: { 'zh-CN': '中国境内（腾讯云上海地域）', en: 'Mainland China (Tencent Cloud, Shanghai region)' },
}

const withdrawalMethod = {
  'zh-CN': '在「我的 → 隐私中心 → 权限与同意」中关闭对应开关即可撤回，一步完成；撤回不影响撤回前已进行的处理。设备权限也可在小程序右上角「… → 设置」中关闭。',
  en: 'Turn off the matching switch under Me → Privacy centre → Permissions & consent: one tap. Withdrawal does not affect processing done before it. Device permissions can also be turned off via "… → Settings" at the top right of the mini-program.',
}

const processors: PrivacyManifest['processors'] = [
  {
    id: 'tencent-cloudbase',
    name: { 'zh-CN': '腾讯云 · 云开发 CloudBase', en: 'Tencent Cloud · CloudBase' },
    service: {
      'zh-CN': '在上海地域为我们提供云函数、数据库与文件存储，仅按我们的指示处理数据',
      en: 'Runs our cloud functions, database and file storage in the Shanghai region, processing data only on our instructions',
    },
  },
]

/** Policy 2026.1, effective 2026-01-01. */
export const MANIFEST_2026_1: PrivacyManifest = {
  schemaVersion: 1,
  controller,
  storage,
  withdrawalMethod,
  retentionClasses,
  dataCategories,
  purposes,
  features,
  sdks: [],
  processors,
}

// ── Added in 2026.2: personalised store recommendations (an extended function the user may refuse).

const preferenceRetention: RetentionClass = {
  id: 'preferences',
  name: { 'zh-CN': '偏好标签', en: 'Preference tags' },
  period: { 'zh-CN': '开启推荐期间保存，最长 180 天；关闭推荐后 7 天内删除', en: 'Kept while recommendations are on, for at most 180 days; deleted within 7 days after you turn them off' },
  endsOn: 'withdrawal',
  maxDays: 180,
}

const preferenceTags: DataCategory = {
  id: 'preference-tags',
  name: { 'zh-CN': '偏好标签', en: 'Preference tags' },
  examples: { 'zh-CN': '根据订单推断的常去门店与偏好品类', en: 'Stores you often buy from and product categories you prefer, inferred from your orders' },
  sensitive: false,
  roles: ['consumer'],
  retention: 'preferences',
}

const recommendations: Purpose = {
  id: 'personalised-recommendations',
  name: { 'zh-CN': '个性化门店推荐', en: 'Personalised store recommendations' },
  description: {
    'zh-CN': '根据你的订单记录推断偏好，在首页优先推荐你可能喜欢的门店。',
    en: 'To infer your preferences from your order history and recommend stores you may like on the home page.',
  },
  kind: 'extended',
  roles: ['consumer'],
  dataCategories: ['order-records', 'preference-tags'],
  legalBasis: 'consent',
  ifRefused: {
    'zh-CN': '首页按距离或热门程度展示门店，不基于你的个人特征；其他功能不受影响。',
    en: 'The home page lists stores by distance or popularity, not by your personal traits; nothing else changes.',
  },
}

const recommendationsFeature: Feature = {
  id: 'store-recommendations',
  name: { 'zh-CN': '为你推荐', en: 'Recommended for you' },
  purpose: 'personalised-recommendations',
  privacyApis: [],
  useNote: { 'zh-CN': '开启后首页按你的偏好推荐门店', en: 'When on, the home page recommends stores by your preferences' },
}

/** Policy 2026.2, effective 2026-12-01: adds personalised recommendations and preference tags. */
export const MANIFEST_2026_2: PrivacyManifest = {
  ...MANIFEST_2026_1,
  retentionClasses: [...retentionClasses, preferenceRetention],
  dataCategories: [...dataCategories, preferenceTags],
  purposes: [...purposes, recommendations],
  features: [...features, recommendationsFeature],
}

// ── Added in 2026.3: an optional profile (nickname and avatar) the user sets in the personal centre.

const profile: DataCategory = {
  id: 'profile',
  name: { 'zh-CN': '昵称与头像', en: 'Nickname and avatar' },
  examples: { 'zh-CN': '你设置的昵称和你从相册中选择的头像图片', en: 'The nickname you set and the avatar image you choose from your album' },
  sensitive: false,
  roles: ['consumer', 'merchant'],
  retention: 'account-lifetime',
}

/** Account identity as of 2026.3: it also keeps the optional profile; kind, legal basis, roles and name are as before. */
const accountIdentityWithProfile = (p: Purpose): Purpose => ({
  ...p,
  description: {
    'zh-CN': '用微信 OpenID 识别你的账号，保存你的设置、订单和请求。昵称和头像可以不设置，设置后只在个人中心向你本人显示；不设置不影响任何功能。',
    en: 'We use your WeChat OpenID to recognise your account and keep your settings, orders and requests. A nickname and an avatar are optional and are shown only to you in the personal centre; nothing else changes if you leave them empty.',
  },
  dataCategories: [...p.dataCategories, profile.id],
  // The collection table shows this column beside the profile, so it says that the profile is optional too.
  ifRefused: {
    'zh-CN': '无法登录和下单；你仍可浏览商品与门店、阅读本政策。昵称和头像可以不设置，不影响任何功能。',
    en: 'You cannot sign in or order; you can still browse products and stores and read this policy. The nickname and avatar are optional: leaving them empty changes nothing.',
  },
})

const avatarFeature: Feature = {
  id: 'profile-avatar',
  name: { 'zh-CN': '设置头像', en: 'Set avatar' },
  purpose: 'account-identity',
  privacyApis: ['chooseMedia'],
  useNote: { 'zh-CN': '从相册中选择一张照片作为你的头像', en: 'To choose a photo from your album as your avatar' },
}

// ── Also in 2026.3: the audit of issue 12. What the product does and what the policy says now agree; the
// wording is our own from here on (table edition 2), and the hash covers the rendered tables (hashScheme 2).

/** Account identity keeps only the OpenID, the AppID and when the account was first used (no visit counts). */
const openid2026_3 = (c: DataCategory): DataCategory => ({
  ...c,
  examples: {
    'zh-CN': '微信为本小程序分配给你的唯一标识，以及本小程序的 AppID 和你首次使用的时间；我们不记录访问次数或最近访问时间',
    en: 'The identifier WeChat assigns to you for this mini-program, with the mini-program’s AppID and when you first used it; we do not count your visits or record when you last came',
  },
})

/** No payment provider in this app: an order has no payment time. */
const orderRecords2026_3 = (c: DataCategory): DataCategory => ({
  ...c,
  examples: { 'zh-CN': '购买的商品、数量、金额、下单时间、订单状态', en: 'Items, quantities, amounts, order time, order status' },
})

const requestRecords2026_3 = (c: DataCategory): DataCategory => ({
  ...c,
  examples: {
    'zh-CN': '请求类型、提交时间、处理状态、结果与理由，以及你在「联系我们」中提出的问题或投诉和我们的答复',
    en: 'Request type, submission time, status, outcome and reasons, and the questions or complaints you send under Contact us with our replies',
  },
})

/** The position is used for the one query and not stored (the nearby search keeps nothing). */
const locationRetention2026_3 = (r: RetentionClass): RetentionClass => ({
  ...r,
  period: { 'zh-CN': '仅用于本次查询，不保存在我们的服务器上', en: 'Used for the current search only and not stored on our servers' },
})

/** Someone who chose 暂不同意 and never agreed: the refusal and its pseudonym salt go after 30 days. */
const refusalRetention: RetentionClass = {
  id: 'refusals',
  name: { 'zh-CN': '拒绝记录', en: 'Refusal records' },
  period: {
    'zh-CN': '你选择「暂不同意」且从未同意过本政策时，记录这次拒绝的假名化事件及其假名盐值保存 30 天后删除',
    en: 'If you decline this policy and have never agreed to it, the pseudonymous record of that refusal and its salt are deleted after 30 days',
  },
  endsOn: 'fixed-period',
  maxDays: 30,
  appliesTo: ['consent-records'],
}

const rightsRequests2026_3 = (p: Purpose): Purpose => ({
  ...p,
  description: {
    'zh-CN': '受理并处理你的查阅、更正、复制、删除、撤回同意和注销账号请求，以及你在「联系我们」中提出的问题和投诉。',
    en: 'To receive and handle your requests to view, correct, copy, delete, withdraw consent and cancel your account, and the questions and complaints you send under Contact us.',
  },
})

const withdrawalMethod2026_3 = {
  'zh-CN':
    '在「我的 → 隐私中心 → 权限与同意」中关闭对应开关即可撤回，一步完成；撤回不影响撤回前已进行的处理。设备权限也可在小程序右上角「… → 设置」中关闭，我们会在你下次打开小程序或使用相关功能时发现并记为撤回。',
  en: 'Turn off the matching switch under Me → Privacy centre → Permissions & consent: one tap. Withdrawal does not affect processing done before it. Device permissions can also be turned off via "… → Settings" at the top right of the mini-program; we notice it the next time you open the mini-program or use the function, and record it as a withdrawal.',
}

/** The personal information protection officer (PIPL Art. 52), reachable apart from the general address. */
const contacts: Contact[] = [
  {
    id: 'pi-officer',
    role: { 'zh-CN': '个人信息保护负责人', en: 'Personal information protection officer' },
    email: 'pio@example.com',
    address: controller.address,
  },
]

const PURPOSES_2026_3 = MANIFEST_2026_2.purposes.map((p) => (p.id === 'account-identity' ? accountIdentityWithProfile(p) : p.id === 'rights-requests' ? rightsRequests2026_3(p) : p))
const CATEGORIES_2026_3 = [...MANIFEST_2026_2.dataCategories, profile].map((c) =>
  c.id === 'wechat-openid' ? openid2026_3(c) : c.id === 'order-records' ? orderRecords2026_3(c) : c.id === 'rights-requests' ? requestRecords2026_3(c) : c,
)

/** Every recipient with what PIPL Art. 23 asks: the merchant of an order, and our entrusted processor. */
const sharing: Sharing[] = [
  {
    id: 'order-merchant',
    name: { 'zh-CN': '为你履约的入驻商家', en: 'The merchant that fulfils your order' },
    contact: {
      'zh-CN': '商家名称见订单详情；如需就你的个人信息联系商家，可通过本政策「联系我们」中的方式告诉我们，由我们转达并协调答复',
      en: 'The merchant’s name is in the order details; to contact it about your personal information, tell us through the details under "Contact us" and we pass it on and follow up',
    },
    method: 'provision',
    how: { 'zh-CN': '只向该商家显示该订单的商品与收货信息，仅用于发货与售后', en: 'only that order’s items and delivery details are shown to that merchant, for delivery and after-sales only' },
    purposes: ['order-fulfilment'],
    dataCategories: ['order-records', 'delivery-contact'],
    legalBasis: 'contract',
  },
  {
    id: 'tencent-cloudbase',
    name: { 'zh-CN': '腾讯云 · 云开发 CloudBase', en: 'Tencent Cloud · CloudBase' },
    contact: { 'zh-CN': '腾讯云隐私政策中公布的联系方式', en: 'The contact details published in Tencent Cloud’s privacy policy' },
    method: 'entrusted-processing',
    how: {
      'zh-CN': '在上海地域为我们运行云函数、数据库与文件存储，仅按我们的指示处理，不用于其自身目的',
      en: 'runs our cloud functions, database and file storage in the Shanghai region, only on our instructions and never for its own purposes',
    },
    purposes: PURPOSES_2026_3.map((p) => p.id),
    dataCategories: CATEGORIES_2026_3.map((c) => c.id),
    processor: 'tencent-cloudbase',
  },
]

/**
 * Policy 2026.3, effective 2026-12-15: adds the optional profile (nickname and avatar) to account identity;
 * and, from the audit of issue 12, no payment time, a position that is not stored, refusals purged after
 * 30 days, deletion and complaints among the requests, the recipients in full, the officer's contact, and
 * our own table wording (legal basis shown, clipboard write only).
 */
export const MANIFEST_2026_3: PrivacyManifest = {
  ...MANIFEST_2026_2,
  withdrawalMethod: withdrawalMethod2026_3,
  retentionClasses: [...MANIFEST_2026_2.retentionClasses.map((r) => (r.id === 'location' ? locationRetention2026_3(r) : r)), refusalRetention],
  dataCategories: CATEGORIES_2026_3,
  purposes: PURPOSES_2026_3,
  features: [...MANIFEST_2026_2.features, avatarFeature],
  sharing,
  contacts,
  tableEdition: 2,
}

/** The manifest in force: what the code may use today. */
export const PRIVACY_MANIFEST: PrivacyManifest = MANIFEST_2026_3
