import type { PolicyContent, PolicySection } from '../../domain/policy/policy-schema'
import { MANIFEST_2026_3 } from '../privacy-manifest'
import { para, section } from './blocks'
import { POLICY_2026_2 } from './policy-2026-2'
import { SUMMARY_2026_3 } from './summaries'

const profile = section('profile', '昵称与头像', 'Nickname and avatar', [
  para(
    '自 2026.3 版起，你可以在个人中心（「我的」页）设置昵称（1 至 20 个字）和头像。头像是你从手机相册中选择的一张照片，在你的设备上压缩成不超过 64 KB 的小图后再上传。',
    'From version 2026.3 you can set a nickname (1 to 20 characters) and an avatar in the personal centre (the Me tab). The avatar is a photo you choose from your phone’s album; your device shrinks it to a small image of at most 64 KB before uploading it.',
  ),
  para(
    '昵称和头像都是可选的：不设置不影响登录、下单或其他任何功能。设置后，它们只在个人中心向你本人显示（昵称部分隐藏，头像显示为缩略图），不会展示给其他用户或商家。',
    'Both are optional: if you leave them empty, signing in, ordering and everything else work just the same. Once set, they are shown only to you, in the personal centre (the nickname partly masked, the avatar as a thumbnail), and never to other users or to merchants.',
    true,
  ),
  para(
    '昵称与你的账号信息一起保存在我们的数据库中；头像保存在我们位于中国境内的云存储（腾讯云上海地域）中只属于你的私有路径下，只有你本人可以查看。我们不会对头像做人脸识别或其他分析。你更换头像时，旧的图片会立即删除。',
    'The nickname is kept in our database with your account details; the avatar is kept in our cloud storage in mainland China (Tencent Cloud, Shanghai region), under a private path of your own, and only you can see it. We do not run face recognition or any other analysis on it. When you replace your avatar, the old picture is deleted at once.',
  ),
  para(
    '你的昵称和头像会包含在「复制我的信息」生成的副本中。注销账号后，它们与你的其他账号信息一同删除，期限见「存储地点与保存期限」。',
    'Your nickname and avatar are included in the copy that "Copy my data" produces. When you cancel your account they are deleted together with the rest of your account data, within the period given under "Where and how long we keep it".',
  ),
])

function revise(sections: readonly PolicySection[]): PolicySection[] {
  return sections.flatMap((s) => (s.id === 'recommendations' ? [s, profile] : [s]))
}

/**
 * 示例商城隐私政策 2026.3 — a major version: account identity now also covers the optional profile
 * (nickname and avatar, a new data category) and the avatar is picked with `chooseMedia`, so users who
 * agreed to an earlier version are asked again, seeing only these changes.
 */
export const POLICY_2026_3: PolicyContent = {
  ...POLICY_2026_2,
  version: '2026.3',
  effectiveDate: '2026-12-15',
  summary: SUMMARY_2026_3,
  sections: revise(POLICY_2026_2.sections),
  manifest: MANIFEST_2026_3,
}
