import type { PrivacyManifest } from './manifest-schema'
import { PERMISSION_DECLARED_SCOPES, WX_PRIVACY_APIS } from './privacy-apis'

/** WeChat truncates `permission.desc` beyond this many characters. */
export const PERMISSION_DESC_MAX = 30

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i)
}

/**
 * Cross-references the schema cannot express. An empty list means the manifest is coherent:
 * every reference resolves, every category has a retention class and is used by some purpose,
 * and every feature declares the scope its privacy APIs need.
 */
export function checkManifest(m: PrivacyManifest): string[] {
  const problems: string[] = []
  const retention = new Set(m.retentionClasses.map((r) => r.id))
  const categories = new Map(m.dataCategories.map((c) => [c.id, c]))
  const purposes = new Map(m.purposes.map((p) => [p.id, p]))

  for (const [what, ids] of [
    ['retention class', m.retentionClasses.map((r) => r.id)],
    ['data category', m.dataCategories.map((c) => c.id)],
    ['purpose', m.purposes.map((p) => p.id)],
    ['feature', m.features.map((f) => f.id)],
    ['sdk', m.sdks.map((s) => s.id)],
    ['recipient', (m.sharing ?? []).map((r) => r.id)],
    ['contact', (m.contacts ?? []).map((c) => c.id)],
  ] as const) {
    for (const id of duplicates(ids)) problems.push(`duplicate ${what} id "${id}"`)
  }

  for (const r of m.retentionClasses) {
    for (const id of r.appliesTo ?? []) if (!categories.has(id)) problems.push(`retention class "${r.id}" applies to unknown data category "${id}"`)
    if (!m.dataCategories.some((c) => c.retention === r.id) && !r.appliesTo?.length) problems.push(`retention class "${r.id}" covers no data category`)
  }

  for (const c of m.dataCategories) {
    if (!retention.has(c.retention)) problems.push(`data category "${c.id}" has unknown retention class "${c.retention}"`)
    const users = m.purposes.filter((p) => p.dataCategories.includes(c.id))
    if (users.length === 0) problems.push(`data category "${c.id}" is used by no purpose`)
    for (const role of c.roles) {
      if (!users.some((p) => p.roles.includes(role))) problems.push(`data category "${c.id}" is declared for ${role} but no ${role} purpose uses it`)
    }
  }

  for (const p of m.purposes) {
    for (const id of p.dataCategories) {
      const c = categories.get(id)
      if (!c) problems.push(`purpose "${p.id}" uses unknown data category "${id}"`)
      // Sensitive PI needs its own, separate consent (PIPL Art. 29); the general agreement does not cover it.
      else if (c.sensitive && p.legalBasis !== 'separate-consent') {
        problems.push(`purpose "${p.id}" processes sensitive "${id}" without separate consent`)
      }
    }
    if (p.kind === 'extended' && p.legalBasis !== 'consent' && p.legalBasis !== 'separate-consent') {
      problems.push(`extended purpose "${p.id}" must rest on consent, since the user may refuse it`)
    }
  }

  for (const f of m.features) {
    if (!purposes.has(f.purpose)) problems.push(`feature "${f.id}" has unknown purpose "${f.purpose}"`)
    for (const api of f.privacyApis) {
      const needed = (WX_PRIVACY_APIS[api] as { scope?: string }).scope
      if (needed && f.scope !== needed) problems.push(`feature "${f.id}" calls ${api}, which needs ${needed}, but declares ${f.scope ?? 'no scope'}`)
    }
    if (f.scope && PERMISSION_DECLARED_SCOPES.includes(f.scope) && [...f.useNote['zh-CN']].length > PERMISSION_DESC_MAX) {
      problems.push(`feature "${f.id}" useNote is longer than ${PERMISSION_DESC_MAX} characters, the app.json permission.desc limit`)
    }
  }

  for (const s of m.sdks) {
    for (const id of s.dataCategories) if (!categories.has(id)) problems.push(`sdk "${s.id}" uses unknown data category "${id}"`)
  }

  // PIPL Art. 23: once a manifest lists its recipients, the list is complete and agrees with the purposes and processors.
  if (m.sharing) {
    const processors = new Set(m.processors.map((p) => p.id))
    for (const r of m.sharing) {
      for (const id of r.purposes) if (!purposes.has(id)) problems.push(`recipient "${r.id}" has unknown purpose "${id}"`)
      for (const id of r.dataCategories) if (!categories.has(id)) problems.push(`recipient "${r.id}" receives unknown data category "${id}"`)
      if (r.method === 'provision') {
        if (!r.legalBasis) problems.push(`recipient "${r.id}" is provided data without a legal basis`)
        for (const id of r.purposes) if (!purposes.get(id)?.recipients?.length) problems.push(`recipient "${r.id}" gets data for "${id}", which names no recipient`)
        for (const id of r.dataCategories) {
          if (!r.purposes.some((p) => purposes.get(p)?.dataCategories.includes(id))) problems.push(`recipient "${r.id}" receives "${id}", which none of its purposes uses`)
        }
      } else if (!r.processor || !processors.has(r.processor)) problems.push(`recipient "${r.id}" processes on our behalf but names no known processor`)
    }
    for (const p of m.purposes) {
      if (p.recipients?.length && !m.sharing.some((r) => r.method === 'provision' && r.purposes.includes(p.id))) problems.push(`purpose "${p.id}" names recipients that the sharing list lacks`)
    }
    for (const p of m.processors) if (!m.sharing.some((r) => r.processor === p.id)) problems.push(`processor "${p.id}" is missing from the sharing list`)
  }
  return problems
}
