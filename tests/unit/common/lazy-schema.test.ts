import { z } from 'zod/mini'
import { lazySchema } from '../../../src/domain/common/lazy-schema'

// lazySchema defers building a schema to its first read, and the proxy must then stand wherever the
// schema does: the functions' contracts are made of these.

describe('lazySchema', () => {
  it('builds on the first read, once', () => {
    const build = jest.fn(() => z.object({ name: z.string() }))
    const schema = lazySchema(build)
    expect(build).not.toHaveBeenCalled()
    expect(schema.safeParse({ name: 'Ada' }).success).toBe(true)
    expect(schema.safeParse({ name: 1 }).success).toBe(false)
    expect(build).toHaveBeenCalledTimes(1)
  })

  it('composes into other schemas, lazy or not, and reports issues at the right path', () => {
    const id = lazySchema(() => z.string().check(z.regex(/^[a-z]+$/)))
    const item = lazySchema(() => z.object({ id, count: z.number() }))
    const list = z.object({ items: z.array(item), best: z.optional(item), kind: z.discriminatedUnion('k', [lazySchema(() => z.object({ k: z.literal('a') })), z.object({ k: z.literal('b'), id })]) })
    expect(list.parse({ items: [{ id: 'abc', count: 1 }], kind: { k: 'b', id: 'x' } })).toEqual({ items: [{ id: 'abc', count: 1 }], kind: { k: 'b', id: 'x' } })
    const bad = list.safeParse({ items: [{ id: 'ABC', count: 1 }], kind: { k: 'a' } })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['items', 0, 'id']])
    expect(list.safeParse({ items: [], kind: { k: 'c' } }).success).toBe(false)
  })

  it('keeps what zod reads of a schema: its definition, checks and type', () => {
    const shape = lazySchema(() => z.object({ a: z.string() }))
    const extended = z.extend(shape, { b: z.number() })
    expect(extended.safeParse({ a: 'x', b: 1 }).success).toBe(true)
    expect(extended.safeParse({ a: 'x' }).success).toBe(false)
    expect(shape._zod.def.type).toBe('object')
    expect(shape instanceof z.ZodMiniObject).toBe(true)
    expect(lazySchema(() => z.string()).check(z.minLength(2)).safeParse('a').success).toBe(false)
  })
})
