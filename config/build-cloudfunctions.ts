import { build, type Plugin } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

export const ROOT = path.resolve(__dirname, '..')
const SOURCE = path.join(ROOT, 'cloudfunctions')
export const OUT = path.join(ROOT, 'build', 'cloudfunctions')
/** The SDK is installed in the cloud ("云端安装依赖"), pinned exactly: our emulator contract is against this version. */
export const WX_SERVER_SDK_VERSION = '4.0.2'
/** Cold-start budget per bundle (`index.js`), held by tests/packaging/cloud-bundles.test.ts. */
export const BUNDLE_BUDGET_BYTES = 150 * 1024

/** Deployable functions: every folder with an index.ts; `_shared` is bundled into them, never deployed. */
export function functionNames(): string[] {
  return readdirSync(SOURCE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(SOURCE, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/**
 * `import { z } from 'zod/mini'` hands over zod's whole namespace object, which esbuild must then build
 * in full: every locale (about 370 KB, though zod/mini never loads one unless `z.config` is called, and we
 * do not), `z.core`, JSON Schema and the compiler. As `import * as z`, each `z.object(…)` becomes a direct
 * import of the factory, which zod marks free of side effects, so unused code and unused schemas drop.
 */
const zodNamespaceImports: Plugin = {
  name: 'zod-namespace-imports',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = readFileSync(args.path, 'utf8')
      const rewritten = source.replace(/import\s*\{\s*z\s*\}\s*from\s*(['"])zod\/mini\1/g, "import * as z from 'zod/mini'")
      return rewritten === source ? undefined : { contents: rewritten, loader: args.path.endsWith('x') ? 'tsx' : 'ts' }
    })
  },
}

/**
 * chinese-days' data file repeats a dozen holiday names over 900 dates (37 KB, the largest input of the
 * functions that count working days). Shipped as the same object, rebuilt from a name table and
 * `YYYYMMDD<name index>` entries (about 10 KB), each table on its first read rather than at load (a cold
 * start that never counts a working day does not pay for it); the build checks the rebuilt object
 * against the file.
 */
const compactChineseDays: Plugin = {
  name: 'compact-chinese-days',
  setup(b) {
    b.onLoad({ filter: /[\\/]chinese-days[\\/]dist[\\/]chinese-days\.json$/ }, (args) => {
      const json = readFileSync(args.path, 'utf8')
      const data = JSON.parse(json) as Record<string, Record<string, string>>
      const names = [...new Set(Object.values(data).flatMap((table) => Object.values(table)))]
      const tables = Object.entries(data).map(([key, table]) => {
        const entries = Object.entries(table).map(([date, name]) => {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`chinese-days: unexpected date key ${date}`)
          return `${date.replace(/-/g, '')}${names.indexOf(name).toString(36)}`
        })
        return `lazily(${JSON.stringify(key)}, ${JSON.stringify(entries.join(' '))})`
      })
      const expression = `(() => {
  const names = ${JSON.stringify(names)}
  const table = (s) => {
    const out = {}
    for (const e of s.split(' ')) out[e.slice(0, 4) + '-' + e.slice(4, 6) + '-' + e.slice(6, 8)] = names[parseInt(e.slice(8), 36)]
    return out
  }
  const data = {}
  const lazily = (key, s) => Object.defineProperty(data, key, {
    enumerable: true,
    configurable: true,
    get: () => Object.defineProperty(data, key, { value: table(s), enumerable: true })[key],
  })
  ${tables.join('\n  ')}
  return data
})()`
      if (JSON.stringify(vm.runInNewContext(expression)) !== JSON.stringify(data)) throw new Error('chinese-days: the compact form does not rebuild the data file')
      return { contents: `export default ${expression}`, loader: 'js' }
    })
  },
}

/**
 * The domain hashes with @noble/hashes so that the mini-program can run it too; in the functions those
 * imports resolve to Node's native crypto with the same API (`_shared/adapters/node-hashes.ts`), 7 KB less
 * in every bundle. Any other noble entry point would still resolve to noble itself.
 */
const nodeHashes: Plugin = {
  name: 'node-hashes',
  setup(b) {
    b.onResolve({ filter: /^@noble\/hashes\/(sha256|hmac|utils)$/ }, () => ({ path: path.join(SOURCE, '_shared', 'adapters', 'node-hashes.ts') }))
  },
}

/**
 * One self-contained CommonJS bundle per function: shared server code, src/domain and zod are inlined,
 * so the upload folder needs nothing outside itself but wx-server-sdk. Minified (a cold instance parses
 * all of it before the first call), with an external `index.js.map` so stack traces name the TypeScript
 * sources wherever source maps are enabled (`node --enable-source-maps`).
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
        plugins: [zodNamespaceImports, compactChineseDays, nodeHashes],
        minify: true,
        // Chinese text as UTF-8, not \uXXXX escapes (6 bytes a character).
        charset: 'utf8',
        sourcemap: true,
        sourcesContent: false,
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
