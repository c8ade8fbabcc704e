import type { PolicyBlock, PolicyContent, PolicySection } from '../../domain/policy/policy-schema'
import { MANIFEST_2026_3 } from '../privacy-manifest'
import { list, para, promising, section, table } from './blocks'
import { POLICY_2026_2 } from './policy-2026-2'
import { SUMMARY_2026_3 } from './summaries'

/*
 * Blocks that promise a behaviour carry promise ids (`promising([...], block)`); each id has an entry in the
 * promise register, src/content/promises.ts, held by tests/compliance/promises.test.ts. Facts stated here
 * must match the code: cooling-off and working days (src/domain/cancellation, src/domain/requests), the
 * certification safeguards (src/domain/certification, cloudfunctions/_shared/usecases/certification.ts),
 * local storage (src/flows/privacy-session.ts).
 */

const about = section('about', '引言', 'About this policy', [
  para(
    '「示例商城」小程序由示例科技有限公司（以下称“我们”）运营。本政策说明你作为消费者或入驻商家使用示例商城时，我们如何收集、使用、保存、共享和保护你的个人信息，以及你如何行使自己的权利。我们只收集实现功能所必需的信息，需要同意的事项会逐项征得你的同意。',
    'The Example Mall mini-program is run by Example Tech Co., Ltd. ("we"). This policy explains how we collect, use, keep, share and protect your personal information when you use Example Mall as a shopper or as a merchant, and how you can exercise your rights. We collect only what a function needs, and where consent is required we ask for it item by item.',
  ),
  promising(
    ['refusal-keeps-browsing', 'refusal-purged-after-30-days'],
    para(
      '请仔细阅读本政策，特别是加粗标出的敏感个人信息与你的权利。你可以不同意本政策：选择「暂不同意」后，你仍可浏览商品与门店、阅读本政策，我们不会因此退出小程序，也不会反复弹窗。为了不再打扰你，我们会以假名方式记录这次拒绝；如果你从未同意过本政策，这条记录及其假名盐值在 30 天后删除。',
      'Please read this policy carefully, especially the parts in bold about sensitive personal information and your rights. You may decline it: after choosing "Not now" you can still browse products and stores and read this policy, and we will neither close the mini-program nor keep asking. So as not to ask again, we record that refusal under a pseudonym; if you have never agreed to this policy, that record and its pseudonym salt are deleted after 30 days.',
      true,
    ),
  ),
  para(
    '本政策以简体中文和英文发布，两种文本如有不一致，以中文版本为准。',
    'This policy is published in Simplified Chinese and in English; if the two differ, the Chinese version prevails.',
  ),
])

const collection = section('collection', '我们收集哪些信息', 'What we collect', [
  promising(
    ['privacy-apis-match-manifest'],
    para(
      '下表按身份列出每项功能收集的信息、使用的权限或接口、拒绝的影响，以及我们处理这些信息的依据。表格由我们的隐私清单生成；小程序实际调用的接口会与清单逐一核对：清单没有声明的接口不会被调用，清单声明的接口也都确有功能在使用。',
      'The tables below list, for each role, what each function collects, which permission or API it uses, what happens if you refuse, and the legal basis on which we process it. They are generated from our privacy manifest, and the APIs the mini-program actually calls are checked against it: no API the manifest does not declare is called, and every API it declares is used by a function.',
    ),
  ),
  table('collection', 'consumer'),
  table('collection', 'merchant'),
  promising(
    ['new-purpose-asks-again'],
    para(
      '我们不会收集与所提供服务无关的个人信息。如需将信息用于本政策未载明的目的，我们会事先告知并重新征得你的同意。',
      'We do not collect personal information unrelated to the service. Before using information for a purpose this policy does not state, we will tell you and ask for your consent again.',
    ),
  ),
])

const sensitive = section('sensitive', '敏感个人信息', 'Sensitive personal information', [
  para(
    '以下属于敏感个人信息，一旦泄露或被非法使用，可能使你的人格尊严受到侵害或人身、财产安全受到危害：身份证号码、身份证正反面照片（含人像）和精确位置。',
    'The following is sensitive personal information, which if leaked or misused could harm your dignity or your personal or financial safety: your ID card number, photos of both sides of your ID card (including your portrait), and your precise location.',
    true,
  ),
  promising(
    ['cert-separate-consent'],
    para(
      '商家认证需要法定代表人的身份证号码和身份证照片，用于依法核验经营者身份。提交前我们会单独说明必要性和对你的影响，并请你单独同意；不同意不影响你作为消费者使用商城。',
      "Merchant certification needs the legal representative’s ID number and ID card photos to verify the seller’s identity as the law requires. Before you submit them we explain why they are needed and how this affects you, and ask for a separate consent; refusing does not affect your use of the mall as a shopper.",
    ),
  ),
  promising(
    ['cert-fields-encrypted-masked', 'cert-photos-private-short-links', 'cert-id-photos-watermarked', 'staff-see-masked-reveal-with-reason', 'cert-rejected-deleted-after-30-days', 'cert-withdrawal-deletes-at-once'],
    list([
      [
        '身份证号码、法定代表人手机号码和姓名、统一社会信用代码以 AES-256-GCM 加密保存，在任何界面（包括我们的运营后台）都脱敏显示，例如 110***********1234。',
        'The ID number, the legal representative’s mobile number and name, and the unified social credit code are stored encrypted with AES-256-GCM and shown masked on every screen, our operations console included, e.g. 110***********1234.',
      ],
      [
        '证件照片存放在私有存储中，只能通过 5 分钟内有效的链接查看；身份证照片在你的手机上加盖水印后才上传。',
        'The photos are kept in private storage and can be viewed only through links valid for 5 minutes; ID card photos are watermarked on your phone before they are uploaded.',
      ],
      [
        '审核人员只能看到脱敏后的信息；确需查看完整内容时必须填写理由，每次查看都会被记录。',
        'Reviewers see masked data only; seeing a full value requires a stated reason, and every such view is recorded.',
      ],
      [
        '审核未通过的认证资料在 30 天后删除，期间你可以更正后重新提交；你撤回认证时，资料立即删除。',
        'Rejected certification records are deleted after 30 days, during which you can correct and resubmit them; when you withdraw your certification, the records are deleted at once.',
      ],
    ]),
  ),
  promising(
    ['location-used-for-query-only'],
    para(
      '精确位置只在你使用“附近门店”并允许定位时获取，仅用于本次查询，不会保存在我们的服务器上。',
      'Precise location is obtained only when you use Nearby stores and allow location; it is used for that search only and is not stored on our servers.',
    ),
  ),
])

const permissions = section('permissions', '设备权限与账号标识', 'Device permissions and your account identifier', [
  promising(
    ['permission-asked-at-use', 'no-reprompt-after-refusal'],
    para(
      '我们只在你使用某项功能时才请求对应的权限，并在系统弹窗之前说明用途。所有设备权限默认关闭；你拒绝后我们不会反复询问，只有当你再次使用该功能时，才会说明如何在设置中开启。',
      'We ask for a permission only when you use the function that needs it, and explain why before the system dialog appears. All device permissions are off by default. If you refuse we will not ask again; only when you use the function again do we show how to turn it on in settings.',
    ),
  ),
  table('permissions'),
  promising(
    ['account-row-minimal'],
    para(
      '账号标识：登录时，微信会向我们提供你在本小程序中的 OpenID，用于识别你的账号。这一步不会弹出授权窗口，我们也不会要求你提供手机号等其他信息来确认身份。你的账号记录只保存 OpenID、本小程序的 AppID 和你首次使用的时间，我们不统计访问次数，也不记录最近访问时间。',
      'Account identifier: when you sign in, WeChat gives us your OpenID for this mini-program so we can recognise your account. No prompt appears, and we never ask for your mobile number or other details to confirm who you are. Your account record keeps only the OpenID, the mini-program’s AppID and when you first used it; we do not count your visits or record when you last came.',
    ),
  ),
  promising(
    ['withdraw-one-tap', 'settings-off-recorded-as-withdrawal'],
    para(
      '你可以在「我的 → 隐私中心 → 权限与同意」查看每项权限的状态与历史，并一键撤回。如果你在微信的设置中关闭了某项权限，我们会在你下次打开小程序或使用相关功能时发现，并同样记为撤回。微信记录的“已同意隐私政策”状态只能通过在微信中删除本小程序来清除，因此我们另外保存逐项的同意记录，在那里撤回即对我们生效。',
      "Under Me → Privacy centre → Permissions & consent you can see each permission’s state and history and withdraw it with one tap. If you turn a permission off in WeChat’s settings, we notice it the next time you open the mini-program or use the function, and record it as a withdrawal too. WeChat’s own record that you agreed to the policy can only be cleared by deleting the mini-program in WeChat, so we keep our own per-purpose consent record, and a withdrawal there takes effect with us.",
    ),
  ),
])

const deviceStorage = section('device-storage', '保存在你设备上的信息', 'What we keep on your device', [
  promising(
    ['local-storage-only-listed'],
    para(
      '小程序只在你手机上的微信本地存储中保存三项内容：你选择「暂不同意」时的政策版本号（以免再次打扰你）、你已关闭的政策更新提示对应的版本号，以及你已关闭的公告的编号。它们只是版本号和编号，不含你的个人信息，也不会上传给我们；在微信中删除本小程序即可清除。',
      'The mini-program keeps just three things in WeChat’s local storage on your phone: the version number of the policy you chose "Not now" for (so we do not ask again), the version number of the policy-update notice you dismissed, and the numbers of the announcements you closed. They are version and announcement numbers only, contain no personal information and are never sent to us; deleting the mini-program in WeChat clears them.',
    ),
  ),
])

const sdks = section('sdks', '第三方 SDK 与受托处理方', 'Third-party SDKs and processors', [
  promising(
    ['no-sdk-without-update'],
    para(
      '我们目前没有在小程序中接入任何第三方 SDK。如将来接入，我们会在接入前更新本政策，列明 SDK 的名称、提供方、目的和收集的信息，并在需要时重新征得你的同意。',
      'We embed no third-party SDK in the mini-program at present. If we add one, we will first update this policy with its name, provider, purpose and the information it collects, and ask for your consent again where required.',
    ),
  ),
  table('sdks'),
  promising(
    ['processors-bound-by-agreement'],
    para(
      '受托处理方代表我们处理数据，不得将其用于自身目的。我们与其约定处理的目的、期限、方式和安全措施，并监督其履行。',
      'Processors handle data on our behalf and may not use it for their own purposes. We agree with them the purpose, duration, method and security measures, and supervise them.',
    ),
  ),
  table('processors'),
])

const storage = section('storage', '存储地点与保存期限', 'Where and how long we keep it', [
  promising(
    ['data-stays-in-mainland'],
    para(
      '你的个人信息存储在中国境内（腾讯云上海地域），我们不会向境外提供。',
      'Your personal information is stored in mainland China (Tencent Cloud, Shanghai region). We do not transfer it outside mainland China.',
    ),
  ),
  table('retention'),
  promising(
    ['withdrawal-deletes', 'cancellation-deletes-or-anonymises'],
    para(
      '保存期限届满，或你撤回同意、注销账号后，我们会删除或匿名化相应信息；法律法规要求保存的，我们只作存储，不再用于业务。',
      'When a retention period ends, or you withdraw consent or cancel your account, we delete or anonymise the information. Where a law requires us to keep something, we only store it and no longer use it for business.',
    ),
  ),
])

const sharing = section('sharing', '共享、转让与公开披露', 'Sharing, transfer and disclosure', [
  promising(
    ['no-sale'],
    para(
      '我们不会出售你的个人信息。下表列出接收你个人信息的全部第三方：它们的名称、联系方式、目的、方式、接收的信息种类和处理依据。我们只在下列情形下向他人提供：',
      'We do not sell your personal information. The table below lists everyone who receives it: their name, contact details, purpose, method, the kinds of information and the legal basis. We provide it to others only in these cases:',
    ),
  ),
  promising(['sharing-list-matches-policy'], table('sharing')),
  list([
    [
      '为完成订单：向为你履约的入驻商家提供该订单的商品与收货信息，商家只能将其用于发货与售后。',
      "To fulfil an order: the merchant that fulfils it receives that order’s items and delivery details, and may use them only for delivery and after-sales.",
    ],
    [
      '经你单独同意的其他共享：我们会事先告知接收方的名称、联系方式、目的、方式和信息种类。',
      "Other sharing to which you separately consent: we first tell you the recipient’s name, contact details, purpose, method and the kinds of information.",
    ],
    ['法律法规规定，或司法、行政机关依法要求的情形。', 'Where laws require it, or a judicial or administrative authority lawfully demands it.'],
  ]),
  para(
    '因合并、分立、解散或被宣告破产等原因需要转移个人信息的，我们会告知接收方的名称和联系方式，并要求其继续履行本政策；接收方变更原处理目的或方式的，将重新征得你的同意。除非取得你的单独同意或法律另有规定，我们不会公开披露你的个人信息。',
    "If personal information must be transferred because of a merger, division, dissolution or bankruptcy, we will tell you the recipient’s name and contact details and require it to honour this policy; if it changes the purpose or method, it must ask for your consent again. We do not publicly disclose your personal information unless you separately consent or the law requires it.",
  ),
])

const security = section('security', '我们如何保护你的信息', 'How we protect it', [
  promising(
    ['cert-fields-encrypted-masked', 'identity-from-platform', 'staff-see-masked-reveal-with-reason', 'consent-records-hash-chained'],
    list([
      [
        '数据传输全程加密；身份证号码等敏感信息在存储时另行加密，密钥与数据分开保管。',
        'Data is encrypted in transit; sensitive fields such as the ID number are encrypted again at rest, with keys kept apart from the data.',
      ],
      [
        '身份由微信平台提供的 OpenID 确定，任何人都无法通过篡改请求读取或更改他人的信息。',
        'Identity comes from the OpenID WeChat provides, so nobody can read or change another person’s data by tampering with a request.',
      ],
      [
        '运营人员默认只能看到脱敏信息；查看完整信息必须说明理由，并留下审计记录。',
        'Operations staff see masked data by default; seeing a full value requires a stated reason and is audited.',
      ],
      [
        '同意记录以哈希链方式保存，任何篡改都会被发现；你可以在隐私中心校验自己的记录。',
        'Consent records are kept in a hash chain, so any tampering shows; you can verify your own records in the privacy centre.',
      ],
    ]),
  ),
  promising(
    ['incident-notice-in-app', 'incident-reported-to-authorities'],
    para(
      '如发生个人信息安全事件，我们会立即采取补救措施，并依法通过小程序内的公告告知你事件情况、可能的影响、我们已采取的措施和你可以采取的防范措施（公告会一直显示在小程序中，直到你关闭它），同时向主管部门报告。',
      'If a personal-information security incident occurs, we will act at once to contain it and, as the law requires, tell you through an announcement in the mini-program what happened, its possible impact, what we have done and what you can do (the announcement stays on screen until you close it), and report it to the authorities.',
    ),
  ),
])

const rights = section('rights', '你的权利', 'Your rights', [
  promising(
    ['no-extra-identity-check'],
    para(
      '你可以在小程序内直接行使以下权利，除微信身份外无需提供任何信息：',
      'You can exercise these rights directly in the mini-program, without giving any information beyond your WeChat identity:',
    ),
  ),
  promising(
    ['right-to-view', 'right-to-correct', 'right-to-copy', 'withdraw-one-tap', 'right-to-delete', 'cancellation-cooling-off', 'cancellation-within-15-working-days'],
    list([
      [
        '查阅：在「我的 → 隐私中心 → 我的信息」查看我们保存的你的全部个人信息和同意记录。',
        'View: Me → Privacy centre → My data shows all the personal information and consent records we hold about you.',
      ],
      [
        '更正与补充：在同一页面修改资料；你无法自行修改的，可以提交更正请求；商家认证信息更正后会重新审核。',
        'Correct and complete: edit your details on the same page, or send a correction request for what you cannot change yourself; corrected certification details are reviewed again.',
      ],
      [
        '复制：在「复制我的信息」生成 JSON 和可读版本，并可复制到剪贴板；副本保存 7 天。',
        'Copy: "Copy my data" produces a JSON file and a readable version you can copy to the clipboard; the copy is kept for 7 days.',
      ],
      ['撤回同意：在「权限与同意」中一键关闭，撤回与同意一样方便。', 'Withdraw consent: one tap under Permissions & consent; withdrawing is as easy as agreeing.'],
      [
        '删除：处理目的已实现、无法实现或不再必要，我们停止提供服务或保存期限已届满，你撤回同意，或我们违反法律、行政法规或约定处理你的信息时，你可以要求我们删除。联系人等信息可以在「我的信息」中直接删除；其他信息可以在同一页面提交删除请求，或通过「联系我们」提出。',
        'Delete: you can ask us to delete your information when its purpose has been achieved, cannot be achieved or no longer needs it, when we stop the service or the retention period has ended, when you withdraw consent, or when we process it against the law or our agreement. Contacts and similar details can be deleted directly under My data; for anything else, send a deletion request on the same page or through Contact us.',
      ],
      [
        '注销账号：在「注销账号」提交申请。注销设有 7 天冷静期，期间你可以随时撤销；冷静期结束后由我们审核，并在你提交申请之日起 15 个工作日内完成。我们不会设置不合理的条件。',
        'Cancel your account: apply under "Cancel account". There is a 7-day cooling-off period during which you can undo it at any time; after it we review the application and complete the cancellation within 15 working days from the day you applied. We set no unreasonable conditions.',
      ],
    ]),
  ),
  promising(
    ['requests-answered-in-15-working-days', 'refusal-of-request-gives-reasons'],
    para(
      '你的查阅、更正、复制、删除、注销请求以及问题和投诉，我们自收到之日起 15 个工作日内答复或办结，页面会显示办理状态和截止日期。如我们拒绝你的请求，会说明理由以及你可以投诉或起诉的途径。',
      'We answer or complete your requests to view, correct, copy, delete or cancel, and your questions and complaints, within 15 working days from the day we receive them; the page shows the status and the due date. If we refuse a request, we give our reasons and tell you how to complain or take legal action.',
      true,
    ),
  ),
])

const minors = section('minors', '未成年人', 'Minors', [
  para(
    '示例商城不面向不满 14 周岁的儿童，我们不会有意收集他们的个人信息。',
    'Example Mall is not directed at children under 14, and we do not knowingly collect their personal information.',
    true,
  ),
  promising(
    ['child-data-deleted'],
    para(
      '如果我们发现收集了不满 14 周岁儿童的个人信息，会将其删除。任何人，包括儿童的父母或其他监护人，都可以通过「我的 → 联系我们」或个人信息保护负责人的邮箱告诉我们。',
      'If we find that we have collected personal information of a child under 14, we delete it. Anyone, a parent or other guardian included, can tell us under Me → Contact us or by writing to our personal information protection officer.',
    ),
  ),
])

const changes = section('changes', '本政策的更新', 'Changes to this policy', [
  para('本政策更新时，我们会在小程序内通知你，并标明版本号和生效日期。', 'When this policy changes, we tell you in the mini-program and show the version number and effective date.'),
  promising(
    ['major-change-reconsent', 'minor-change-notice'],
    list([
      [
        '重大变更（如新增目的、新增收集的信息类别或第三方 SDK）：我们只展示变化的内容，请你重新选择是否同意，原有同意记录会保留；在你同意前，新增的处理不会开始。',
        'Major changes (a new purpose, a new kind of information or a new third-party SDK): we show only what changed and ask you to choose again, keeping your earlier consent record; new processing does not start until you agree.',
      ],
      [
        '一般变更（如措辞调整、联系方式更新）：我们会展示更新提示，不会打断你的使用。',
        'Minor changes (wording, updated contact details): we show a notice and do not interrupt you.',
      ],
    ]),
  ),
  promising(
    ['earlier-versions-available'],
    para(
      '你可以在政策页面查看历史版本。小程序更新不会重置你已作出的同意或权限选择。',
      'Earlier versions are available on the policy page. Updating the mini-program never resets the consent or permission choices you have made.',
    ),
  ),
])

const contact = section('contact', '联系我们', 'Contact us', [
  promising(
    ['contact-page'],
    para(
      '如对本政策或个人信息处理有任何疑问、意见或投诉，可以在「我的 → 联系我们」中留言，也可以写信或发邮件给我们或我们的个人信息保护负责人：',
      'For any question, comment or complaint about this policy or how we handle personal information, leave a message under Me → Contact us, or write to us or to our personal information protection officer:',
    ),
  ),
  table('contact'),
  promising(
    ['requests-answered-in-15-working-days', 'complaint-answered-in-app'],
    para(
      '我们自收到你的问题或投诉之日起 15 个工作日内答复。在小程序中留言时，你的微信身份即可确认是你本人，无需另行证明，答复也会显示在小程序中。如你对答复不满意，或认为我们的处理损害了你的合法权益，可以向网信、市场监管等主管部门投诉，或向我们住所地有管辖权的人民法院提起诉讼。',
      'We reply within 15 working days from the day we receive your question or complaint. When you write in the mini-program, your WeChat identity is enough to show it is you, with no further proof, and our reply is shown there too. If you are not satisfied with our reply, or believe our handling harms your lawful rights, you can complain to the cyberspace or market-regulation authorities, or sue in the people’s court with jurisdiction where we are domiciled.',
      true,
    ),
  ),
])

const profile = section('profile', '昵称与头像', 'Nickname and avatar', [
  para(
    '自 2026.3 版起，你可以在个人中心（「我的」页）设置昵称（1 至 20 个字）和头像。头像是你从手机相册中选择的一张照片，在你的设备上压缩成不超过 64 KB 的小图后再上传。',
    'From version 2026.3 you can set a nickname (1 to 20 characters) and an avatar in the personal centre (the Me tab). The avatar is a photo you choose from your phone’s album; your device shrinks it to a small image of at most 64 KB before uploading it.',
  ),
  promising(
    ['profile-shown-only-to-you'],
    para(
      '昵称和头像都是可选的：不设置不影响登录、下单或其他任何功能。设置后，它们只在个人中心向你本人显示（昵称部分隐藏，头像显示为缩略图），不会展示给其他用户或商家。',
      'Both are optional: if you leave them empty, signing in, ordering and everything else work just the same. Once set, they are shown only to you, in the personal centre (the nickname partly masked, the avatar as a thumbnail), and never to other users or to merchants.',
      true,
    ),
  ),
  promising(
    ['avatar-replaced-deletes-old'],
    para(
      '昵称与你的账号信息一起保存在我们的数据库中；头像保存在我们位于中国境内的云存储（腾讯云上海地域）中只属于你的私有路径下，只有你本人可以查看。我们不会对头像做人脸识别或其他分析。你更换头像时，旧的图片会立即删除。',
      'The nickname is kept in our database with your account details; the avatar is kept in our cloud storage in mainland China (Tencent Cloud, Shanghai region), under a private path of your own, and only you can see it. We do not run face recognition or any other analysis on it. When you replace your avatar, the old picture is deleted at once.',
    ),
  ),
  promising(
    ['profile-in-export', 'cancellation-deletes-or-anonymises'],
    para(
      '你的昵称和头像会包含在「复制我的信息」生成的副本中。注销账号后，它们与你的其他账号信息一同删除，期限见「存储地点与保存期限」。',
      'Your nickname and avatar are included in the copy that "Copy my data" produces. When you cancel your account they are deleted together with the rest of your account data, within the period given under "Where and how long we keep it".',
    ),
  ),
])

/** Sections of 2026.2 whose text is unchanged in 2026.3; they gain only the ids of what they promise. */
function withPromises(s: PolicySection, ids: Record<number, readonly [string, ...string[]]>): PolicySection {
  return { ...s, blocks: s.blocks.map((b, i): PolicyBlock => (ids[i] ? promising(ids[i], b) : b)) }
}

const REVISED: Record<string, PolicySection> = { about, collection, sensitive, permissions, sdks, storage, sharing, security, rights, minors, changes, contact }

function revise(sections: readonly PolicySection[]): PolicySection[] {
  return sections.flatMap((s) => {
    if (s.id === 'functions') return [withPromises(s, { 1: ['extended-refusable'] })]
    if (s.id === 'recommendations') return [withPromises(s, { 1: ['recommendations-off-deletes-tags'] }), profile]
    if (s.id === 'permissions') return [permissions, deviceStorage]
    return [REVISED[s.id] ?? s]
  })
}

/**
 * 示例商城隐私政策 2026.3 — a major version, not yet in force (effective 2026-12-15): account identity now
 * also covers the optional profile (nickname and avatar, a new data category) picked with `chooseMedia`;
 * and the audit of issue 12 is fixed in the text: refusals purged after 30 days, a position used for the
 * query only, deletion as a right, cancellation timing, minors, every recipient (PIPL Art. 23), the
 * officer's contact (Art. 52), local storage, the governing language, legal bases in the tables and a
 * hash that covers the rendered tables. Users who agreed to an earlier version are asked again, seeing
 * only these changes.
 */
export const POLICY_2026_3: PolicyContent = {
  ...POLICY_2026_2,
  version: '2026.3',
  effectiveDate: '2026-12-15',
  summary: SUMMARY_2026_3,
  sections: revise(POLICY_2026_2.sections),
  manifest: MANIFEST_2026_3,
  hashScheme: 2,
}
