import { z } from 'zod/mini'
import { defineHandler } from '../../../cloudfunctions/_shared/handler'

// The handler checks every route's result against the action's reply schema before replying: a result
// that does not match is a bug of the function, answered as COMMON.INTERNAL and logged by kind only.
describe('reply schemas in the handler', () => {
  const saved = { ...process.env }
  let log: jest.SpyInstance
  beforeEach(() => {
    Object.assign(process.env, { TENCENTCLOUD_REGION: 'ap-shanghai', WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o_test_user_1' })
    log = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    process.env = { ...saved }
    log.mockRestore()
  })

  /** Routes answer whatever `result` holds; the cast stands for a use case whose types lie (e.g. a row read as any). */
  let result: unknown
  const openResult = { notes: ['hello'] as unknown }
  const main = defineHandler({
    request: z.discriminatedUnion('action', [z.object({ action: z.literal('get') })]),
    replies: { get: z.object({ name: z.string(), count: z.number() }) },
    routes: { get: async () => result as { name: string; count: number } },
    open: { request: z.object({ action: z.literal('open') }), reply: z.object({ notes: z.array(z.string()) }), run: async () => openResult as { notes: string[] } },
  })

  it('answers a matching result unchanged, keys the schema does not name included', async () => {
    result = { name: 'x', count: 1, extra: true }
    await expect(main({ action: 'get' })).resolves.toEqual({ ok: true, data: { name: 'x', count: 1, extra: true } })
  })

  it.each([[{ name: 'x', mobile: '13800138000' }], [{ name: 'x', count: '1', mobile: '13800138000' }], [null], [undefined]])('answers COMMON.INTERNAL, never the malformed result %p, and logs no value', async (bad) => {
    result = bad
    const reply = await main({ action: 'get' })
    expect(reply).toEqual({ ok: false, code: 'COMMON.INTERNAL', message: 'internal error, please retry' })
    expect(log).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/13800138000|count|name/)
    expect(log.mock.calls[0]).toContain('ReplySchemaMismatch')
  })

  it('checks the open route as well', async () => {
    openResult.notes = ['hello']
    await expect(main({ action: 'open' })).resolves.toEqual({ ok: true, data: { notes: ['hello'] } })
    openResult.notes = [42]
    await expect(main({ action: 'open' })).resolves.toMatchObject({ ok: false, code: 'COMMON.INTERNAL' })
  })
})
