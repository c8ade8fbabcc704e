import { dbStats } from '../support/consent'
import type { RunningEmulator } from '../support/emulator'

/** The database calls one function call makes, counted at the emulator; throws unless it succeeded. */
export async function roundTrips(emu: RunningEmulator, run: () => Promise<{ result?: { ok: boolean } }>): Promise<Record<string, number>> {
  await emu.control('/stats', undefined, 'DELETE')
  const reply = await run()
  if (!reply.result?.ok) throw new Error(`call failed: ${JSON.stringify(reply)}`)
  return dbStats(emu)
}

export const total = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0)
export const breakdown = (stats: Record<string, number>) =>
  Object.entries(stats)
    .map(([k, v]) => `${k.replace('database.', '')} ${v}`)
    .join(', ')
