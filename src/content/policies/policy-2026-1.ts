import type { PolicyContent } from '../../domain/policy/policy-schema'
import { MANIFEST_2026_1 } from '../privacy-manifest'
import { list, para, section, table } from './blocks'
import { SUMMARY_2026_1 } from './summaries'

/**
 * 示例商城隐私政策 2026.1 — published; never edit it (a published version is immutable and its hash is
 * pinned in tests). Changes go into a new version.
 */
export const POLICY_2026_1: PolicyContent = {
  version: '2026.1',
  effectiveDate: '2026-01-01',
  languages: ['zh-CN', 'en'],
  title: { 'zh-CN': '示例商城隐私政策', en: 'Example Mall Privacy Policy' },
  summary: SUMMARY_2026_1,
  sections: [
    section('about', '引言', 'About this policy', [
      para(
        '「示例商城」小程序由示例科技有限公司（以下称“我们”）运营。本政策说明你作为消费者或入驻商家使用示例商城时，我们如何收集、使用、保存、共享和保护你的个人信息，以及你如何行使自己的权利。我们只收集实现功能所必需的信息，需要同意的事项会逐项征得你的同意。',
        'The Example Mall mini-program is run by Example Tech Co., Ltd. ("we"). This policy explains how we collect, use, keep, share and protect your personal information when you use Example Mall as a shopper or as a merchant, and how you can exercise your rights. We collect only what a function needs, and where consent is required we ask for it item by item.',
      ),
      para(
        '请仔细阅读本政策，特别是加粗标出的敏感个人信息与你的权利。你可以不同意本政策：不同意时仍可浏览商品与门店、阅读本政策，我们不会因此退出小程序，也不会反复弹窗。',
        'Please read this policy carefully, especially the parts in bold about sensitive personal information and your rights. You may decline it: you can still browse products and stores and read this policy, and we will neither close the mini-program nor keep asking.',
        true,
      ),
    ]),
    section('collection', '我们收集哪些信息', 'What we collect', [
      para(
        '下表按身份列出每项功能收集的信息、使用的权限或接口，以及拒绝的影响。表格由我们的隐私清单生成，小程序实际调用的接口会与清单逐一核对。',
        'The tables below list, for each role, what each function collects, which permission or API it uses, and what happens if you refuse. They are generated from our privacy manifest, and the APIs the mini-program actually calls are checked against it.',
      ),
      table('collection', 'consumer'),
      table('collection', 'merchant'),
      para(
        '我们不会收集与所提供服务无关的个人信息。如需将信息用于本政策未载明的目的，我们会事先告知并重新征得你的同意。',
        'We do not collect personal information unrelated to the service. Before using information for a purpose this policy does not state, we will tell you and ask for your consent again.',
      ),
    ]),
    section('functions', '基本功能与扩展功能', 'Basic and extended functions', [
      para(
        '基本功能是示例商城提供服务所必需的功能：账号识别、下单与售后、商家认证（仅限商家）、处理你的请求、同意记录和服务安全。扩展功能是可选的：附近门店和保存海报。',
        'Basic functions are those the mall cannot work without: account identity, orders and after-sales, merchant certification (merchants only), handling your requests, consent records and service security. Extended functions are optional: nearby stores and saving posters.',
      ),
      para(
        '你可以拒绝或随时关闭任何扩展功能，基本功能不受影响；不同意本政策也不会妨碍你浏览商品和门店。',
        'You may refuse or turn off any extended function at any time without losing the basic functions; declining this policy does not stop you browsing products and stores.',
        true,
      ),
    ]),
    section('sensitive', '敏感个人信息', 'Sensitive personal information', [
      para(
        '以下属于敏感个人信息，一旦泄露或被非法使用，可能使你的人格尊严受到侵害或人身、财产安全受到危害：身份证号码、身份证正反面照片（含人像）和精确位置。',
        'The following is sensitive personal information, which if leaked or misused could harm your dignity or your personal or financial safety: your ID card number, photos of both sides of your ID card (including your portrait), and your precise location.',
        true,
      ),
      list([
        [
          '商家认证需要法定代表人的身份证号码和身份证照片，用于依法核验经营者身份。提交前我们会单独说明必要性和对你的影响，并请你单独同意；不同意不影响你作为消费者使用商城。',
          "Merchant certification needs the legal representative’s ID number and ID card photos to verify the seller’s identity as the law requires. Before you submit them we explain why they are needed and how this affects you, and ask for a separate consent; refusing does not affect your use of the mall as a shopper.",
        ],
        [
          '身份证号码加密保存，照片存放在私有存储中，只能通过短时有效的链接查看；所有界面（包括我们的运营后台）默认脱敏显示，例如 110***********1234。',
          'The ID number is stored encrypted and the photos in private storage, viewable only through short-lived links; every screen, our operations console included, shows them masked by default, e.g. 110***********1234.',
        ],
        [
          '精确位置只在你使用“附近门店”并允许定位时获取，仅用于本次查询。',
          'Precise location is obtained only when you use Nearby stores and allow location, and is used for that search only.',
        ],
      ]),
    ]),
    section('permissions', '设备权限与账号标识', 'Device permissions and your account identifier', [
      para(
        '我们只在你使用某项功能时才请求对应的权限，并在系统弹窗之前说明用途。所有设备权限默认关闭；你拒绝后我们不会反复询问，只有当你再次使用该功能时，才会说明如何在设置中开启。',
        'We ask for a permission only when you use the function that needs it, and explain why before the system dialog appears. All device permissions are off by default. If you refuse we will not ask again; only when you use the function again do we show how to turn it on in settings.',
      ),
      table('permissions'),
      para(
        '账号标识：登录时，微信会向我们提供你在本小程序中的 OpenID，用于识别你的账号。这一步不会弹出授权窗口，我们也不会要求你提供手机号等其他信息来确认身份。',
        'Account identifier: when you sign in, WeChat gives us your OpenID for this mini-program so we can recognise your account. No prompt appears, and we never ask for your mobile number or other details to confirm who you are.',
      ),
      para(
        '你可以在「我的 → 隐私中心 → 权限与同意」查看每项权限的状态与历史，并一键撤回。微信记录的“已同意隐私政策”状态只能通过在微信中删除本小程序来清除，因此我们另外保存逐项的同意记录，在那里撤回即对我们生效。',
        "Under Me → Privacy centre → Permissions & consent you can see each permission’s state and history and withdraw it with one tap. WeChat’s own record that you agreed to the policy can only be cleared by deleting the mini-program in WeChat, so we keep our own per-purpose consent record, and a withdrawal there takes effect with us.",
      ),
    ]),
    section('sdks', '第三方 SDK 与受托处理方', 'Third-party SDKs and processors', [
      para(
        '我们目前没有在小程序中接入任何第三方 SDK。如将来接入，我们会在接入前更新本政策，列明 SDK 的名称、提供方、目的和收集的信息，并在需要时重新征得你的同意。',
        'We embed no third-party SDK in the mini-program at present. If we add one, we will first update this policy with its name, provider, purpose and the information it collects, and ask for your consent again where required.',
      ),
      table('sdks'),
      para(
        '受托处理方代表我们处理数据，不得将其用于自身目的。我们与其约定处理的目的、期限、方式和安全措施，并监督其履行。',
        'Processors handle data on our behalf and may not use it for their own purposes. We agree with them the purpose, duration, method and security measures, and supervise them.',
      ),
      table('processors'),
    ]),
    section('storage', '存储地点与保存期限', 'Where and how long we keep it', [
      para(
        '你的个人信息存储在中国境内（腾讯云上海地域），我们不会向境外提供。',
        'Your personal information is stored in mainland China (Tencent Cloud, Shanghai region). We do not transfer it outside mainland China.',
      ),
      table('retention'),
      para(
        '保存期限届满，或你撤回同意、注销账号后，我们会删除或匿名化相应信息；法律法规要求保存的，我们只作存储，不再用于业务。',
        'When a retention period ends, or you withdraw consent or cancel your account, we delete or anonymise the information. Where a law requires us to keep something, we only store it and no longer use it for business.',
      ),
    ]),
    section('sharing', '共享、转让与公开披露', 'Sharing, transfer and disclosure', [
      para('我们不会出售你的个人信息。只有在下列情形下，我们才会向他人提供：', 'We do not sell your personal information. We provide it to others only in these cases:'),
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
    ]),
    section('security', '我们如何保护你的信息', 'How we protect it', [
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
      para(
        '如发生个人信息安全事件，我们会立即采取补救措施，并依法通过小程序消息或公告告知你事件情况、可能的影响、我们已采取的措施和你可以采取的防范措施，同时向主管部门报告。',
        'If a personal-information security incident occurs, we will act at once to contain it and, as the law requires, tell you by in-app message or notice what happened, its possible impact, what we have done and what you can do, and report it to the authorities.',
      ),
    ]),
    section('rights', '你的权利', 'Your rights', [
      para(
        '你可以在小程序内直接行使以下权利，除微信身份外无需提供任何信息：',
        'You can exercise these rights directly in the mini-program, without giving any information beyond your WeChat identity:',
      ),
      list([
        [
          '查阅：在「我的 → 隐私中心 → 我的信息」查看我们保存的你的全部个人信息和同意记录。',
          'View: Me → Privacy centre → My data shows all the personal information and consent records we hold about you.',
        ],
        [
          '更正与补充：在同一页面修改资料；商家认证信息更正后会重新审核。',
          'Correct and complete: edit your details on the same page; corrected certification details are reviewed again.',
        ],
        [
          '复制：在「复制我的信息」生成 JSON 和可读版本，并可复制到剪贴板；副本保存 7 天。',
          'Copy: "Copy my data" produces a JSON file and a readable version you can copy to the clipboard; the copy is kept for 7 days.',
        ],
        ['撤回同意：在「权限与同意」中一键关闭，撤回与同意一样方便。', 'Withdraw consent: one tap under Permissions & consent; withdrawing is as easy as agreeing.'],
        [
          '注销账号：在「注销账号」提交申请。注销设有冷静期，期间你可以随时撤销；我们不会设置不合理的条件。',
          'Cancel your account: apply under "Cancel account". There is a cooling-off period during which you can undo it, and we set no unreasonable conditions.',
        ],
      ]),
      para(
        '需要人工处理的请求，我们会在 15 个工作日内完成并告知结果，页面会显示办理状态和截止日期。如我们拒绝你的请求，会说明理由以及你可以投诉或起诉的途径。',
        'Requests that need manual handling are completed within 15 working days and you are told the outcome; the page shows the status and the due date. If we refuse a request, we give our reasons and tell you how to complain or take legal action.',
        true,
      ),
    ]),
    section('minors', '未成年人', 'Minors', [
      para(
        '示例商城面向成年人。如你未满 14 周岁，请在父母或其他监护人的陪同下阅读本政策，并在取得其同意后使用；未取得监护人同意，我们不会处理不满 14 周岁未成年人的个人信息。',
        'Example Mall is meant for adults. If you are under 14, please read this policy with a parent or guardian and use the mall only with their consent; we do not process personal information of children under 14 without a guardian’s consent.',
        true,
      ),
      para(
        '如果我们发现在未取得监护人同意的情况下收集了不满 14 周岁未成年人的信息，会尽快删除。监护人可以通过「联系我们」中的方式要求查阅、更正或删除。',
        'If we learn that we collected information from a child under 14 without a guardian’s consent, we delete it promptly. Guardians can use the details under "Contact us" to ask to view, correct or delete it.',
      ),
    ]),
    section('changes', '本政策的更新', 'Changes to this policy', [
      para('本政策更新时，我们会在小程序内通知你，并标明版本号和生效日期。', 'When this policy changes, we tell you in the mini-program and show the version number and effective date.'),
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
      para(
        '你可以在政策页面查看历史版本。小程序更新不会重置你已作出的同意或权限选择。',
        'Earlier versions are available on the policy page. Updating the mini-program never resets the consent or permission choices you have made.',
      ),
    ]),
    section('contact', '联系我们', 'Contact us', [
      para(
        '如对本政策或个人信息处理有任何疑问、意见或投诉，请联系我们的个人信息保护负责人，也可以在「我的 → 隐私中心 → 联系我们」中留言：',
        'For any question, comment or complaint about this policy or how we handle personal information, contact our personal information protection officer, or leave a message under Me → Privacy centre → Contact us:',
      ),
      table('contact'),
      para(
        '我们会在核实你的身份后 15 个工作日内答复。如你对答复不满意，或认为我们的处理损害了你的合法权益，可以向网信、市场监管等主管部门投诉，或向我们住所地有管辖权的人民法院提起诉讼。',
        'We reply within 15 working days after confirming your identity. If you are not satisfied with our reply, or believe our handling harms your lawful rights, you can complain to the cyberspace or market-regulation authorities, or sue in the people’s court with jurisdiction where we are domiciled.',
        true,
      ),
    ]),
  ],
  manifest: MANIFEST_2026_1,
}
