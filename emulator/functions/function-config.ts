import { readFile } from 'node:fs/promises'
import { type CronSchedule, parseCron } from './cron'

export interface TimerTrigger {
  name: string
  schedule: CronSchedule
}

/** What the runner takes from a function's `config.json`. */
export interface FunctionConfig {
  timeoutMs: number
  triggers: TimerTrigger[]
  /** `permissions.openapi`: the `cloud.openapi.*` APIs (e.g. `subscribeMessage.send`) the function may call. */
  openapi: string[]
}

/** CloudBase's default function timeout. */
const DEFAULT_TIMEOUT_S = 3
/** SCF's upper bound for a function timeout. */
const MAX_TIMEOUT_S = 900
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
/** `<namespace>.<method>` as after `cloud.openapi.`, e.g. `subscribeMessage.send`. */
const OPENAPI_NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/

/**
 * Reads `config.json` next to a function (absent = defaults). Throws an Error naming the file
 * and the problem: a wrong config should stop the emulator loudly, as a deploy would fail.
 */
export async function readFunctionConfig(file: string): Promise<FunctionConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { timeoutMs: DEFAULT_TIMEOUT_S * 1000, triggers: [], openapi: [] }
    throw err
  }
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return fail('not valid JSON')
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('must be a JSON object')
  const { timeout = DEFAULT_TIMEOUT_S, triggers = [], permissions = {} } = raw as { timeout?: unknown; triggers?: unknown; permissions?: unknown }
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > MAX_TIMEOUT_S) fail(`timeout must be a number of seconds in (0, ${MAX_TIMEOUT_S}]`)
  if (!Array.isArray(triggers)) return fail('triggers must be an array')
  const seen = new Set<string>()
  const parsed = triggers.map((t: unknown, i): TimerTrigger => {
    const { name, type, config } = (t ?? {}) as { name?: unknown; type?: unknown; config?: unknown }
    if (typeof name !== 'string' || !TRIGGER_NAME.test(name)) fail(`triggers[${i}].name must start with a letter and use a-z, A-Z, 0-9, - or _ (≤ 60)`)
    if (seen.has(name as string)) fail(`triggers[${i}].name ${String(name)} is used twice`)
    seen.add(name as string)
    if (type !== 'timer') fail(`triggers[${i}].type must be "timer"`)
    if (typeof config !== 'string') return fail(`triggers[${i}].config must be a cron string`)
    try {
      return { name: name as string, schedule: parseCron(config) }
    } catch (err) {
      return fail(`triggers[${i}]: ${(err as Error).message}`)
    }
  })
  if (permissions === null || typeof permissions !== 'object' || Array.isArray(permissions)) return fail('permissions must be an object')
  const { openapi = [] } = permissions as { openapi?: unknown }
  if (!Array.isArray(openapi) || !openapi.every((api) => typeof api === 'string' && OPENAPI_NAME.test(api))) fail('permissions.openapi must be an array of API names such as "subscribeMessage.send"')
  return { timeoutMs: Math.round((timeout as number) * 1000), triggers: parsed, openapi: openapi as string[] }
}
