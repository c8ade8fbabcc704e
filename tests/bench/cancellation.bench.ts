import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { buildCloudFunctions, OUT } from '../../config/build-cloudfunctions'
import { approvedCancellationRow, type BulkUser, filesOf, leftOf, seedBulkUser } from '../support/bulk-user'
import { freshCloud } from '../support/consent'
import { removeDataDir, type RunningEmulator, startEmulator, useSdk } from '../support/emulator'
import type { BenchSection } from './types'

const SIZE: BulkUser = { events: 10_000, orders: 500, contacts: 20, files: 200 }
const OPENID = 'o_test_user_1'
const REQUEST = 'benchcancel000000001'

type Run = { ms: number; ok: boolean }

/** Runs the scheduler until the request completes (at most `max` runs); answers each run's time. */
async function runUntilDone(emu: RunningEmulator, max: number): Promise<Run[]> {
  const runs: Run[] = []
  for (let i = 0; i < max; i++) {
    const t0 = performance.now()
    const r = await emu.control<{ result?: { ok: boolean }; error?: unknown }>('/timers/run', { name: 'account', trigger: 'runCancellations' })
    runs.push({ ms: performance.now() - t0, ok: r.result?.ok === true })
    const [row] = (await settled(database().collection('rights_requests').where({ _id: REQUEST }).get())).data as Array<{ status: string }>
    if (row?.status === 'completed') return runs
  }
  throw new Error(`not completed after ${max} runs`)
}

async function seeded(dataDir?: string): Promise<{ emu: RunningEmulator; files: string[] }> {
  const emu = await startEmulator({ functionsDir: OUT, durability: 'fsync', ...(dataDir ? { dataDir } : {}) })
  await freshCloud(emu)
  await seedBulkUser(emu, OPENID, SIZE)
  await emu.control('/seed', { collections: { rights_requests: [approvedCancellationRow(OPENID, REQUEST, new Date(Date.now() - 8 * 86_400_000))] } })
  return { emu, files: await filesOf(OPENID) }
}

/**
 * Cancellation at scale through the built `account` function's scheduler and the real SDK: a user with
 * 10,000 consent events, 500 orders, 20 contacts and 200 files, already approved by ops. Then the same
 * deletion with the emulator killed (SIGKILL) in the middle and restarted on the same data folder.
 */
export default async function cancellationBench(): Promise<BenchSection> {
  await buildCloudFunctions()
  const timeoutS = (JSON.parse(readFileSync(`${OUT}/account/config.json`, 'utf8')) as { timeout: number }).timeout
  const who = `${SIZE.events.toLocaleString('en')} consent events, ${SIZE.orders} orders, ${SIZE.contacts} contacts, ${SIZE.files} files`

  const plain = await seeded()
  let runs: Run[]
  let left: { rows: number; files: number }
  try {
    runs = await runUntilDone(plain.emu, 10)
    left = await leftOf(OPENID, plain.files)
  } finally {
    await plain.emu.stop()
    removeDataDir(plain.emu.dataDir)
  }

  // The same deletion, killed once it has begun: every database call slowed to 100 ms so the run is mid-way.
  const crashed = await seeded()
  let killedAfter: string[] = []
  let resumed: Run[]
  let leftAfterCrash: { rows: number; files: number }
  let again: RunningEmulator | undefined
  try {
    await crashed.emu.control('/faults', { latencyMs: 100 })
    void crashed.emu.control('/timers/run', { name: 'account', trigger: 'runCancellations' }).catch(() => undefined)
    for (;;) {
      const [row] = (await settled(database().collection('rights_requests').where({ _id: REQUEST }).get())).data as Array<{ deletion?: { done: string[] } }>
      if (row?.deletion && row.deletion.done.length > 0) {
        killedAfter = row.deletion.done
        break
      }
    }
    await crashed.emu.kill()
    again = await startEmulator({ functionsDir: OUT, durability: 'fsync', dataDir: crashed.emu.dataDir })
    useSdk(again)
    resumed = await runUntilDone(again, 10)
    leftAfterCrash = await leftOf(OPENID, crashed.files)
  } finally {
    await again?.stop()
    removeDataDir(crashed.emu.dataDir)
  }

  const slowest = (rs: Run[]) => Math.max(...rs.map((r) => r.ms))
  return {
    title: 'Cancellation at scale (the account function’s scheduler, real SDK, emulator)',
    rows: [
      {
        case: 'uninterrupted',
        user: who,
        'scheduler runs': runs.length,
        'total time': `${(runs.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(1)} s`,
        'slowest run': `${(slowest(runs) / 1000).toFixed(1)} s of ${timeoutS} s`,
        'left of the user': `${left.rows} rows, ${left.files} files`,
      },
      {
        case: `kill -9 after steps: ${killedAfter.join(', ')}`,
        user: who,
        'scheduler runs': `${resumed.length} after the restart`,
        'total time': `${(resumed.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(1)} s after the restart`,
        'slowest run': `${(slowest(resumed) / 1000).toFixed(1)} s of ${timeoutS} s`,
        'left of the user': `${leftAfterCrash.rows} rows, ${leftAfterCrash.files} files`,
      },
    ],
    notes: [
      'The user and an approved cancellation are seeded with the domain’s own code; each run is one `runCancellations` timer invocation, which stops starting work after 40 s of its 60 s timeout.',
      'Kept by law and so not counted as left: the orders and request records, re-keyed to the certificate and stripped of delivery details, and the anonymised consent chain.',
      'The crash case slows every database call to 100 ms so the kill lands mid-deletion, then restarts the emulator on the same data folder without the delay; `tests/contract/cancellation-crash.test.ts` holds the same property as a test.',
    ],
  }
}

