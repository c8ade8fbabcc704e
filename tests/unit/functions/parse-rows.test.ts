import { z } from 'zod/mini'
import { dbDate, lazy, parseDoc, parseRows, parseSweep } from '../../../cloudfunctions/_shared/rows/parse'
import { DomainError } from '../../../src/domain/common/errors'

const schema = z.object({ _id: z.string(), name: z.string(), at: dbDate(), tags: z.array(z.enum(['a', 'b'])) })
const SECRET = '13900009999'
const row = (over: Record<string, unknown> = {}) => ({ _id: 'r1', name: 'fictional', at: new Date('2026-03-01T00:00:00Z'), tags: ['a'], ...over })

function refusal(run: () => unknown): DomainError {
  try {
    run()
  } catch (err) {
    if (err instanceof DomainError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('parseRows', () => {
  it('answers the rows as the schema types them, unknown fields dropped', () => {
    expect(parseRows(schema, [row(), row({ _id: 'r2', extra: SECRET })], 'people')).toEqual([row(), row({ _id: 'r2' })])
  })

  it('refuses the whole read for one bad row, naming collection, field path and issue, never the value', () => {
    const err = refusal(() => parseRows(schema, [row(), row({ tags: ['a', SECRET] })], 'people'))
    expect(err.code).toBe('DATA.CORRUPT_ROW')
    expect(err.message).toBe('a row of people does not match its schema at tags.1 (invalid_value)')
    expect(err.message).not.toContain(SECRET)
    // The row id can be an openid: it is not named either.
    expect(refusal(() => parseRows(schema, [row({ _id: 'o_test_user_1', name: 42 })], 'people')).message).not.toContain('o_test_user_1')
  })

  it('takes a database date as the SDK returns it (a Date), not as an ISO string', () => {
    expect(refusal(() => parseRows(schema, [row({ at: '2026-03-01T00:00:00.000Z' })], 'people')).message).toContain('at at (invalid_type)')
  })

  it('refuses a result that is not a list, and a missing field at its path', () => {
    expect(refusal(() => parseRows(schema, { 0: row() }, 'people')).message).toContain('at (result)')
    const { name: _name, ...nameless } = row()
    expect(refusal(() => parseRows(schema, [nameless], 'people')).message).toContain('at name (invalid_type)')
    expect(refusal(() => parseRows(schema, [null], 'people')).message).toContain('at (row) (invalid_type)')
  })
})

describe('parseDoc', () => {
  it('answers undefined for an absent row (null), and checks a present one', () => {
    expect(parseDoc(schema, null, 'people')).toBeUndefined()
    expect(parseDoc(schema, row(), 'people')).toEqual(row())
    expect(refusal(() => parseDoc(schema, row({ tags: 'a' }), 'people')).code).toBe('DATA.CORRUPT_ROW')
  })
})

describe('parseSweep', () => {
  afterEach(() => jest.restoreAllMocks())

  it('answers the good rows of a sweep and logs each bad one by code, collection and path, without its value', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(parseSweep(schema, [row(), row({ _id: 'o_test_user_1', name: SECRET.length, tags: [SECRET] }), row({ _id: 'r3' })], 'people')).toEqual([row(), row({ _id: 'r3' })])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith('DATA.CORRUPT_ROW', 'a row of people does not match its schema at name (invalid_type)')
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/13900009999|o_test_user_1/)
  })

  it('still refuses a result that is not a list', () => {
    expect(refusal(() => parseSweep(schema, 'rows', 'people')).code).toBe('DATA.CORRUPT_ROW')
  })
})

describe('lazy', () => {
  it('builds on first use and only once', () => {
    const build = jest.fn(() => ({ built: true }))
    const get = lazy(build)
    expect(build).not.toHaveBeenCalled()
    expect(get()).toBe(get())
    expect(build).toHaveBeenCalledTimes(1)
  })
})
