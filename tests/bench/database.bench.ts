import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { toEjson } from '../../emulator/database/ejson'
import { removeDataDir, startEmulator, useSdk } from '../support/emulator'
import type { BenchSection } from './types'

const DOCS = 100_000
const OWNERS = 1_000
const CONCURRENCY = 16
const REQUESTS = 3_000
const WARMUP = 300
const QUERIES = 200

/** The seeded documents: ~150 bytes each; `owner` repeats every 1,000 documents (100 per owner). */
function makeDoc(i: number): Record<string, unknown> {
  return {
    _id: `doc${String(i).padStart(6, '0')}`,
    owner: `o_test_user_${i % OWNERS}`,
    kind: ['consent', 'profile', 'certification'][i % 3],
    n: i,
    at: { $date: new Date(1_704_067_200_000 + i * 1000).toISOString() },
    note: `fictional row ${i} for example.com`,
  }
}

/**
 * A bare local HTTP server, in its own process like the emulator, that answers every call with a
 * canned valid reply of the same size as the emulator's: the ceiling the SDK itself allows here.
 */
async function startCanned(): Promise<{ adminUrl: string; close(): Promise<void> }> {
  const { _id, at, ...rest } = makeDoc(42)
  const docText = toEjson({ _id, ...rest, at: new Date((at as { $date: string }).$date) })
  const script = `
    const http = require('node:http')
    const read = JSON.stringify({ requestId: 'canned', data: { list: [${JSON.stringify(docText)}] } })
    const inserted = JSON.stringify({ requestId: 'canned', data: { insertedIds: ['0123456789abcdef0123456789abcdef'] } })
    const server = http.createServer((req, res) => {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        const text = JSON.parse(Buffer.concat(chunks).toString('utf8')).action === 'database.insertDocument' ? inserted : read
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
        res.end(text)
      })
    })
    server.keepAliveTimeout = 65000
    server.listen(0, '127.0.0.1', () => console.log(server.address().port))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)))
    child.once('exit', (code) => reject(new Error(`canned server exited with ${code}`)))
  })
  return {
    adminUrl: `http://127.0.0.1:${port}/admin`,
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

/** Runs `total` calls with `concurrency` in flight; answers calls per second. */
async function throughput(total: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await call(next++)
  }))
  return total / ((performance.now() - started) / 1000)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const pct = (x: number) => `${Math.round(x * 100)}%`
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')

/**
 * The database under the real SDK: point reads and fsync'd inserts against a bare canned server
 * (the SDK's own ceiling) vs the emulator holding 100,000 documents, and the latency of an
 * equality query on a non-`_id` field over those documents.
 */
export default async function bench(): Promise<BenchSection> {
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'pc-bench-fn-'))
  const emu = await startEmulator({ functionsDir, durability: 'fsync' })
  const canned = await startCanned()
  try {
    const seedStart = performance.now()
    for (let i = 0; i < DOCS; i += 10_000) {
      await emu.control('/seed', { collections: { records: Array.from({ length: Math.min(10_000, DOCS - i) }, (_v, k) => makeDoc(i + k)) } })
    }
    await emu.control('/seed', { collections: { inserts: [] } })
    const seedSeconds = (performance.now() - seedStart) / 1000

    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const target = (adminUrl: string) => useSdk({ adminUrl, envId: emu.envId })
    const randomId = () => `doc${String(Math.floor(Math.random() * DOCS)).padStart(6, '0')}`
    const read = () => db.collection('records').doc(randomId()).get()
    let inserted = 0
    const insert = () => db.collection('inserts').add({ data: { owner: `o_test_user_${inserted++ % OWNERS}`, kind: 'consent', n: inserted, at: new Date(), note: 'fictional insert for example.com' } })

    // Two alternating rounds after a warm-up; the best round of each counts (the machine is shared).
    const best = { cannedRead: 0, emuRead: 0, cannedInsert: 0, emuInsert: 0 }
    for (const url of [canned.adminUrl, emu.adminUrl]) {
      target(url)
      await throughput(WARMUP, CONCURRENCY, read)
      await throughput(WARMUP, CONCURRENCY, insert)
    }
    for (let round = 0; round < 2; round++) {
      target(canned.adminUrl)
      best.cannedRead = Math.max(best.cannedRead, await throughput(REQUESTS, CONCURRENCY, read))
      best.cannedInsert = Math.max(best.cannedInsert, await throughput(REQUESTS, CONCURRENCY, insert))
      target(emu.adminUrl)
      best.emuRead = Math.max(best.emuRead, await throughput(REQUESTS, CONCURRENCY, read))
      best.emuInsert = Math.max(best.emuInsert, await throughput(REQUESTS, CONCURRENCY, insert))
    }

    target(emu.adminUrl)
    const firstStart = performance.now()
    const first = await db.collection('records').where({ owner: 'o_test_user_0' }).get()
    const firstMs = performance.now() - firstStart
    if (first.data.length !== DOCS / OWNERS) throw new Error(`equality query returned ${first.data.length} rows, expected ${DOCS / OWNERS}`)
    const latencies: number[] = []
    for (let q = 0; q < QUERIES; q++) {
      const owner = `o_test_user_${Math.floor(Math.random() * OWNERS)}`
      const t0 = performance.now()
      await db.collection('records').where({ owner }).get()
      latencies.push(performance.now() - t0)
    }
    latencies.sort((a, b) => a - b)
    const median = percentile(latencies, 50)
    const p95 = percentile(latencies, 95)

    const readRatio = best.emuRead / best.cannedRead
    const insertRatio = best.emuInsert / best.cannedInsert
    return {
      title: 'Emulator database (real wx-server-sdk, 100,000 documents)',
      rows: [
        { measure: `point read by _id (${CONCURRENCY} in flight)`, 'bare server': `${Math.round(best.cannedRead)} ops/s`, emulator: `${Math.round(best.emuRead)} ops/s`, ratio: pct(readRatio), goal: '≥ 50%', result: verdict(readRatio >= 0.5) },
        { measure: `insert, durability fsync (${CONCURRENCY} in flight)`, 'bare server': `${Math.round(best.cannedInsert)} ops/s`, emulator: `${Math.round(best.emuInsert)} ops/s`, ratio: pct(insertRatio), goal: '≥ 30%', result: verdict(insertRatio >= 0.3) },
        { measure: 'equality query on a non-_id field (100 matching rows returned), median', 'bare server': '', emulator: `${median.toFixed(2)} ms`, ratio: '', goal: '< 20 ms', result: verdict(median < 20) },
        { measure: 'same query, p95', 'bare server': '', emulator: `${p95.toFixed(2)} ms`, ratio: '', goal: '', result: '' },
        { measure: 'first such query (builds the hash index)', 'bare server': '', emulator: `${firstMs.toFixed(1)} ms`, ratio: '', goal: '', result: '' },
      ],
      notes: [
        `Client: the real wx-server-sdk 4.0.2 in the bench process; servers on 127.0.0.1. Throughput: ${REQUESTS} calls per run, best of 2 alternating runs after a ${WARMUP}-call warm-up; query latency: ${QUERIES} sequential calls, measured end to end in the SDK.`,
        'The bare server (a separate Node process, like the emulator) parses the request and answers a canned valid reply of the same size, so the ratio is the share of the SDK-bound ceiling the emulator keeps; both sides are bound by the SDK client, so ratios near or above 100% are within noise.',
        `The emulator holds ${DOCS.toLocaleString('en')} documents (${seedSeconds.toFixed(1)} s to seed through /_emulator/seed); inserts are acknowledged after write + fdatasync of the journal, shared by concurrent writers (group commit).`,
      ],
    }
  } finally {
    await canned.close()
    await emu.stop()
    removeDataDir(emu.dataDir)
    removeDataDir(functionsDir)
  }
}

if (require.main === module) {
  bench().then(
    (section) => {
      console.log(JSON.stringify(section, null, 2))
      process.exit(0)
    },
    (err: Error) => {
      console.error(err.stack ?? err.message)
      process.exit(1)
    },
  )
}
