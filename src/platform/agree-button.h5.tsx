import { Button } from '@tarojs/components'
import { simulator } from './simulator/browser'
import type { AgreeButtonProps } from './types'

/** h5 build of the agree control: tells the simulator which button was tapped, as WeChat's base library records it. */
export function AgreeButton({ id, onAgree, className, disabled, children }: AgreeButtonProps) {
  const tap = () => {
    if (disabled) return
    simulator.tapAgreeButton(id)
    onAgree()
  }
  return (
    <Button id={id} className={className} disabled={disabled} onClick={tap}>
      {children}
    </Button>
  )
}
