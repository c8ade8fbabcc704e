import { DomainError } from '../../../src/domain/common/errors'
import { compareVersions, isIntact, type PublishedPolicy } from '../../../src/domain/policy/policy-version'
import { z } from 'zod/mini'
import { versionSchema } from '../../../src/domain/policy/ids'
import { policyContentSchema } from '../../../src/domain/policy/policy-schema'
import { database, lenientDatabase, settled } from '../adapters/wx'
import { lazy, parseDoc, parseRows, rowId } from '../rows/parse'

export const POLICIES = 'policies'

/** Row schemas, built on first use (see `lazy`). The hash check in `accept` then proves the content unchanged. */
const rows = lazy(() => ({
  policy: z.object({
    _id: rowId(),
    version: versionSchema,
    effectiveDate: z.string(),
    hash: z.string(),
    publishedAt: z.string(),
    change: z.enum(['initial', 'major', 'minor']),
    content: policyContentSchema,
  }),
  id: z.object({ _id: rowId() }),
}))
type PolicyRow = z.infer<ReturnType<typeof rows>['policy']>

/** Published snapshots never change, so a verified one is kept for the life of the function instance. */
const verified = new Map<string, PublishedPolicy>()

function accept(row: PolicyRow): PublishedPolicy {
  const { _id, ...policy } = row
  // A snapshot edited in the database would make consent cite text the user never saw: refuse it.
  if (_id !== policy.version || !isIntact(policy)) throw new DomainError('POLICY.TAMPERED', `stored policy ${_id} no longer matches its hash`)
  verified.set(_id, policy)
  return policy
}

/** The `policies` collection: one insert-only row per published version, `_id` = version. */
export const policies = {
  /** One version, or undefined if it was never published. One round trip unless already verified here. */
  async find(version: string): Promise<PublishedPolicy | undefined> {
    const cached = verified.get(version)
    if (cached) return cached
    const { data } = await settled(lenientDatabase().collection(POLICIES).doc(version).get())
    const row = parseDoc(rows().policy, data, POLICIES)
    return row && accept(row)
  },

  /** Every published version, newest first: one round trip for the ids, one more for any not yet verified here. */
  async all(): Promise<PublishedPolicy[]> {
    const db = database()
    const { data } = await settled(db.collection(POLICIES).field({ _id: true }).limit(1000).get())
    const ids = parseRows(rows().id, data, POLICIES)
    const missing = ids.map((r) => r._id).filter((id) => !verified.has(id))
    if (missing.length) {
      const { data } = await settled(db.collection(POLICIES).where({ _id: db.command.in(missing) }).limit(1000).get())
      for (const row of parseRows(rows().policy, data, POLICIES)) accept(row)
    }
    return ids
      .flatMap((r) => verified.get(r._id) ?? [])
      .sort((a, b) => compareVersions(b.version, a.version))
  },

  /** Stores a newly published version; a second insert of the same version fails (the `_id` is unique). */
  async insert(policy: PublishedPolicy): Promise<void> {
    await settled(database().collection(POLICIES).add({ data: { _id: policy.version, ...policy } }))
  },
}
