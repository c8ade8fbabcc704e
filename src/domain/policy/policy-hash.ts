import { canonicalJson, sha256Hex } from '../common/hashing'
import { LANGS, type Lang } from './localized'
import type { PrivacyManifest, Role } from './manifest-schema'
import { type PolicyTable, type TableKind, renderTable } from './policy-tables'

interface TableRef {
  kind: 'table'
  table: TableKind
  role?: Role
}

/** A policy content whose hash covers its rendered tables too (`hashScheme: 2`, from 2026.3). */
function hashesRenderedTables(value: unknown): value is { hashScheme: 2; languages: unknown; sections: unknown; manifest: PrivacyManifest } {
  return value !== null && typeof value === 'object' && (value as { hashScheme?: unknown }).hashScheme === 2
}

/**
 * Every table block of a content as the reader sees it, per language, in reading order: captions, column
 * names, labels, cells and the empty text, which come partly from code (policy-tables.ts, privacy-apis.ts).
 */
export function renderedTables(content: { languages: unknown; sections: unknown; manifest: PrivacyManifest }): Partial<Record<Lang, PolicyTable[]>> {
  const langs = (Array.isArray(content.languages) ? content.languages : []).filter((l): l is Lang => (LANGS as readonly string[]).includes(l))
  const sections = Array.isArray(content.sections) ? (content.sections as Array<{ blocks?: unknown }>) : []
  const refs = sections.flatMap((s) => (Array.isArray(s.blocks) ? (s.blocks as Array<{ kind?: unknown }>) : [])).filter((b): b is TableRef => b.kind === 'table')
  return Object.fromEntries(langs.map((lang) => [lang, refs.map((ref) => renderTable(content.manifest, ref, lang))]))
}

/**
 * The content hash of a policy version: hex SHA-256 of its canonical JSON. Consent events carry it,
 * so a record proves which exact text (and manifest) the user saw. From `hashScheme: 2` (2026.3) the
 * hash is over `{ content, rendered }`, `rendered` being the tables in every language as displayed, so
 * changing a label in the code changes the hash as surely as changing the text; versions without the
 * field (2026.1, 2026.2) hash exactly as they were published.
 */
export function contentHash(content: unknown): string {
  if (hashesRenderedTables(content)) return sha256Hex(canonicalJson({ content, rendered: renderedTables(content) }))
  return sha256Hex(canonicalJson(content))
}
