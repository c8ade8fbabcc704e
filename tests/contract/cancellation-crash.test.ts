import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { DELETION_CERTIFICATES } from '../../cloudfunctions/_shared/repositories/cancellations'
import { approvedCancellationRow, filesOf, leftOf, seedBulkUser } from '../support/bulk-user'
import { freshCloud } from '../support/consent'
import { removeDataDir, type RunningEmulator, startEmulator, useSdk } from '../support/emulator'

const ME = 'o_test_user_41'
const NEIGHBOUR = 'o_test_user_42'
const REQUEST = 'crashcancel000000001'

// The scheduler's deletion survives the emulator being killed (SIGKILL) mid-way: the next run finishes it.
describe('cancellation across kill -9', () => {
  let first: RunningEmulator | undefined
  let again: RunningEmulator | undefined
  afterAll(async () => {
    await again?.stop()
    if (first) removeDataDir(first.dataDir)
  })

  const requestRow = async () => ((await settled(database().collection('rights_requests').where({ _id: REQUEST }).get())).data as Array<Record<string, any>>)[0]

  it('resumes after a crash in the middle and leaves nothing of the user, and nothing changed of the neighbour', async () => {
    first = await startEmulator({ durability: 'fsync' })
    await freshCloud(first)
    await seedBulkUser(first, ME, { events: 300, orders: 20, contacts: 5, files: 30 })
    await seedBulkUser(first, NEIGHBOUR, { events: 5, orders: 2, contacts: 1, files: 3 })
    await first.control('/seed', { collections: { rights_requests: [approvedCancellationRow(ME, REQUEST, new Date(Date.now() - 8 * 86_400_000))] } })
    const myFiles = await filesOf(ME)
    const neighbourFiles = await filesOf(NEIGHBOUR)
    const neighbourBefore = await leftOf(NEIGHBOUR, neighbourFiles)

    // Every database call slowed, so the run is still deleting when it is killed.
    await first.control('/faults', { latencyMs: 100 })
    void first.control('/timers/run', { name: 'account', trigger: 'runCancellations' }).catch(() => undefined)
    let row = await requestRow()
    while (!(row?.deletion?.done?.length > 0)) row = await requestRow()
    await first.kill()
    expect(first.child.signalCode).toBe('SIGKILL')

    again = await startEmulator({ durability: 'fsync', dataDir: first.dataDir })
    useSdk(again)
    const interrupted = await requestRow()
    expect(interrupted).toMatchObject({ status: 'processing' })
    for (let run = 0; run < 5 && (await requestRow())?.status !== 'completed'; run++) await again.control('/timers/run', { name: 'account', trigger: 'runCancellations' })
    expect(await requestRow()).toMatchObject({ status: 'completed', outcome: interrupted!.certificateId })
    expect(await leftOf(ME, myFiles)).toEqual({ rows: 0, files: 0 })
    expect((await settled(database().collection(DELETION_CERTIFICATES).get())).data).toHaveLength(1)
    expect(await leftOf(NEIGHBOUR, neighbourFiles)).toEqual(neighbourBefore)
  })
})
