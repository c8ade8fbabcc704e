import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * Checks a built weapp with WeChat's own tools and prints one JSON line:
 * - wcc / wcsc (miniprogram-compiler) compile every .wxml / .wxss, as DevTools does on upload;
 * - miniprogram-ci's code-quality check (main-package size, minification, lazy code loading, unused code).
 * A separate process because miniprogram-ci forks a compiler that keeps Node alive: we exit explicitly.
 */
async function main(distDir: string): Promise<void> {
  const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string): string; wxssToJs(root: string): string }
  const ci = require('miniprogram-ci')
  const wxml = compiler.wxmlToJs(distDir)
  const wxss = compiler.wxssToJs(distDir)
  const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: distDir, privateKeyPath: '/dev/null', ignores: [] })
  // Offline: skip the project-attribute lookup that would call WeChat's servers.
  project.attr = async () => ci.DefaultProjectAttr
  const quality = (await ci.checkCodeQuality(project)) as Array<{ name: string; success: boolean; text: string; detail?: unknown }>
  console.log(JSON.stringify({ wxmlBytes: wxml.length, wxssBytes: wxss.length, quality, files: sizes(distDir) }))
}

/** Byte size of every file under dir, by relative path; the main package is all but sub-package roots. */
function sizes(dir: string, base = dir): Record<string, number> {
  const out: Record<string, number> = {}
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) Object.assign(out, sizes(full, base))
    else out[path.relative(base, full)] = statSync(full).size
  }
  return out
}

main(path.resolve(process.argv[2] ?? 'dist/weapp')).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message)
    process.exit(1)
  },
)
