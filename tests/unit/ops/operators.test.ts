import { TOKEN_MIN, authenticateOperator, parseOperatorTable, tokenHash } from '../../../src/domain/ops/operators'
import { codeOf } from '../../support/domain'

const ALICE_TOKEN = 'alice-test-token-0123456789abcdefghijklmnop'
const BOB_TOKEN = 'bob-test-token-0123456789abcdefghijklmnopqrs'
const table = parseOperatorTable(JSON.stringify({ ops_alice: tokenHash(ALICE_TOKEN), ops_bob: tokenHash(BOB_TOKEN) }))

describe('operator tokens', () => {
  it('stores a token as sha256:<hex>, and refuses to hash a short one', () => {
    expect(tokenHash(ALICE_TOKEN)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(tokenHash(ALICE_TOKEN)).not.toContain(ALICE_TOKEN)
    expect(codeOf(() => tokenHash('x'.repeat(TOKEN_MIN - 1)))).toBe('COMMON.INVALID_INPUT')
  })

  it('authenticates a known name with its own token, and nothing else', () => {
    expect(authenticateOperator(table, { name: 'ops_alice', token: ALICE_TOKEN })).toBe('ops_alice')
    expect(authenticateOperator(table, { name: 'ops_bob', token: BOB_TOKEN })).toBe('ops_bob')
    expect(authenticateOperator(table, { name: 'ops_alice', token: BOB_TOKEN })).toBeUndefined()
    expect(authenticateOperator(table, { name: 'ops_carol', token: ALICE_TOKEN })).toBeUndefined()
    expect(authenticateOperator(table, { name: 'ops_alice', token: `${ALICE_TOKEN}x` })).toBeUndefined()
  })

  it('refuses malformed claims: missing parts, short tokens, extra keys, odd names', () => {
    for (const claim of [
      undefined,
      null,
      'ops_alice',
      {},
      { name: 'ops_alice' },
      { token: ALICE_TOKEN },
      { name: 'ops_alice', token: ALICE_TOKEN.slice(0, TOKEN_MIN - 1) },
      { name: 'ops_alice', token: ALICE_TOKEN, admin: true },
      { name: '__proto__', token: ALICE_TOKEN },
      { name: 'OPS_ALICE', token: ALICE_TOKEN },
      { name: 'ops_alice', token: 12345 },
    ]) {
      expect(authenticateOperator(table, claim)).toBeUndefined()
    }
  })

  it('reads OPS_OPERATORS strictly: unset, not JSON, a bad name or hash lets nobody in, and says so without quoting a hash', () => {
    for (const raw of [undefined, '', '  ', 'ops_alice=abc', '[]', '"x"', JSON.stringify({ 'Ops Alice': tokenHash(ALICE_TOKEN) }), JSON.stringify({ ops_alice: 'abc' })]) {
      expect(codeOf(() => parseOperatorTable(raw))).toBe('OPS.UNAUTHENTICATED')
    }
    const upper = tokenHash(ALICE_TOKEN).toUpperCase()
    let message = ''
    try {
      parseOperatorTable(JSON.stringify({ ops_alice: upper }))
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('ops_alice')
    expect(message).not.toContain(upper.slice(7))
    expect(parseOperatorTable('{}').size).toBe(0)
  })
})
