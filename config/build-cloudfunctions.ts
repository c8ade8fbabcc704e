import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const SOURCE = path.join(ROOT, 'cloudfunctions')
export const OUT = path.join(ROOT, 'build', 'cloudfunctions')
/** The SDK is installed in the cloud ("云端安装依赖"), pinned exactly: our emulator contract is against this version. */
export const WX_SERVER_SDK_VERSION = '4.0.2'

/** Deployable functions: every folder with an index.ts; `_shared` is bundled into them, never deployed. */
export function functionNames(): string[] {
  return readdirSync(SOURCE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(SOURCE, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/**
 * One self-contained CommonJS bundle per function: shared server code, src/domain and zod are inlined,
 * so the upload folder needs nothing outside itself but wx-server-sdk.
 */
export async function buildCloudFunctions(): Promise<string[]> {
  rmSync(OUT, { recursive: true, force: true })
  const names = functionNames()
  await Promise.all(
    names.map(async (name) => {
      const outDir = path.join(OUT, name)
      mkdirSync(outDir, { recursive: true })
      await build({
        entryPoints: [path.join(SOURCE, name, 'index.ts')],
        outfile: path.join(outDir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        tsconfig: path.join(ROOT, 'tsconfig.json'),
        legalComments: 'none',
        logLevel: 'warning',
      })
      writeFileSync(
        path.join(outDir, 'package.json'),
        `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION } }, null, 2)}\n`,
      )
      copyFileSync(path.join(SOURCE, name, 'config.json'), path.join(outDir, 'config.json'))
    }),
  )
  return names
}

if (require.main === module) {
  buildCloudFunctions()
    .then((names) => console.log(`built ${names.length} cloud functions into ${path.relative(ROOT, OUT)}: ${names.join(', ')}`))
    .catch((err: Error) => {
      console.error(err.message)
      process.exit(1)
    })
}
