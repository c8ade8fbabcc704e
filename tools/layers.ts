import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { isPrivacyUsage, scanWxApis, type ApiUsage } from './privacy-api-scan'

/**
 * The layer rules of docs/architecture.md, checked two ways: imports by dependency-cruiser
 * (`.dependency-cruiser.cjs`), and the WeChat APIs a file reaches by the API scan, because a page may
 * import `Taro` for navigation and an import rule cannot tell `Taro.navigateTo` from `Taro.getLocation`.
 */

export interface LayerViolation {
  rule: string
  /** The offending file, relative to the checked root. */
  from: string
  /** The module it imports, or the API it reaches. */
  to: string
}

const ROOT = path.resolve(__dirname, '..')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')

/** Privacy and permission controls that are not themselves privacy APIs (privacy-apis.ts lists those). */
const PERMISSION_APIS = new Set([
  'authorize',
  'getSetting',
  'openSetting',
  'getAppAuthorizeSetting',
  'openAppAuthorizeSetting',
  'getPrivacySetting',
  'requirePrivacyAuthorize',
  'onNeedPrivacyAuthorization',
  'openPrivacyContract',
  'agreePrivacyAuthorization',
  'requestSubscribeMessage',
])

interface CruiseResult {
  summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> }
}

/** dependency-cruiser's verdict on `src` and `cloudfunctions` under `root`. */
export function dependencyViolations(root: string = ROOT): LayerViolation[] {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'depcruise')
  const res = spawnSync(bin, ['--config', CONFIG, '--output-type', 'json', 'src', 'cloudfunctions'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  let result: CruiseResult
  try {
    result = JSON.parse(res.stdout) as CruiseResult
  } catch {
    throw new Error(`dependency-cruiser did not answer (exit ${res.status ?? res.signal}): ${res.stderr}`)
  }
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name)
    if (d.isDirectory()) return sourceFiles(root, rel)
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [rel] : []
  })
}

/** A usage outside the one layer allowed to reach it, or undefined. Scope strings are data, not calls. */
function misplaced(u: ApiUsage): LayerViolation | undefined {
  if (u.via === 'scope') return undefined
  if (u.api === 'cloud' && !u.file.startsWith('src/services/')) return { rule: 'cloud-api-only-in-services', from: u.file, to: `${u.api} (line ${u.line})` }
  if ((isPrivacyUsage(u) || PERMISSION_APIS.has(u.api)) && !u.file.startsWith('src/platform/')) {
    return { rule: 'privacy-apis-only-in-platform', from: u.file, to: `${u.api} (line ${u.line})` }
  }
  return undefined
}

/** WeChat privacy, permission and cloud APIs reached from anywhere in `src` but their own layer. */
export function apiPlacementViolations(root: string = ROOT): LayerViolation[] {
  const files = sourceFiles(root, 'src').map((p) => ({ path: p, source: readFileSync(path.join(root, p), 'utf8') }))
  return scanWxApis(files, root).flatMap((u) => misplaced(u) ?? [])
}

export function layerViolations(root: string = ROOT): LayerViolation[] {
  return [...dependencyViolations(root), ...apiPlacementViolations(root)]
}
