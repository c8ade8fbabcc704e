/**
 * `subscribeMessage.send` as WeChat validates it (public API docs: errcodes 40003, 40037, 41030, 47003
 * and the per-type value rules of subscribe templates). WeChat also checks that the openid and the
 * template belong to the app and that the page exists in the released app; the emulator knows none of
 * those, so it checks their shape only (docs/emulator.md).
 */

export type TemplateData = Record<string, { value: string | number }>

/** A message WeChat would deliver, keys as the caller named them (camelCase, as the SDK takes them). */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: TemplateData
  miniprogramState?: string
  lang?: string
}

export type Checked = { ok: true; message: SubscribeMessage } | { ok: false; errcode: number; errmsg: string }

/** Mini-program openids are 28 characters; the emulator's test identities (`o_test_user_1`) are shorter. */
const OPENID = /^o[A-Za-z0-9_-]{5,63}$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/
/** A page path inside the app, optionally with a query (`index?foo=bar`). */
const PAGE = /^[A-Za-z0-9_\-/.]{1,512}(\?[^\s]{0,512})?$/
const STATES = ['developer', 'trial', 'formal']
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW']

const HAN = /^\p{Script=Han}+$/u
const CONTROL = /\p{Cc}/u
const DATE = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}-\d{1,2}|\d{1,2}-\d{1,2})`
const CLOCK = String.raw`([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?`
const span = (one: string) => new RegExp(`^${one}(\\s*~\\s*${one})?$`)
const TIME = span(`(${DATE}\\s*)?${CLOCK}`)
const DAY = span(`${DATE}(\\s*${CLOCK})?`)
const chars = (s: string) => Array.from(s).length

/** Each keyword type's rule, from WeChat's table of subscribe-message value limits. */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => chars(v) <= 20 && !CONTROL.test(v),
  number: (v) => v.length <= 32 && /^-?\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => chars(v) <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  character_string: (v) => v.length <= 32 && /^[!-~]+$/.test(v),
  time: (v) => TIME.test(v),
  date: (v) => DAY.test(v),
  amount: (v) => /^[^\d\s]?\d{1,10}(\.\d+)?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-()]+$/.test(v),
  car_number: (v) => chars(v) <= 8 && /^[\p{Script=Han}A-Z0-9][A-Z0-9]*[\p{Script=Han}A-Z0-9]?$/u.test(v),
  name: (v) => (HAN.test(v) ? chars(v) <= 10 : v.length <= 20 && /^[A-Za-z\s.·-]+$/.test(v)),
  phrase: (v) => chars(v) <= 5 && HAN.test(v),
}
const KEYWORD = new RegExp(`^(${Object.keys(RULES).join('|')})\\d+$`)

/** Checks one `subscribeMessage.send` call's arguments (snake_case keys, JSON text values, as on the wire). */
export function checkSubscribeMessage(pairs: ReadonlyMap<string, string>): Checked {
  // No prototype: a pair named `__proto__` must stay an argument, not become the object's prototype.
  const args: Record<string, unknown> = Object.create(null)
  for (const [key, text] of pairs) {
    try {
      args[key] = JSON.parse(text)
    } catch {
      return fail(47001, `data format error: ${key} is not JSON`)
    }
  }
  const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = args
  if (typeof touser !== 'string' || !OPENID.test(touser)) return fail(40003, 'invalid openid')
  if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return fail(40037, 'invalid template_id')
  if (page !== undefined && (typeof page !== 'string' || !PAGE.test(page))) return fail(41030, 'invalid page')
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) return fail(47003, 'argument invalid! data is empty')
  const kept: TemplateData = {}
  for (const [key, entry] of Object.entries(data)) {
    const type = KEYWORD.exec(key)?.[1]
    if (type === undefined) return fail(47003, `argument invalid! data.${key} is not a template keyword`)
    const value = entry !== null && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined
    if (typeof value !== 'string' && typeof value !== 'number') return fail(47003, `argument invalid! data.${key}.value is empty`)
    const text = String(value)
    if (text.trim() === '' || !RULES[type](text)) return fail(47003, `argument invalid! data.${key}.value invalid`)
    kept[key] = { value }
  }
  if (state !== undefined && !STATES.includes(state as string)) return fail(47003, 'argument invalid! miniprogram_state invalid')
  if (lang !== undefined && !LANGS.includes(lang as string)) return fail(47003, 'argument invalid! lang invalid')
  return {
    ok: true,
    message: {
      touser,
      templateId,
      ...(page === undefined ? {} : { page: page as string }),
      data: kept,
      ...(state === undefined ? {} : { miniprogramState: state as string }),
      ...(lang === undefined ? {} : { lang: lang as string }),
    },
  }
}

function fail(errcode: number, errmsg: string): Checked {
  return { ok: false, errcode, errmsg }
}
