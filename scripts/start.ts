import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildCloudFunctions, OUT } from '../config/build-cloudfunctions'
import { createEmulator } from '../emulator/server'
import { policies } from '../cloudfunctions/_shared/repositories/policies'
import { unpublishedVersions, versionsUpTo } from './policy-versions'
import { publishPolicies, seedStores, useEmulator } from './publish-policy'

/**
 * `npm start [-- --policy <version>]`: build the functions and the h5 app, start the local CloudBase with
 * a data folder that survives restarts, create the collections the functions need, and serve everything
 * on one port. A fresh data folder gets every shipped policy version, so the app runs as shipped with the
 * latest policy in force; `--policy 2026.1` publishes only up to that version, so that publishing the rest
 * later (`npm run policy:publish`) demonstrates re-consent.
 */
const ROOT = path.resolve(__dirname, '..')

/**
 * Certification seals data with keys from the functions' environment. Locally, unless CERT_KEYS is set,
 * development keys are made once per data folder and kept there, so a restart can still open what was
 * sealed. They protect nothing but test data: production keys are set in CloudBase (README).
 */
function useDevCertKeys(dataDir: string): void {
  if (process.env.CERT_KEYS) return
  const file = path.join(dataDir, 'dev-cert-keys.json')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify({ CERT_KEYS: `dev1:${randomBytes(32).toString('base64')}`, CERT_HMAC_KEY: randomBytes(32).toString('base64') }), { mode: 0o600 })
  }
  Object.assign(process.env, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
}

/**
 * Receipts and ledger anchors are signed with RECEIPT_SIGNING_KEY from the functions' environment. Locally,
 * unless it is set, the committed development key (config/dev-receipt-key.json) signs, so receipts verify
 * against the `dev-…` key the app ships. It proves nothing: production sets its own key (README).
 */
function useDevReceiptKey(): void {
  if (process.env.RECEIPT_SIGNING_KEY) return
  process.env.RECEIPT_SIGNING_KEY = (JSON.parse(readFileSync(path.join(ROOT, 'config', 'dev-receipt-key.json'), 'utf8')) as { RECEIPT_SIGNING_KEY: string }).RECEIPT_SIGNING_KEY
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { policy: { type: 'string' } } })
  const drafts = versionsUpTo(values.policy)
  const port = Number(process.env.PORT ?? 9555)
  const dataDir = path.resolve(process.env.PC_DATA_DIR ?? path.join(ROOT, '.data', 'emulator'))
  console.log('building cloud functions…')
  await buildCloudFunctions()
  console.log('building the h5 app…')
  const h5 = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (h5.status !== 0) throw new Error('h5 build failed')

  useDevCertKeys(dataDir)
  useDevReceiptKey()
  const emulator = await createEmulator({ port, dataDir, functionsDir: OUT, staticDir: path.join(ROOT, 'dist', 'h5'), timers: true })
  const { collections, indexes } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[]; indexes: unknown }
  await emulator.database.seed(Object.fromEntries(collections.map((name) => [name, []])), indexes)
  // A fresh data folder gets every shipped version (or those up to --policy); an existing one keeps its history.
  await useEmulator(emulator.url)
  const stored = await policies.all()
  if (stored.length === 0) {
    await publishPolicies(drafts, new Date())
    console.log(`published policy ${drafts.map((p) => p.version).join(', ')} and ${await seedStores()} stores`)
  } else if (values.policy !== undefined) {
    console.log(`--policy applies to a fresh data folder only; ${path.relative(ROOT, dataDir)} already has policy ${stored.map((p) => p.version).join(', ')} (set PC_DATA_DIR or remove the folder to start afresh)`)
  }
  const rest = unpublishedVersions(stored.length ? stored.map((p) => p.version) : drafts.map((p) => p.version))
  if (rest.length) {
    console.log(`not yet published: ${rest.join(', ')}; to see re-consent, publish while the app runs: npm run policy:publish -- --url ${emulator.url} ${rest.join(' ')}`)
  }

  console.log(`\n隐私中心 · Privacy Centre is running at ${emulator.url}/`)
  console.log(`  dev sign-in:   ${emulator.url}/gateway/signin`)
  console.log(`  CloudBase API: ${emulator.adminUrl}   data: ${path.relative(ROOT, dataDir)}`)
  console.log('Press Ctrl-C to stop.')

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    console.log('\nstopping…')
    void emulator.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: Error) => {
  console.error(err.message)
  process.exit(1)
})
