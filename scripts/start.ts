import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildCloudFunctions, OUT } from '../config/build-cloudfunctions'
import { createEmulator } from '../emulator/server'
import { policies } from '../cloudfunctions/_shared/repositories/policies'
import { POLICY_2026_1 } from '../src/content'
import { publishPolicies, seedStores, useEmulator } from './publish-policy'

/**
 * `npm start`: build the functions and the h5 app, start the local CloudBase with a data folder that
 * survives restarts, create the collections the functions need, and serve everything on one port.
 */
const ROOT = path.resolve(__dirname, '..')

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 9555)
  const dataDir = path.resolve(process.env.PC_DATA_DIR ?? path.join(ROOT, '.data', 'emulator'))
  console.log('building cloud functions…')
  await buildCloudFunctions()
  console.log('building the h5 app…')
  const h5 = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (h5.status !== 0) throw new Error('h5 build failed')

  const emulator = await createEmulator({ port, dataDir, functionsDir: OUT, staticDir: path.join(ROOT, 'dist', 'h5'), timers: true })
  const { collections } = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }
  await emulator.database.seed(Object.fromEntries(collections.map((name) => [name, []])))
  // A fresh data folder starts at 2026.1, so that publishing 2026.2 later (`npm run policy:publish`) shows re-consent.
  await useEmulator(emulator.url)
  if ((await policies.all()).length === 0) {
    await publishPolicies([POLICY_2026_1], new Date())
    console.log(`published policy ${POLICY_2026_1.version} and ${await seedStores()} stores; publish 2026.2 with: npm run policy:publish -- --url ${emulator.url} 2026.2`)
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
