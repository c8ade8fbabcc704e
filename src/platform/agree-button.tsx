import { Button } from '@tarojs/components'
import type { AgreeButtonProps } from './types'

/**
 * The privacy agree control: WeChat's `agreePrivacyAuthorization` button, the only way to sync the
 * user's agreement to WeChat. Its `id` is the buttonId for `resolve({ event: 'agree', buttonId })`.
 */
export function AgreeButton({ id, onAgree, className, disabled, children }: AgreeButtonProps) {
  return (
    <Button id={id} className={className} disabled={disabled} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => onAgree()}>
      {children}
    </Button>
  )
}
