import { EnvLayer, runWithEnv } from '../../emulator/functions/env-overlay'

const HIDE = /^(WX_|TCB_)/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('process.env overlay', () => {
  beforeAll(() => {
    process.env.WX_OPENID = 'o_test_host'
    process.env.PC_PLAIN = 'host-value'
  })
  afterAll(() => {
    delete process.env.WX_OPENID
    delete process.env.PC_PLAIN
  })

  it('shows the layer on top of the host env and hides host keys matching the mask', async () => {
    const seen = await runWithEnv(new EnvLayer({ TCB_ENV: 'local-env' }, HIDE), async () => {
      await sleep(1)
      return { openid: process.env.WX_OPENID, has: 'WX_OPENID' in process.env, env: process.env.TCB_ENV, plain: process.env.PC_PLAIN, keys: Object.keys(process.env), copy: { ...process.env } }
    })
    expect(seen.openid).toBeUndefined()
    expect(seen.has).toBe(false)
    expect(seen.env).toBe('local-env')
    expect(seen.plain).toBe('host-value')
    expect(seen.keys).toContain('TCB_ENV')
    expect(seen.keys).not.toContain('WX_OPENID')
    expect(seen.copy).toMatchObject({ TCB_ENV: 'local-env', PC_PLAIN: 'host-value' })
    expect(seen.copy).not.toHaveProperty('WX_OPENID')
    // Outside any invocation the host env is untouched.
    expect(process.env.WX_OPENID).toBe('o_test_host')
    expect(process.env.TCB_ENV).toBeUndefined()
  })

  it('keeps writes and deletes inside the invocation', async () => {
    await runWithEnv(new EnvLayer({}, HIDE), async () => {
      process.env.PC_WRITTEN = '1'
      delete process.env.PC_PLAIN
      await sleep(1)
      expect(process.env.PC_WRITTEN).toBe('1')
      expect(process.env.PC_PLAIN).toBeUndefined()
    })
    expect(process.env.PC_WRITTEN).toBeUndefined()
    expect(process.env.PC_PLAIN).toBe('host-value')
  })

  it('gives each of many interleaved invocations its own values', async () => {
    const ids = [...Array(100).keys()].map((i) => `o_test_user_${i}`)
    const seen = await Promise.all(
      ids.map((id, i) =>
        runWithEnv(new EnvLayer({ WX_OPENID: id }, HIDE), async () => {
          await sleep((i * 7) % 13)
          const first = process.env.WX_OPENID
          await sleep((i * 5) % 11)
          return [first, process.env.WX_OPENID]
        }),
      ),
    )
    expect(seen).toEqual(ids.map((id) => [id, id]))
  })
})
