import { Button } from '@tarojs/components'
import type { AgreeButtonProps } from './types'
import './agree-button.scss'

/**
 * The privacy agree control: WeChat's `agreePrivacyAuthorization` button, the only way to sync the
 * user's agreement to WeChat. Its `id` is the buttonId for `resolve({ event: 'agree', buttonId })`.
 * `disabled` is passed only when true: a present-but-false attribute still reads as disabled.
 */
export function AgreeButton({ id, onAgree, disabled, busy, children }: AgreeButtonProps) {
  const off = disabled === true || busy === true
  return (
    <Button
      id={id}
      className={off ? 'agree-button agree-button--off' : 'agree-button'}
      {...(off ? { disabled: true } : {})}
      loading={busy === true}
      openType='agreePrivacyAuthorization'
      onAgreePrivacyAuthorization={() => onAgree()}
    >
      {children}
    </Button>
  )
}
