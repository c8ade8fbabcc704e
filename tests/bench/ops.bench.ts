import { performance } from 'node:perf_hooks'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { buildCloudFunctions, OUT } from '../../config/build-cloudfunctions'
import type { RequestStatus } from '../../src/domain/requests/rights-request'
import { dbStats, freshCloud, invoker } from '../support/consent'
import { removeDataDir, startEmulator } from '../support/emulator'
import { OPS_ENV, operator, requestRow } from '../support/ops'
import { breakdown, total } from './round-trips'
import type { BenchSection } from './types'

const OPEN = 10_000
const USERS = 1_000
const CALLS = 200
const WARM_UP = 10
const DEEP_PAGE = 50
/** Open statuses in the proportions a busy queue might hold. */
const STATUSES: RequestStatus[] = ['submitted', 'submitted', 'submitted', 'awaiting-review', 'processing']

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')

/** The ops queue's first page (and a deep one) over 10,000 open requests, through the built `ops` function. */
export default async function opsBench(): Promise<BenchSection> {
  await buildCloudFunctions()
  const emu = await startEmulator({ functionsDir: OUT, durability: 'fsync', env: OPS_ENV })
  try {
    await freshCloud(emu)
    // Filed over the first 200 days of 2026, so due dates spread over about 140 working days, many shared.
    const start = Date.parse('2026-01-05T02:00:00Z')
    const docs = Array.from({ length: OPEN }, (_, i) =>
      requestRow({ id: `bench_${String(i).padStart(14, '0')}`, openid: `o_bench_user_${i % USERS}`, filedAt: new Date(start + (i % 200) * 86_400_000 + i), type: i % 10 ? 'correction' : 'export', status: STATUSES[i % STATUSES.length]! }),
    )
    const seeded = performance.now()
    await emu.control('/seed', { collections: { [RIGHTS_REQUESTS]: docs } })
    const seedS = (performance.now() - seeded) / 1000

    const ops = invoker(emu, 'ops')
    const list = async (extra: Record<string, unknown> = {}) => {
      const reply = await ops({ operator: operator(), action: 'listRequests', ...extra }, null)
      if (!reply.result?.ok) throw new Error(`listRequests failed: ${JSON.stringify(reply)}`)
      return reply.result.data as { rows: unknown[]; nextCursor?: string }
    }
    const time = async (run: () => Promise<unknown>) => {
      const latencies: number[] = []
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now()
        await run()
        latencies.push(performance.now() - t0)
      }
      return latencies.sort((a, b) => a - b)
    }

    for (let i = 0; i < WARM_UP; i++) await list()
    await emu.control('/stats', undefined, 'DELETE')
    await list()
    const trips = await dbStats(emu)
    const first = await time(() => list())

    let cursor: string | undefined
    for (let page = 1; page < DEEP_PAGE; page++) cursor = (await list(cursor ? { cursor } : {})).nextCursor
    const deep = await time(() => list({ cursor }))

    const median = percentile(first, 50)
    return {
      title: 'Ops queue: listRequests over 10,000 open requests (real SDK in the built function, emulator, durability fsync)',
      rows: [
        { measure: 'first page (20 rows, due date then id), median', value: `${median.toFixed(1)} ms`, goal: '< 50 ms', result: verdict(median < 50) },
        { measure: 'first page, p95', value: `${percentile(first, 95).toFixed(1)} ms`, goal: '', result: '' },
        { measure: `page ${DEEP_PAGE} (by cursor), median`, value: `${percentile(deep, 50).toFixed(1)} ms`, goal: '', result: '' },
        { measure: 'database round trips per call', value: `${total(trips)} (${breakdown(trips)})`, goal: '', result: '' },
      ],
      notes: [
        `${OPEN} requests of ${USERS} users in submitted, awaiting-review and processing (all open, so the default filter matches every one), seeded in ${seedS.toFixed(1)} s; ${WARM_UP} warm-up calls, then ${CALLS} sequential calls per row, timed at the client of the emulator's /invoke (function runner, operator check and audit append included).`,
        'Round trips: one query for the page (limit + 1 rows, to know whether another page follows), then the audit append: transaction start, head read, entry insert, head write, commit. A call that is not recorded does not answer, so the append is part of every call.',
        'Keyset paging (due date, then id, after the cursor) makes a deep page cost what the first does; on CloudBase the (status, dueAt, _id) index in collections.json serves it.',
      ],
    }
  } finally {
    await emu.stop()
    removeDataDir(emu.dataDir)
  }
}
