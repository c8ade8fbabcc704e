import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { DomainError } from '../common/errors'
import { langSchema, localizedTextSchema } from './localized-schema'
import { checkManifest } from './manifest-check'
import { idSchema, versionSchema } from './ids'
import { privacyManifestSchema, ROLES } from './manifest-schema'
import { TABLE_KINDS } from './policy-tables'

/**
 * Ids of the behaviours a block promises (e.g. `withdraw-deletes-location`). Each id has an entry in the
 * promise register (src/content/promises.ts) naming the code that keeps it and the test that holds it, or
 * saying it waits for a feature (tests/compliance/promises.test.ts). Optional, so 2026.1 and 2026.2 keep their bytes.
 */
const promisesSchema = lazySchema(() => z.optional(z.array(idSchema).check(z.minLength(1))))

export const blockSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: localizedTextSchema, emphasis: z.optional(z.boolean()), promises: promisesSchema }),
  z.object({ kind: z.literal('list'), items: z.array(localizedTextSchema).check(z.minLength(1)), emphasis: z.optional(z.boolean()), promises: promisesSchema }),
  /** A table rendered from the embedded manifest, so the policy never restates it by hand. */
  z.object({ kind: z.literal('table'), table: z.enum(TABLE_KINDS), role: z.optional(z.enum(ROLES)), promises: promisesSchema }),
]))
export type PolicyBlock = z.infer<typeof blockSchema>

export const sectionSchema = lazySchema(() => z.object({
  /** Stable across versions: the change list and deep links key on it. */
  id: idSchema,
  title: localizedTextSchema,
  blocks: z.array(blockSchema).check(z.minLength(1)),
}))
export type PolicySection = z.infer<typeof sectionSchema>

export const policyContentSchema = lazySchema(() => z.object({
  version: versionSchema,
  effectiveDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  languages: z.array(langSchema).check(z.minLength(1)),
  title: localizedTextSchema,
  /** Key points for the first-run and re-consent sheets. */
  summary: z.array(localizedTextSchema).check(z.minLength(1)),
  sections: z.array(sectionSchema).check(z.minLength(1)),
  /** The manifest as of this version: its tables, and the purposes a consent covers, are frozen with it. */
  manifest: privacyManifestSchema,
  /**
   * What `contentHash` covers (policy-hash.ts). Absent (2026.1, 2026.2): the content's canonical JSON.
   * 2 (from 2026.3): that and the tables as rendered in every language, so a label changed in the code
   * (policy-tables.ts, privacy-apis.ts) changes the hash too.
   */
  hashScheme: z.optional(z.literal(2)),
}))
export type PolicyContent = z.infer<typeof policyContentSchema>

function missingTranslations(value: unknown, langs: readonly string[], path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => missingTranslations(v, langs, `${path}[${i}]`, out))
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record['zh-CN'] === 'string') {
      for (const lang of langs) if (typeof record[lang] !== 'string') out.push(`${path || '(root)'} has no ${lang} text`)
      return
    }
    for (const [k, v] of Object.entries(record)) missingTranslations(v, langs, path ? `${path}.${k}` : k, out)
  }
}

function isCalendarDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/**
 * Validates a draft before it can be published: the shape, Simplified Chinese present
 * (认定方法 §1(4)), every listed language complete, unique section ids and a coherent manifest.
 * @throws DomainError `POLICY.INVALID_CONTENT` listing every problem found.
 */
export function parsePolicyContent(input: unknown): PolicyContent {
  const parsed = policyContentSchema.safeParse(input)
  if (!parsed.success) {
    throw new DomainError('POLICY.INVALID_CONTENT', parsed.error.issues.map((i) => `${i.path.join('.') || '(content)'}: ${i.message}`).join('; '))
  }
  const content = parsed.data
  const problems: string[] = []
  if (!content.languages.includes('zh-CN')) problems.push('languages must include zh-CN')
  if (!isCalendarDate(content.effectiveDate)) problems.push(`effectiveDate ${content.effectiveDate} is not a calendar date`)
  const ids = content.sections.map((s) => s.id)
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`duplicate section id "${id}"`)
  missingTranslations(content, content.languages, '', problems)
  problems.push(...checkManifest(content.manifest))
  if (content.manifest.tableEdition !== undefined && content.hashScheme !== 2) problems.push('a manifest with a table edition needs hashScheme 2, so its rendered tables are hashed')
  if (problems.length) throw new DomainError('POLICY.INVALID_CONTENT', problems.join('; '))
  return content
}
