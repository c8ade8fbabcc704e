import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { addDismissal, dismissalKey, type LiveAnnouncement } from '@/domain/announcements/announcement'
import { type Lang, localize } from '@/domain/policy/localized'
import { readLocal, writeLocal } from '@/platform'
import { stores } from '@/services/cloud'
import { Btn } from '../button'
import { Sheet } from '../sheet'
import './index.scss'

/** Dismissals stay on this device (id@version): nothing about the reader is sent or stored elsewhere. */
const KEY = 'announcements.dismissed'
const T = {
  incident: { 'zh-CN': '安全事件通知', en: 'Security incident' },
  notice: { 'zh-CN': '公告', en: 'Notice' },
  view: { 'zh-CN': '查看', en: 'View' },
  dismiss: { 'zh-CN': '不再显示', en: 'Dismiss' },
}

const dismissed = (): string[] => {
  try {
    return JSON.parse(readLocal(KEY) ?? '[]') as string[]
  } catch {
    return []
  }
}
// Both tab pages stay mounted: a dismissal on one hides the banner on the other too.
const mounted = new Set<() => void>()

/** Ops' live announcements as banners, each until dismissed; "查看" opens the full text in a sheet. */
export function AnnouncementBanner({ lang }: { lang: Lang }) {
  const [list, setList] = useState<LiveAnnouncement[]>([])
  const [open, setOpen] = useState<LiveAnnouncement>()
  const [, redraw] = useState(0)
  useEffect(() => {
    const r = () => redraw((n) => n + 1)
    mounted.add(r)
    void stores.announcements().then((x) => x.ok && setList(x.data.announcements))
    return () => void mounted.delete(r)
  }, [])
  const gone = dismissed()
  const dismiss = (a: LiveAnnouncement) => {
    writeLocal(KEY, JSON.stringify(addDismissal(dismissed(), dismissalKey(a))))
    mounted.forEach((r) => r())
  }
  return (
    <View>
      {list
        .filter((a) => !gone.includes(dismissalKey(a)))
        .map((a) => {
          const id = `announcement-${a.announcementId}`
          const title = localize(a.title, lang)
          return (
            <View key={id} id={id} className={`ann ann--${a.kind}`}>
              <Text className='ann__kind'>{localize(T[a.kind], lang)}</Text>
              <Text className='ann__title'>{title}</Text>
              <View className='ann__actions'>
                <Btn id={`${id}-view`} kind='link' label={`${localize(T.view, lang)}: ${title}`} onTap={() => setOpen(a)}>
                  {localize(T.view, lang)}
                </Btn>
                <Btn id={`${id}-dismiss`} kind='link' label={`${localize(T.dismiss, lang)}: ${title}`} onTap={() => dismiss(a)}>
                  {localize(T.dismiss, lang)}
                </Btn>
              </View>
            </View>
          )
        })}
      {open && (
        <Sheet id='announcement-sheet' lang={lang} title={localize(open.title, lang)} onClose={() => setOpen(undefined)}>
          <Text className='ann__body'>{localize(open.body, lang)}</Text>
        </Sheet>
      )}
    </View>
  )
}
