import { Image, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Btn } from '@/components/button'
import { Sheet } from '@/components/sheet'
import type { RecordView } from '@/contracts/personal'
import type { ErrorCode } from '@/domain/common/errors'
import { AVATAR_EDGE_PX, AVATAR_MAX_BYTES } from '@/domain/personal/avatar'
import { NICKNAME_MAX, validateNickname } from '@/domain/personal/personal-schemas'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'
import { formatShanghai } from '@/domain/common/local-time'
import { newRequestId } from '@/flows/privacy-session'
import { avatarJpeg, chooseMedia, PlatformError } from '@/platform'
import { personal } from '@/services/personal'
import type { ActionFailure } from '@/components/action-alert'

const T = {
  nickname: { 'zh-CN': '昵称', en: 'Nickname' },
  avatar: { 'zh-CN': '头像', en: 'Avatar' },
  notSet: { 'zh-CN': '未设置', en: 'Not set' },
  show: { 'zh-CN': '显示', en: 'Show' },
  hide: { 'zh-CN': '隐藏', en: 'Hide' },
  setNickname: { 'zh-CN': '修改昵称', en: 'Edit nickname' },
  pickAvatar: { 'zh-CN': '从相册选择头像', en: 'Choose an avatar from the album' },
  removeAvatar: { 'zh-CN': '移除头像', en: 'Remove avatar' },
  save: { 'zh-CN': '保存', en: 'Save' },
  nicknamePh: { 'zh-CN': `1–${NICKNAME_MAX} 个字`, en: `1–${NICKNAME_MAX} characters` },
  optional: { 'zh-CN': '昵称和头像都是可选的，只在个人中心显示给你自己。', en: 'The nickname and avatar are optional and only shown to you in the personal centre.' },
  uploading: { 'zh-CN': '正在上传头像…', en: 'Uploading the avatar…' },
} satisfies Record<string, LocalizedText>

export interface ProfileSectionProps {
  lang: Lang
  /** The inventory's `profile` records (masked nickname, avatar thumbnail); empty when nothing is set. */
  records: RecordView[]
  /** A coded failure in words, shared with the rest of the page. */
  failureText: (code: ErrorCode) => string
  /** After a change: reload the inventory. */
  onChanged: () => Promise<unknown>
  onNotice: (failure: ActionFailure | undefined) => void
}

/** The nickname and avatar inside the 昵称与头像 card: masked nickname with Show, thumbnail, edit and remove. */
export function ProfileSection({ lang, records, failureText, onChanged, onNotice }: ProfileSectionProps) {
  const [revealed, setRevealed] = useState<string>()
  const [busy, setBusy] = useState<string>()
  const [editing, setEditing] = useState<{ value: string; error?: string; busy: boolean }>()
  const nickname = records.find((r) => r.id === 'nickname')
  const avatar = records.find((r) => r.id === 'avatar')

  const run = async (key: string, call: () => Promise<{ ok: true } | { ok: false; code: ErrorCode }>) => {
    setBusy(key)
    onNotice(undefined)
    const r = await call()
    if (r.ok) {
      setRevealed(undefined)
      await onChanged()
    } else onNotice({ message: failureText(r.code), retry: () => void run(key, call) })
    setBusy(undefined)
  }
  const toggleNickname = async () => {
    if (revealed !== undefined) return setRevealed(undefined)
    setBusy('reveal')
    const r = await personal.profile()
    setBusy(undefined)
    if (r.ok) setRevealed(r.data.nickname)
    else onNotice({ message: failureText(r.code), retry: () => void toggleNickname() })
  }
  const openEditor = async () => {
    const r = await personal.profile()
    if (!r.ok) return onNotice({ message: failureText(r.code), retry: () => void openEditor() })
    setEditing({ value: r.data.nickname ?? '', busy: false })
  }
  const saveNickname = async () => {
    if (!editing) return
    const checked = validateNickname(editing.value)
    if (!checked.ok) return setEditing({ ...editing, error: localize(checked.fieldErrors.nickname.message, lang) })
    setEditing({ ...editing, busy: true, error: undefined })
    const r = await personal.setNickname(newRequestId(), checked.value)
    if (!r.ok) return setEditing({ ...editing, busy: false, error: r.code === 'PERSONAL.NICKNAME_INVALID' ? r.message : failureText(r.code) })
    setEditing(undefined)
    setRevealed(undefined)
    await onChanged()
  }
  const pickAvatar = () =>
    run('avatar', async () => {
      let image: string
      try {
        const [file] = await chooseMedia({ count: 1, sourceType: ['album'] })
        if (!file) return { ok: true }
        image = await avatarJpeg(file, { edge: AVATAR_EDGE_PX, maxBytes: AVATAR_MAX_BYTES })
      } catch (err) {
        // Closing the album is a choice, not a failure.
        if (err instanceof PlatformError && err.code === 'PLATFORM.USER_CANCELLED') return { ok: true }
        return { ok: false, code: 'COMMON.INTERNAL' }
      }
      return personal.setAvatar(newRequestId(), image)
    })

  return (
    <View id='profile-section'>
      <View className='info-card__line'>{localize(T.optional, lang)}</View>
      <View className='record' id='record-nickname'>
        <View className='record__field'>
          <Text className='record__label'>{localize(T.nickname, lang)}</Text>
          <Text className='record__value' id='value-nickname'>
            {revealed ?? nickname?.fields[0]?.value ?? localize(T.notSet, lang)}
          </Text>
        </View>
        {nickname && (
          <View className='record__meta'>
            <Text />
            <Text>{formatShanghai(nickname.collectedAt)}</Text>
          </View>
        )}
        <View className='record__actions'>
          {nickname && (
            <Btn id='reveal-nickname' kind='link' busy={busy === 'reveal'} onTap={() => void toggleNickname()}>
              {localize(revealed !== undefined ? T.hide : T.show, lang)}
            </Btn>
          )}
          <Btn id='edit-nickname' kind='link' onTap={() => void openEditor()}>
            {localize(T.setNickname, lang)}
          </Btn>
        </View>
      </View>
      <View className='record' id='record-avatar'>
        <View className='record__field'>
          <Text className='record__label'>{localize(T.avatar, lang)}</Text>
          {avatar?.thumbnailUrl ? (
            <Image id='avatar-thumbnail' className='avatar-thumb' src={avatar.thumbnailUrl} mode='aspectFill' ariaLabel={localize(T.avatar, lang)} />
          ) : (
            <Text className='record__value'>{localize(T.notSet, lang)}</Text>
          )}
        </View>
        {avatar && (
          <View className='record__meta'>
            <Text>{avatar.fields[0]?.value}</Text>
            <Text>{formatShanghai(avatar.collectedAt)}</Text>
          </View>
        )}
        {busy === 'avatar' && <View className='info-card__line'>{localize(T.uploading, lang)}</View>}
        <View className='record__actions'>
          <Btn id='pick-avatar' kind='link' busy={busy === 'avatar'} onTap={() => void pickAvatar()}>
            {localize(T.pickAvatar, lang)}
          </Btn>
          {avatar && (
            <Btn id='remove-avatar' kind='link' className='record__danger' busy={busy === 'remove-avatar'} onTap={() => void run('remove-avatar', () => personal.removeAvatar(newRequestId()))}>
              {localize(T.removeAvatar, lang)}
            </Btn>
          )}
        </View>
      </View>
      {editing && (
        <Sheet
          id='nickname-form'
          lang={lang}
          title={localize(T.setNickname, lang)}
          onClose={() => setEditing(undefined)}
          footer={
            <Btn id='nickname-save' kind='primary' block busy={editing.busy} onTap={() => void saveNickname()}>
              {localize(T.save, lang)}
            </Btn>
          }
        >
          <View className='form__field'>
            <Text className='form__label'>{localize(T.nickname, lang)}</Text>
            <Input id='nickname-input' className='form__input' value={editing.value} maxlength={NICKNAME_MAX * 2} placeholder={localize(T.nicknamePh, lang)} onInput={(e) => setEditing({ ...editing, value: e.detail.value, error: undefined })} />
            {editing.error && (
              <View className='form__error' id='nickname-error' {...{ role: 'alert' }}>
                {editing.error}
              </View>
            )}
          </View>
        </Sheet>
      )}
    </View>
  )
}
