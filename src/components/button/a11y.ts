/**
 * Accessibility attributes for a tappable element. WeChat reads `aria-role`/`aria-label` (Taro's
 * `ariaRole`/`ariaLabel`); the h5 build renders custom elements, which need a real `role`.
 */
export function a11yProps(role: 'button' | 'checkbox', opts: { label?: string; disabled?: boolean; busy?: boolean; checked?: boolean; pressed?: boolean } = {}): Record<string, string> {
  const state: Record<string, string> = {}
  if (opts.label) state['aria-label'] = opts.label
  if (opts.disabled !== undefined) state['aria-disabled'] = String(opts.disabled)
  if (opts.busy) state['aria-busy'] = 'true'
  if (opts.checked !== undefined) state['aria-checked'] = String(opts.checked)
  if (opts.pressed !== undefined) state['aria-pressed'] = String(opts.pressed)
  if (process.env.TARO_ENV === 'h5') return { role, ...state }
  return { ariaRole: role, ...(opts.label ? { ariaLabel: opts.label } : {}) }
}
