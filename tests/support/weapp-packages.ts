import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The main package: what WeChat downloads before the first page shows. Ours, not WeChat's (its limit is
 * 2 MB): every kilobyte here is launch time for every user, so what only a sub-package's pages need
 * stays in that sub-package.
 */
export const MAIN_PACKAGE_BUDGET_BYTES = 400 * 1024

export interface PackageSizes {
  main: number
  subPackages: Record<string, number>
}

/**
 * Splits a built weapp's file sizes (path → bytes, as scripts/check-weapp.ts prints them) by the
 * sub-package roots declared in app.json. Licence files and project.config.json are not uploaded code.
 */
export function packageSizes(dist: string, files: Record<string, number>): PackageSizes {
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  const out: PackageSizes = { main: 0, subPackages: Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const [file, size] of Object.entries(files)) {
    if (file === 'project.config.json' || file.endsWith('.LICENSE.txt')) continue
    const root = roots.find((r) => file.startsWith(r))
    if (root) out.subPackages[root]! += size
    else out.main += size
  }
  return out
}
