import { Btn } from '@/components/button'
import { simulator } from './simulator/browser'
import type { AgreeButtonProps } from './types'

/** h5 build of the agree control: tells the simulator which button was tapped, as WeChat's base library records it. */
export function AgreeButton({ id, onAgree, disabled, busy, children }: AgreeButtonProps) {
  const tap = () => {
    simulator.tapAgreeButton(id)
    onAgree()
  }
  return (
    <Btn id={id} kind='primary' block disabled={disabled} busy={busy} onTap={tap}>
      {children}
    </Btn>
  )
}
