import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { buildCloudFunctions, OUT } from '../../config/build-cloudfunctions'
import { seedBulkUser } from '../support/bulk-user'
import { freshCloud, invoker, user } from '../support/consent'
import { removeDataDir, startEmulator } from '../support/emulator'
import type { BenchSection } from './types'

const EVENTS = 10_000
const CONTACTS = 10
const ORDERS = 500
/** The budget's avatar: far over what the app uploads (64 KB), seeded straight into storage to weigh the zip. */
const AVATAR_BYTES = 2 * 1024 * 1024
const OPENID = 'o_test_user_1'

/** Peak resident memory of a process so far (Linux `VmHWM`), in MB. */
function peakMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024)
}

/**
 * The export archive at scale, through the built `export` function and the real SDK: a user with
 * 10,000 consent events, 10 contacts, 500 orders and a 2 MB avatar. Reports the time against the function's configured timeout
 * and the emulator process's peak memory (the function runs inside it).
 */
export default async function exportBench(): Promise<BenchSection> {
  await buildCloudFunctions()
  const timeoutS = (JSON.parse(readFileSync(`${OUT}/export/config.json`, 'utf8')) as { timeout: number }).timeout
  const emu = await startEmulator({ functionsDir: OUT, durability: 'fsync' })
  try {
    await freshCloud(emu)
    await seedBulkUser(emu, OPENID, { events: EVENTS, orders: ORDERS, contacts: 0, files: 1, avatarBytes: AVATAR_BYTES })
    const personal = invoker(emu, 'personal')
    for (let i = 0; i < CONTACTS; i++) {
      const r = await personal({ action: 'addContact', clientRequestId: `bench-contact-${i}`, contact: { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: `示例路 ${i + 1} 号` } }, user(OPENID))
      if (!r.result?.ok) throw new Error(`seeding contacts failed: ${JSON.stringify(r)}`)
    }
    const before = peakMb(emu.child.pid!)
    const t0 = performance.now()
    const reply = await invoker(emu, 'export')({ action: 'requestExport', clientRequestId: 'bench-export-1' }, user(OPENID))
    const ms = performance.now() - t0
    if (!reply.result?.ok) throw new Error(`export failed: ${JSON.stringify(reply)}`)
    const archive = reply.result.data.archive as { size: number; status: string }
    const after = peakMb(emu.child.pid!)
    return {
      title: 'Export archive at scale (real SDK in the built function, emulator)',
      rows: [
        {
          user: `${EVENTS.toLocaleString('en')} consent events, ${CONTACTS} contacts, ${ORDERS} orders, a ${AVATAR_BYTES / 1024 / 1024} MB avatar`,
          'build time': `${(ms / 1000).toFixed(1)} s`,
          'function timeout': `${timeoutS} s`,
          'zip size': `${(archive.size / 1024).toFixed(0)} KB`,
          'emulator peak RSS': `${before} MB before, ${after} MB after`,
          result: ms < timeoutS * 1000 ? 'within the timeout' : 'OVER the timeout',
        },
      ],
      notes: [
        `One ${EVENTS.toLocaleString('en')}-event chain and ${ORDERS} orders built with the domain's own code and seeded, then one \`requestExport\`, which reads every event (1,000 per round trip), writes one receipt per event into the zip as the zip reaches it, uploads, and records the metadata.`,
        'The function runs inside the emulator process, so its peak resident memory bounds the function’s. The avatar (random bytes framed as a JPEG, so it does not deflate) is stored in the zip as it is.',
      ],
    }
  } finally {
    await emu.stop()
    removeDataDir(emu.dataDir)
  }
}
