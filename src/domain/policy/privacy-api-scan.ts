import { isWxPrivacyApi, isWxScope, type WxPrivacyApi, type WxScope } from './privacy-apis'

/** How a source file reaches a privacy API. */
export type UsageVia = 'call' | 'import' | 'open-type' | 'component' | 'scope'

export interface PrivacyUsage {
  /** The API, open-type or component used, or a scope named in the code. */
  api: WxPrivacyApi | WxScope
  via: UsageVia
  /** 1-based. */
  line: number
}

/**
 * Blanks out comments, keeping every other character (and so every offset and line) in place, so a
 * comment that merely mentions an API is not a use of it. Strings and template literals are kept:
 * open-types and scopes are string literals.
 */
export function stripComments(src: string): string {
  let out = ''
  let mode: 'code' | 'line' | 'block' | 'single' | 'double' | 'template' = 'code'
  let braces = 0
  // Brace depth at which each open `${` hands back to its template literal.
  const templates: number[] = []
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    const next = src[i + 1]
    if (mode === 'code') {
      if (c === '/' && (next === '/' || next === '*')) {
        mode = next === '/' ? 'line' : 'block'
        out += '  '
        i++
        continue
      }
      if (c === "'") mode = 'single'
      else if (c === '"') mode = 'double'
      else if (c === '`') mode = 'template'
      else if (c === '{') braces++
      else if (c === '}') {
        if (templates.length && templates[templates.length - 1] === braces) {
          templates.pop()
          mode = 'template'
        } else braces--
      }
      out += c
    } else if (mode === 'line') {
      if (c === '\n') mode = 'code'
      out += c === '\n' ? c : ' '
    } else if (mode === 'block') {
      if (c === '*' && next === '/') {
        mode = 'code'
        out += '  '
        i++
        continue
      }
      out += c === '\n' ? c : ' '
    } else {
      if (c === '\\') {
        out += c + (next ?? '')
        i++
        continue
      }
      if (mode === 'template' && c === '$' && next === '{') {
        templates.push(braces)
        mode = 'code'
        out += '${'
        i++
        continue
      }
      // An unterminated quote (an apostrophe in JSX text) ends at the line break.
      if ((mode === 'single' && (c === "'" || c === '\n')) || (mode === 'double' && (c === '"' || c === '\n')) || (mode === 'template' && c === '`')) mode = 'code'
      out += c
    }
  }
  return out
}

const MEMBER = /\b(?:Taro|wx)\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)/g
const BRACKET = /\b(?:Taro|wx)\s*(?:\?\.)?\[\s*(['"`])([A-Za-z_$][\w$]*)\1\s*\]/g
const TARO_IMPORT = /\bimport\s+(?!type\b)(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]@tarojs\/taro['"]/g
const OPEN_TYPE = /\b(?:openType|open-type)\s*=\s*\{?\s*(['"`])([^'"`]*)\1/g
const CAMERA = /<Camera\b/g
// Any scope string counts, so `authorize({ scope })` with a variable is still covered where the value is written.
const SCOPE = /(['"`])(scope\.[A-Za-z]+)\1/g

function lineAt(src: string, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) if (src.charCodeAt(i) === 10) line++
  return line
}

/**
 * Finds every WeChat privacy API a TypeScript/TSX source uses: `Taro.x` / `wx.x` (called or passed
 * on), `Taro['x']`, named imports from `@tarojs/taro`, `openType='x'` (including `a|b` lists), the
 * `<Camera>` component, and every scope string literal (what `authorize` and `authSetting` take).
 * Comments are ignored.
 */
export function scanPrivacyUsages(source: string): PrivacyUsage[] {
  const src = stripComments(source)
  const found: PrivacyUsage[] = []
  const add = (api: string, via: UsageVia, index: number) => {
    if (via === 'scope' ? isWxScope(api) : isWxPrivacyApi(api)) found.push({ api: api as WxPrivacyApi | WxScope, via, line: lineAt(src, index) })
  }
  for (const m of src.matchAll(MEMBER)) add(m[1], 'call', m.index)
  for (const m of src.matchAll(BRACKET)) add(m[2], 'call', m.index)
  for (const m of src.matchAll(TARO_IMPORT)) {
    for (const spec of m[1].split(',')) {
      const name = spec.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]
      if (!spec.trim().startsWith('type ')) add(name, 'import', m.index)
    }
  }
  for (const m of src.matchAll(OPEN_TYPE)) for (const t of m[2].split('|')) add(t.trim(), 'open-type', m.index)
  for (const m of src.matchAll(CAMERA)) add('camera', 'component', m.index)
  for (const m of src.matchAll(SCOPE)) add(m[2], 'scope', m.index)
  return found.sort((a, b) => a.line - b.line)
}

export interface UndeclaredUsage extends PrivacyUsage {
  file: string
}

/** The usages in `files` that the manifest does not declare; empty means the code and manifest agree. */
export function undeclaredUsages(files: ReadonlyArray<{ path: string; source: string }>, declared: ReadonlySet<string>): UndeclaredUsage[] {
  return files.flatMap((f) => scanPrivacyUsages(f.source).filter((u) => !declared.has(u.api)).map((u) => ({ ...u, file: f.path })))
}
