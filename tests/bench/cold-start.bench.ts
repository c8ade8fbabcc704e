import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BUNDLE_BUDGET_BYTES, OUT } from '../../config/build-cloudfunctions'
import type { BenchSection } from './types'

/** Fresh processes per bundle: a second `require` in one process would hit V8's compile cache, which a cold instance lacks. */
const RUNS = 15
const KB = 1024
const BUDGET_MS = 10

/**
 * Loaded by the child before timing: `wx-server-sdk` answers with a stub, so the figure is the bundle's
 * own cost (the SDK is installed in the cloud and loads the same for every function). Prints ms.
 * `process.argv[2]`, when given, is a JSON list of Node built-ins to load first (see sdkBuiltins).
 */
const CHILD = `
for (const m of JSON.parse(process.argv[2] || '[]')) require(m)
const Module = require('node:module')
const stub = new Proxy(function () {}, { get: (_t, key) => (key === 'then' ? undefined : stub), apply: () => stub, construct: () => stub })
const load = Module._load
Module._load = function (request, ...rest) { return request === 'wx-server-sdk' ? stub : load.call(this, request, ...rest) }
const { performance } = require('node:perf_hooks')
const started = performance.now()
require(process.argv[1])
process.stdout.write(String(performance.now() - started))
`

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function requireMs(file: string, flags: string[] = [], preload: readonly string[] = []): number {
  const times = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, [...flags, '-e', CHILD, file, JSON.stringify(preload)], { encoding: 'utf8' })))
  return median(times)
}

/**
 * The public Node built-ins that loading the real `wx-server-sdk` brings in (crypto, http, zlib…). Every
 * bundle's first statement requires the SDK, so in a cold instance these are loaded before any of our
 * code runs; charging them to the bundle would count the SDK's cost as ours.
 */
function sdkBuiltins(): string[] {
  const probe = `const before = new Set(process.moduleLoadList); require('wx-server-sdk');
process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13)).filter((m) => !m.startsWith('internal/'))))`
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') })) as string[]
}

/** For every built function: bundle size and the median time a cold instance spends in `require` of it. */
export default async function bench(): Promise<BenchSection> {
  const names = readdirSync(OUT).filter((n) => statSync(path.join(OUT, n)).isDirectory()).sort()
  if (names.length === 0) throw new Error(`no bundles in ${OUT}: run npx tsx config/build-cloudfunctions.ts first`)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-cold-'))
  const minimal = path.join(tmp, 'index.js')
  writeFileSync(minimal, "'use strict';\nconst cloud = require('wx-server-sdk');\nexports.main = async () => cloud.getWXContext();\n")
  const minimalBytes = statSync(minimal).size
  const builtins = sdkBuiltins()
  const rows: BenchSection['rows'] = [
    {
      function: '(minimal bundle, for reference)',
      bytes: minimalBytes,
      KB: (minimalBytes / KB).toFixed(1),
      'require, median': `${requireMs(minimal).toFixed(1)} ms`,
      'after the SDK’s built-ins': `${requireMs(minimal, [], builtins).toFixed(1)} ms`,
    },
  ]
  rmSync(tmp, { recursive: true, force: true })
  for (const name of names) {
    const file = path.join(OUT, name, 'index.js')
    const bytes = statSync(file).size
    const ms = requireMs(file, [], builtins)
    rows.push({
      function: name,
      bytes,
      KB: (bytes / KB).toFixed(1),
      'require, median': `${requireMs(file).toFixed(1)} ms`,
      'after the SDK’s built-ins': `${ms.toFixed(1)} ms`,
      'with --enable-source-maps': `${requireMs(file, ['--enable-source-maps']).toFixed(1)} ms`,
      size: bytes <= BUNDLE_BUDGET_BYTES ? 'met' : 'NOT MET',
      load: ms <= BUDGET_MS ? 'met' : 'NOT MET',
    })
  }
  return {
    title: `Cold start: loading each function bundle (budget ≤ ${BUNDLE_BUDGET_BYTES / KB} KB and ≤ ${BUDGET_MS} ms)`,
    rows,
    notes: [
      `Median of ${RUNS} fresh Node processes per bundle, timing only \`require\` of \`build/cloudfunctions/<name>/index.js\` with \`wx-server-sdk\` stubbed (the SDK costs every function the same, and CloudBase installs it).`,
      `The load verdict reads the column after the SDK’s built-ins: the child first loads the ${builtins.length} public Node modules that requiring the real \`wx-server-sdk\` loads (${builtins.join(', ')}), which every instance has loaded before the bundle’s own code runs.`,
      'A warm instance pays none of this: the emulator, like SCF, reuses an idle instance and loads the module afresh only on a cold one (`{ cold: true }` on `/_emulator/invoke` forces that).',
      '`--enable-source-maps` (the external `index.js.map`, for stack traces in the TypeScript sources) is shown for reference; SCF does not pass it by default.',
      '`tests/packaging/cloud-bundles.test.ts` holds the size budget; load time is only measured here.',
    ],
  }
}

if (require.main === module) bench().then((s) => console.log(JSON.stringify(s, null, 2)))
