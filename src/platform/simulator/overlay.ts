import type { AuthSetting, MediaFile, Scope } from '../types'
import type { SettingsRow, SimUi } from './simulator'

/**
 * WeChat's system UI drawn as plain DOM over the page (h5 only). Element ids are the contract with
 * e2e tests: `wx-sim-allow` / `wx-sim-deny` (scope dialog), `wx-sim-privacy-agree` /
 * `wx-sim-privacy-disagree` (official pop-up), `wx-sim-setting-<scope>` checkboxes and
 * `wx-sim-setting-done` (settings page), `wx-sim-contract-close` (privacy guide).
 */

/** The wording of WeChat's scope dialog and settings page. */
const SCOPE_TEXT: Record<Scope, { ask: string; setting: string }> = {
  'scope.userLocation': { ask: '获取你的位置信息', setting: '位置信息' },
  'scope.writePhotosAlbum': { ask: '保存图片或视频到你的相册', setting: '添加到相册' },
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { id?: string; text?: string; style?: string } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (props.id) node.id = props.id
  if (props.text !== undefined) node.textContent = props.text
  if (props.style) node.style.cssText = props.style
  for (const child of children) node.appendChild(child)
  return node
}

const MASK = 'position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end;justify-content:center;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#111'
const SHEET = 'background:#fff;width:100%;max-width:480px;border-radius:12px 12px 0 0;padding:20px 20px 28px;box-sizing:border-box'
const PAGE = 'position:fixed;inset:0;z-index:2147483000;background:#f7f7f7;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#111;overflow:auto'
const ROW = 'display:flex;gap:12px;margin-top:20px'
const BTN = 'flex:1;height:44px;border:0;border-radius:8px;font-size:16px;cursor:pointer'
const GREY = `${BTN};background:#f2f2f2;color:#07c160`
const GREEN = `${BTN};background:#07c160;color:#fff`
const MUTED = 'color:#888;font-size:13px;margin-top:8px'

/** Marks simulated system UI, so a click on it is not mistaken for a tap on the app. */
export const OVERLAY_ATTRIBUTE = 'data-wx-sim'

function mount(root: HTMLElement): () => void {
  root.setAttribute(OVERLAY_ATTRIBUTE, '')
  document.body.appendChild(root)
  return () => root.remove()
}

/** Asks with two buttons; resolves with the id of the one tapped. */
function twoButtonSheet<T extends string>(id: string, content: Node[], buttons: [{ id: string; text: string; value: T }, { id: string; text: string; value: T }]): Promise<T> {
  return new Promise((resolve) => {
    const nodes = buttons.map((b, i) => {
      const button = el('button', { id: b.id, text: b.text, style: i === 0 ? GREY : GREEN })
      button.type = 'button'
      button.addEventListener('click', () => {
        unmount()
        resolve(b.value)
      })
      return button
    })
    const sheet = el('div', { id, style: MASK }, [el('div', { style: SHEET }, [...content, el('div', { style: ROW }, nodes)])])
    sheet.setAttribute('role', 'dialog')
    sheet.setAttribute('aria-modal', 'true')
    const unmount = mount(sheet)
  })
}

export interface FakeMedia {
  /** Content of the fake file; without it the file is `size` zero bytes. */
  base64?: string
  size?: number
  type?: string
}

function fakeFile(media: FakeMedia): MediaFile {
  const bytes = media.base64 !== undefined ? Uint8Array.from(atob(media.base64), (c) => c.charCodeAt(0)) : new Uint8Array(media.size ?? 0)
  const blob = new Blob([bytes], { type: media.type ?? 'image/png' })
  return { tempFilePath: URL.createObjectURL(blob), size: blob.size }
}

/** A hidden file input, so Playwright's `filechooser` event sees the picker. */
function pickWithInput(count: number, camera: boolean): Promise<MediaFile[] | null> {
  return new Promise((resolve) => {
    const input = el('input', { id: 'wx-sim-file-input', style: 'display:none' })
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = count > 1
    if (camera) input.setAttribute('capture', 'environment')
    const finish = (files: MediaFile[] | null) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => finish(Array.from(input.files ?? []).map((f) => ({ tempFilePath: URL.createObjectURL(f), size: f.size }))), { once: true })
    input.addEventListener('cancel', () => finish(null), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

export interface OverlayUi extends SimUi {
  /** Test hook: the next picker returns these files (or is cancelled) instead of opening a file input. */
  setNextMedia(next: FakeMedia[] | 'cancel'): void
}

export function createOverlayUi(): OverlayUi {
  let nextMedia: FakeMedia[] | 'cancel' | null = null

  const privacyContract = ({ contractName }: { contractName: string }) => {
    const close = el('button', { id: 'wx-sim-contract-close', text: '关闭', style: GREEN })
    close.type = 'button'
    const page = el('div', { id: 'wx-sim-contract', style: `${PAGE};padding:24px` }, [
      el('div', { text: contractName, style: 'font-size:18px;font-weight:600' }),
      el('div', { text: '（模拟）此处是微信展示的、在小程序管理后台配置的用户隐私保护指引。', style: MUTED }),
      el('div', { style: ROW }, [close]),
    ])
    const unmount = mount(page)
    close.addEventListener('click', unmount)
  }

  return {
    subscribeDialog: ({ appName, count }) =>
      twoButtonSheet(
        'wx-sim-subscribe-dialog',
        [
          el('div', { text: `${appName} 请求发送 ${count} 条订阅消息`, style: 'font-weight:600' }),
          el('div', { text: '用于告知你申请的办理结果', style: MUTED }),
        ],
        [
          { id: 'wx-sim-subscribe-reject', text: '取消', value: 'reject' },
          { id: 'wx-sim-subscribe-accept', text: '允许', value: 'accept' },
        ],
      ),
    scopeDialog: ({ appName, scope, desc }) =>
      twoButtonSheet(
        'wx-sim-scope-dialog',
        [
          el('div', { text: `${appName} 申请`, style: 'font-weight:600' }),
          el('div', { text: SCOPE_TEXT[scope].ask, style: 'font-size:17px;margin-top:12px' }),
          ...(desc ? [el('div', { id: 'wx-sim-scope-desc', text: desc, style: MUTED })] : []),
        ],
        [
          { id: 'wx-sim-deny', text: '拒绝', value: 'deny' },
          { id: 'wx-sim-allow', text: '允许', value: 'allow' },
        ],
      ),

    privacyPopup: ({ appName, contractName }) => {
      const link = el('a', { id: 'wx-sim-privacy-contract-link', text: contractName, style: 'color:#576b95;cursor:pointer' })
      link.addEventListener('click', () => privacyContract({ contractName }))
      return twoButtonSheet(
        'wx-sim-privacy-popup',
        [
          el('div', { text: '用户隐私保护提示', style: 'font-weight:600' }),
          el('div', { style: 'margin-top:12px' }, [document.createTextNode(`感谢你使用${appName}。使用前请仔细阅读`), link, document.createTextNode('。')]),
        ],
        [
          { id: 'wx-sim-privacy-disagree', text: '拒绝', value: 'disagree' },
          { id: 'wx-sim-privacy-agree', text: '同意', value: 'agree' },
        ],
      )
    },

    settingsPage: ({ appName, rows }) =>
      new Promise<AuthSetting>((resolve) => {
        const boxes = rows.map((row: SettingsRow) => {
          const box = el('input', { id: `wx-sim-setting-${row.scope}` })
          box.type = 'checkbox'
          box.checked = row.granted
          box.dataset.scope = row.scope
          const label = el('label', { style: 'display:flex;justify-content:space-between;align-items:center;background:#fff;padding:14px 16px;border-bottom:1px solid #eee' }, [
            el('span', { text: SCOPE_TEXT[row.scope].setting }),
            box,
          ])
          return { row, box, label }
        })
        const done = el('button', { id: 'wx-sim-setting-done', text: '完成', style: GREEN })
        done.type = 'button'
        const page = el('div', { id: 'wx-sim-settings', style: PAGE }, [
          el('div', { text: '设置', style: 'text-align:center;font-weight:600;padding:14px;background:#fff' }),
          el('div', { text: `允许「${appName}」使用`, style: `${MUTED};padding:8px 16px` }),
          ...(boxes.length ? boxes.map((b) => b.label) : [el('div', { id: 'wx-sim-setting-empty', text: '暂无', style: `${MUTED};padding:0 16px` })]),
          el('div', { style: `${ROW};padding:0 16px` }, [done]),
        ])
        const unmount = mount(page)
        done.addEventListener('click', () => {
          unmount()
          const result: AuthSetting = {}
          for (const b of boxes) result[b.row.scope] = b.box.checked
          resolve(result)
        })
      }),

    privacyContract,

    pickMedia: async ({ count, sourceType }) => {
      const queued = nextMedia
      nextMedia = null
      if (queued === 'cancel') return null
      if (queued) return queued.map(fakeFile)
      return pickWithInput(count, !sourceType.includes('album'))
    },

    setNextMedia: (next) => {
      nextMedia = next
    },
  }
}
