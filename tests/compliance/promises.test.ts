import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { LATEST_POLICY, POLICY_2026_1, POLICY_2026_2 } from '../../src/content'
import { LOCAL_STORAGE_KEYS } from '../../src/content/local-storage'
import { FEATURES, PROMISE_REGISTER, type PromiseEntry } from '../../src/content/promises'
import type { PolicyContent } from '../../src/domain/policy'

/**
 * The promise register (issue 12, item 15; docs/compliance.md "Promise register"): every behaviour the
 * policy in force promises has an id in its content, and every id is either held by named code and tests,
 * waiting for a named feature that is not built yet, or an organisational duty with its evidence.
 */
const ROOT = join(__dirname, '..', '..')

type Features = Readonly<Record<string, { built: boolean }>>

/** Promise ids in the policy's blocks, in reading order, each once. */
export function promiseIds(policy: PolicyContent): string[] {
  const ids = policy.sections.flatMap((s) => s.blocks.flatMap((b) => b.promises ?? []))
  return [...new Set(ids)]
}

/** Test names in a jest file: the first string argument of it/test (and their .each/.skip/.only forms, or a conditional alias). */
export function testNames(source: string): string[] {
  const out: string[] = []
  const call = /\b(?:it|test|whenCovered)(?:\.(?:each\s*\([^)]*\)|skip|only|concurrent))?\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g
  for (const m of source.matchAll(call)) out.push(m[2].replace(/\\(.)/g, '$1'))
  return out
}

/** Every way the register and the policy disagree; empty when they agree. */
export function registerProblems(policy: PolicyContent, register: Readonly<Record<string, PromiseEntry>>, features: Features, root: string = ROOT): string[] {
  const problems: string[] = []
  const ids = promiseIds(policy)
  for (const id of ids) if (!register[id]) problems.push(`promise "${id}" in policy ${policy.version} has no register entry`)
  for (const id of Object.keys(register)) if (!ids.includes(id)) problems.push(`register entry "${id}" is not a promise in policy ${policy.version}`)
  const names = new Map<string, string[]>()
  for (const [id, entry] of Object.entries(register)) {
    if (!entry.what.trim()) problems.push(`"${id}" does not say what it promises`)
    if (entry.status === 'held') {
      if (!entry.code.length) problems.push(`"${id}" is held but names no code`)
      if (!entry.tests.length) problems.push(`"${id}" is held but names no test`)
      for (const path of entry.code) if (!existsSync(join(root, path))) problems.push(`"${id}" names code ${path}, which does not exist`)
      for (const t of entry.tests) {
        if (!existsSync(join(root, t.file))) {
          problems.push(`"${id}" names test file ${t.file}, which does not exist`)
          continue
        }
        if (!names.has(t.file)) names.set(t.file, testNames(readFileSync(join(root, t.file), 'utf8')))
        if (!names.get(t.file)!.some((n) => n.includes(t.name))) problems.push(`"${id}" names a test "${t.name}" that ${t.file} does not have`)
      }
    } else if (entry.status === 'pending') {
      const feature = features[entry.waitsFor]
      if (!feature) problems.push(`"${id}" waits for unknown feature "${entry.waitsFor}"`)
      else if (feature.built) problems.push(`"${id}" is pending, but its feature "${entry.waitsFor}" is marked built: name the code and test that hold it now`)
    } else if (!entry.evidence.trim()) problems.push(`"${id}" is organisational but gives no evidence`)
  }
  for (const [feature, f] of Object.entries(features)) {
    const waiting = Object.values(register).some((e) => e.status === 'pending' && e.waitsFor === feature)
    if (!f.built && !waiting) problems.push(`feature "${feature}" is not built, but no promise waits for it`)
  }
  return problems
}

describe('the promise register', () => {
  it('covers every promise of the policy in force, and nothing else; every file and test it names exists; no pending promise waits for a built feature', () => {
    expect(LATEST_POLICY.version).toBe('2026.3')
    expect(registerProblems(LATEST_POLICY, PROMISE_REGISTER, FEATURES)).toEqual([])
  })

  it('lists promises in the policy, which carries at least one in every section that promises behaviour', () => {
    const ids = promiseIds(LATEST_POLICY)
    expect(ids.length).toBeGreaterThan(30)
    for (const id of ['about', 'sensitive', 'permissions', 'device-storage', 'storage', 'sharing', 'security', 'rights', 'minors', 'changes', 'contact']) {
      expect(LATEST_POLICY.sections.find((s) => s.id === id)!.blocks.some((b) => b.promises?.length)).toBe(true)
    }
  })

  it('is summarised in docs/compliance.md, status by status, exactly as registered', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'compliance.md'), 'utf8')
    const section = doc.slice(doc.indexOf('## Promise register'))
    for (const status of ['held', 'pending', 'organisational'] as const) {
      const row = section.split('\n').find((l) => l.startsWith(`| ${status} |`))
      expect(row).toBeDefined()
      const listed = row!.split('|')[2].replace(/\([^)]*\)/g, '').split(/,| and /).map((x) => x.trim()).filter(Boolean).sort()
      const registered = Object.entries(PROMISE_REGISTER).filter(([, e]) => e.status === status).map(([id]) => id).sort()
      expect([status, listed]).toEqual([status, registered])
    }
  })

  it('leaves the published versions’ bytes alone: 2026.1 and 2026.2 carry no promise ids', () => {
    expect(promiseIds(POLICY_2026_1)).toEqual([])
    expect(promiseIds(POLICY_2026_2)).toEqual([])
  })

  it('finds the names of tests however they are written (self-check)', () => {
    const source = [
      "it('plain one', () => {})",
      'test("double quoted", () => {})',
      "it.each([1, 2])('each %s', () => {})",
      "whenCovered('a conditional alias', async () => {})",
      "it('an escaped \\' quote', () => {})",
      "// describe('a suite is not a test')",
    ].join('\n')
    expect(testNames(source)).toEqual(['plain one', 'double quoted', 'each %s', 'a conditional alias', "an escaped ' quote"])
  })

  describe('fails (self-check)', () => {
    const policy = structuredClone(LATEST_POLICY)
    const base = (): Record<string, PromiseEntry> => ({ ...PROMISE_REGISTER })

    it('when a promise in the policy has no register entry', () => {
      const register = base()
      delete register['withdraw-one-tap']
      expect(registerProblems(policy, register, FEATURES)).toEqual(['promise "withdraw-one-tap" in policy 2026.3 has no register entry'])
    })

    it('when a register entry names a promise the policy does not make', () => {
      const register = { ...base(), 'teleports-parcels': { status: 'organisational', what: 'x', evidence: 'y' } as const }
      expect(registerProblems(policy, register, FEATURES)).toEqual(['register entry "teleports-parcels" is not a promise in policy 2026.3'])
    })

    it('when an entry names a test file that does not exist, or a test that file does not have', () => {
      const register = base()
      register['withdraw-one-tap'] = { status: 'held', what: 'x', code: ['src/flows/privacy-session.ts'], tests: [{ file: 'tests/e2e/nowhere.test.ts', name: 'x' }] }
      register['right-to-view'] = { status: 'held', what: 'x', code: ['src/nowhere.ts'], tests: [{ file: 'tests/e2e/privacy.test.ts', name: 'a test nobody wrote' }] }
      expect(registerProblems(policy, register, FEATURES)).toEqual([
        '"withdraw-one-tap" names test file tests/e2e/nowhere.test.ts, which does not exist',
        '"right-to-view" names code src/nowhere.ts, which does not exist',
        '"right-to-view" names a test "a test nobody wrote" that tests/e2e/privacy.test.ts does not have',
      ])
    })

    it('when a pending promise’s feature is marked built, or it waits for an unknown feature', () => {
      expect(registerProblems(policy, base(), { ...FEATURES, 'personalised-recommendations': { built: true } })).toEqual([
        '"recommendations-off-deletes-tags" is pending, but its feature "personalised-recommendations" is marked built: name the code and test that hold it now',
      ])
      const register = { ...base(), 'recommendations-off-deletes-tags': { status: 'pending', what: 'x', waitsFor: 'carrier-pigeon' } as unknown as PromiseEntry }
      expect(registerProblems(policy, register, FEATURES)).toContain('"recommendations-off-deletes-tags" waits for unknown feature "carrier-pigeon"')
    })

    it('when a promise is added to the policy text without an entry', () => {
      const more = structuredClone(LATEST_POLICY)
      more.sections[0].blocks[0] = { ...more.sections[0].blocks[0], promises: ['answers-in-one-hour'] }
      expect(registerProblems(more, PROMISE_REGISTER, FEATURES)).toEqual(['promise "answers-in-one-hour" in policy 2026.3 has no register entry'])
    })
  })
})

/** Keys the app writes to WeChat's local storage, resolved from literals or same-file string constants. */
function storageWrites(dir: string): Array<{ file: string; key: string }> {
  const out: Array<{ file: string; key: string }> = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name)
      // The h5 simulator's own state is not the mini-program's (it stands in for WeChat in tests).
      if (e.isDirectory()) {
        if (path !== join(ROOT, 'src', 'platform', 'simulator')) walk(path)
      } else if (/\.tsx?$/.test(e.name)) {
        const source = readFileSync(path, 'utf8')
        const constants = new Map([...source.matchAll(/const\s+([A-Za-z_$][\w$]*)\s*=\s*'([^']*)'/g)].map((m) => [m[1], m[2]]))
        // The platform's `writeLocal(key, value)` is the wrapper: its own `key` is whatever its callers pass.
        const wrapper = /function\s+writeLocal\s*\(\s*key\b/.test(source)
        for (const m of source.matchAll(/\b(?:setStorage(?:Sync)?|writeLocal)\s*\(\s*(?:\{\s*key:\s*)?([A-Za-z_$][\w$]*|'[^']*'|`[^`]*`)/g)) {
          const arg = m[1]
          if (wrapper && arg === 'key') continue
          const key = /^['`]/.test(arg) ? arg.slice(1, -1) : (constants.get(arg) ?? `<unresolved ${arg}>`)
          out.push({ file: path.slice(ROOT.length + 1), key })
        }
        for (const m of source.matchAll(/\blocalStorage\.setItem\s*\(\s*([^,]+),/g)) {
          if (!(wrapper && m[1].trim() === 'key')) out.push({ file: path.slice(ROOT.length + 1), key: `<localStorage ${m[1].trim()}>` })
        }
      }
    }
  }
  walk(dir)
  return out
}

describe('what the policy says is kept on the device', () => {
  it('local storage holds only the keys the policy lists', () => {
    const writes = storageWrites(join(ROOT, 'src'))
    expect(writes.length).toBeGreaterThan(0)
    expect([...new Set(writes.map((w) => w.key))].filter((k) => !(k in LOCAL_STORAGE_KEYS)).map((k) => `${k} (${writes.filter((w) => w.key === k).map((w) => w.file).join(', ')})`)).toEqual([])
    // And each listed key is written somewhere: the policy names nothing the app does not keep.
    expect(Object.keys(LOCAL_STORAGE_KEYS).filter((k) => !writes.some((w) => w.key === k))).toEqual([])
    const section = LATEST_POLICY.sections.find((s) => s.id === 'device-storage')!
    const text = section.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text['zh-CN']] : [])).join('')
    expect(text).toContain('三项')
    expect(Object.keys(LOCAL_STORAGE_KEYS)).toHaveLength(3)
  })
})
