import { buildCloudFunctions, OUT } from '../../config/build-cloudfunctions'
import { decision, freshCloud, invoker, user } from '../support/consent'
import { removeDataDir, startEmulator } from '../support/emulator'
import { breakdown, roundTrips, total } from './round-trips'
import type { BenchSection } from './types'

const CONTACT = { name: '张三', mobile: '13812345678', regionId: '310115', addressLine: '示例路 88 弄 8 号' }


/** Round trips of the personal centre's view and correction, through the built `personal` function. */
export default async function personalBench(): Promise<BenchSection> {
  await buildCloudFunctions()
  const emu = await startEmulator({ functionsDir: OUT, durability: 'fsync' })
  try {
    await freshCloud(emu)
    const personal = invoker(emu, 'personal')
    const consent = invoker(emu, 'consent')
    const openid = 'o_test_user_1'
    await consent({ action: 'record', request: decision() }, user(openid))
    let n = 0
    const add = () => personal({ action: 'addContact', clientRequestId: `bench-${++n}-xxxxxx`, contact: CONTACT }, user(openid))
    for (let i = 0; i < 3; i++) await add()
    const view = await roundTrips(emu, () => personal({ action: 'inventory' }, user(openid)))
    const added = await roundTrips(emu, add)
    return {
      title: 'Personal centre round trips (real SDK in the built function, emulator)',
      rows: [
        { action: 'view (inventory): a user with 3 contacts, a consent chain, corrections', 'round trips': total(view), calls: breakdown(view), why: 'profile, orders, contacts, salt, corrections, requests, certification in parallel; then the chain head, keyed by the pseudonym the salt gives' },
        { action: 'add a contact', 'round trips': total(added), calls: breakdown(added), why: 'agreement check (salt, head); transaction: start, contacts read, contacts write, correction note, commit' },
      ],
      notes: [
        'The view reads one document or one query per source in `inventory-sources.ts`: it cannot be fewer without merging what CloudBase keeps apart (the salt must live apart from the ledger to anonymise it).',
        'The chain head gives the number of consent records without reading the events, so the view stays at eight calls however long the chain is (and however many orders, up to 1,000: they come 1,000 to a page).',
      ],
    }
  } finally {
    await emu.stop()
    removeDataDir(emu.dataDir)
  }
}
