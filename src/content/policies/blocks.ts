import type { Role } from '../../domain/policy/manifest-schema'
import type { PolicyBlock, PolicySection } from '../../domain/policy/policy-schema'
import type { TableKind } from '../../domain/policy/policy-tables'

/** Small builders that keep the bilingual policy text readable: each sentence pair sits together. */

export function para(zh: string, en: string, emphasis = false): PolicyBlock {
  return emphasis ? { kind: 'paragraph', text: { 'zh-CN': zh, en }, emphasis } : { kind: 'paragraph', text: { 'zh-CN': zh, en } }
}

export function list(items: ReadonlyArray<readonly [zh: string, en: string]>, emphasis = false): PolicyBlock {
  const texts = items.map(([zh, en]) => ({ 'zh-CN': zh, en }))
  return emphasis ? { kind: 'list', items: texts, emphasis } : { kind: 'list', items: texts }
}

export function table(kind: TableKind, role?: Role): PolicyBlock {
  return role ? { kind: 'table', table: kind, role } : { kind: 'table', table: kind }
}

export function section(id: string, zh: string, en: string, blocks: PolicyBlock[]): PolicySection {
  return { id, title: { 'zh-CN': zh, en }, blocks }
}

/** The block, marked with the ids of the behaviours it promises (see src/content/promises.ts). */
export function promising<B extends PolicyBlock>(promises: readonly [string, ...string[]], block: B): B {
  return { ...block, promises: [...promises] }
}
