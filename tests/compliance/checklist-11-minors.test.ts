import { LATEST_POLICY, POLICY_VERSIONS } from '../../src/content'
import { ROLES } from '../../src/domain/policy/manifest-schema'
import { PROMISE_REGISTER } from '../../src/content/promises'

/**
 * Checklist 11 (PIPL Art. 31; GB/T 35273 §5.4; WeChat's fixed 未成年人保护 section). Not applicable as a
 * guardian flow: the service is not directed at children under 14 (docs/compliance.md says why). What
 * must hold instead: the policy has a minors section saying so and promising deletion of a child's data
 * found anyway, the manifest has no audience for children, and that promise is held in the register.
 */
describe('checklist 11: minors', () => {
  const text = (b: { kind: string; text?: Record<string, string>; items?: Array<Record<string, string>> }) =>
    b.kind === 'paragraph' ? b.text!['zh-CN'] : b.kind === 'list' ? b.items!.map((i) => i['zh-CN']).join('\n') : ''

  it('the policy in force has a minors section: not directed at under-14s, and their data is deleted when found', () => {
    const minors = LATEST_POLICY.sections.find((s) => s.id === 'minors')
    expect(minors).toBeDefined()
    const words = minors!.blocks.map(text).join('\n')
    expect(words).toMatch(/不面向不满 14 周岁的儿童/)
    expect(words).toMatch(/删除/)
    expect(words).toMatch(/监护人/)
    expect(minors!.blocks.flatMap((b) => b.promises ?? [])).toContain('child-data-deleted')
  })

  it('the deletion promise is held by code and a test, not left pending', () => {
    expect(PROMISE_REGISTER['child-data-deleted']).toMatchObject({ status: 'held' })
  })

  it('no manifest version declares an audience or a data category for children', () => {
    expect([...ROLES]).toEqual(['consumer', 'merchant'])
    for (const p of POLICY_VERSIONS) {
      const ids = p.manifest.dataCategories.map((c) => c.id)
      expect(ids.filter((id) => /(^|-)(child|children|minors?|guardian|age)(-|$)/.test(id))).toEqual([])
    }
  })
})
