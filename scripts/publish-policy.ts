import { parseArgs } from 'node:util'
import { policies } from '../cloudfunctions/_shared/repositories/policies'
import { stores } from '../cloudfunctions/_shared/repositories/stores'
import { POLICY_VERSIONS } from '../src/content'
import { STORES } from '../src/content/stores'
import type { PolicyContent } from '../src/domain/policy/policy-schema'
import { publish } from '../src/domain/policy/policy-publish'
import { sdkEnv } from '../emulator/env-recipe'

/**
 * The operator's publishing step, through the real wx-server-sdk (as a deploy script would run it
 * against CloudBase): each draft goes through the domain's `publish()` against the stored history,
 * so versions only move forward and identical content creates nothing.
 */
export interface PublishReport {
  version: string
  created: boolean
  /** Why nothing was created: the version exists with this content, or the latest already has this text. */
  reason?: 'same-version' | 'same-content'
}

/** Points the SDK in this process at a running emulator (its env id from the control API). */
export async function useEmulator(url: string): Promise<void> {
  const res = await fetch(`${url}/_emulator/health`)
  if (!res.ok) throw new Error(`no emulator at ${url} (${res.status})`)
  const { envId } = (await res.json()) as { envId: string }
  Object.assign(process.env, sdkEnv(`${url}/admin`, envId))
}

/** Publishes the drafts in order; insert-only, one row per new version. */
export async function publishPolicies(drafts: readonly PolicyContent[], now: Date): Promise<PublishReport[]> {
  let history = await policies.all()
  const reports: PublishReport[] = []
  for (const draft of drafts) {
    const outcome = publish(history, draft, { now })
    if (outcome.created) {
      await policies.insert(outcome.published)
      history = outcome.history
      reports.push({ version: outcome.published.version, created: true })
    } else reports.push({ version: draft.version, created: false, reason: outcome.reason })
  }
  return reports
}

/** Writes the fictional store catalogue (create or replace each store). */
export async function seedStores(): Promise<number> {
  await stores.put(STORES)
  return STORES.length
}

/** `npm run policy:publish -- --url http://127.0.0.1:9555 2026.2 [--stores]` */
async function cli(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string', default: 'http://127.0.0.1:9555' }, stores: { type: 'boolean', default: false } },
  })
  const drafts = positionals.map((version) => {
    const draft = POLICY_VERSIONS.find((p) => p.version === version)
    if (!draft) throw new Error(`unknown version ${version}; the app ships ${POLICY_VERSIONS.map((p) => p.version).join(', ')}`)
    return draft
  })
  if (drafts.length === 0 && !values.stores) throw new Error('usage: npm run policy:publish -- [--url http://127.0.0.1:9555] [--stores] <version>…')
  await useEmulator(values.url)
  for (const r of await publishPolicies(drafts, new Date())) console.log(r.created ? `published ${r.version}` : `${r.version}: nothing to publish (${r.reason})`)
  if (values.stores) console.log(`wrote ${await seedStores()} stores`)
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((err: Error) => {
    console.error(err.message)
    process.exit(1)
  })
}
