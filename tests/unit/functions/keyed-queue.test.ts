import { keyedQueue } from '../../../cloudfunctions/_shared/keyed-queue'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('keyedQueue', () => {
  it('runs tasks with one key one at a time, in arrival order', async () => {
    const run = keyedQueue()
    const log: string[] = []
    let active = 0
    const task = (name: string, ms: number) => async () => {
      active++
      expect(active).toBe(1)
      log.push(`start ${name}`)
      await tick(ms)
      log.push(`end ${name}`)
      active--
      return name
    }
    const results = await Promise.all([run('s1', task('a', 20)), run('s1', task('b', 1)), run('s1', task('c', 5))])
    expect(results).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })

  it('runs different keys in parallel', async () => {
    const run = keyedQueue()
    const log: string[] = []
    await Promise.all([
      run('s1', async () => {
        log.push('s1 start')
        await tick(20)
        log.push('s1 end')
      }),
      run('s2', async () => {
        log.push('s2 start')
        await tick(1)
        log.push('s2 end')
      }),
    ])
    expect(log).toEqual(['s1 start', 's2 start', 's2 end', 's1 end'])
  })

  it('passes a failure to its caller only; the next task still runs', async () => {
    const run = keyedQueue()
    const failing = run('s1', async () => {
      throw new Error('DATABASE_TRANSACTION_FAIL')
    })
    const next = run('s1', async () => 'ran')
    await expect(failing).rejects.toThrow('DATABASE_TRANSACTION_FAIL')
    await expect(next).resolves.toBe('ran')
  })
})
