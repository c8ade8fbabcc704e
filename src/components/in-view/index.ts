import Taro from '@tarojs/taro'
import { useEffect } from 'react'

/** The sticky h5 page header's height and a little air, so an element scrolled up to is not hidden under it. */
const HEADER_CSS_PX = 56

/**
 * Brings `#id` into view each time `when` changes to a truthy value: a result or an error that a tap
 * produced must not land below the fold, or move off-screen because content above it grew.
 */
export function useInView(id: string, when: unknown): void {
  useEffect(() => {
    if (!when) return
    if (process.env.TARO_ENV === 'h5') {
      const el = document.getElementById(id)
      if (!el) return
      el.style.scrollMarginTop = `${HEADER_CSS_PX}px`
      el.scrollIntoView({ block: 'nearest' })
    } else {
      // After the render reaches the native view, so the element is there to scroll to.
      Taro.nextTick(() => void Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -HEADER_CSS_PX, duration: 200 }).catch(() => undefined))
    }
  }, [when])
}
