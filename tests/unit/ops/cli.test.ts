import { parseCommand, render, table } from '../../../scripts/ops'
import { opsRequest } from '../../../src/contracts/ops'
import { operatorClaimSchema } from '../../../src/domain/ops/operators'

const env = { OPS_OPERATOR: 'ops_alice', OPS_TOKEN: 'alice-test-token-0123456789abcdefghijklmnop' }

// `npm run ops`: each command becomes the event the console would send, and that event is one the function accepts.
describe('npm run ops', () => {
  it.each([
    [['list'], { action: 'listRequests' }],
    [['list', '--status', 'submitted,awaiting-review', '--type', 'correction', '--limit', '50'], { action: 'listRequests', status: ['submitted', 'awaiting-review'], type: 'correction', limit: 50 }],
    [['list', '--status', 'processing', '--cursor', 'abc'], { action: 'listRequests', status: 'processing', cursor: 'abc' }],
    [['show', 'req_1'], { action: 'showRequest', requestId: 'req_1' }],
    [['approve', 'req_1', '--reason', '已核实'], { action: 'approve', requestId: 'req_1', reason: '已核实' }],
    [['complete', 'req_1', '--outcome', '已更正订单金额'], { action: 'complete', requestId: 'req_1', outcome: '已更正订单金额' }],
    [['reject', 'req_1', '--reason', '记录无误'], { action: 'reject', requestId: 'req_1', reason: '记录无误' }],
    [['bulk-approve', 'req_1', 'req_2'], { action: 'bulkApprove', requestIds: ['req_1', 'req_2'] }],
    [['export-audit', '--out', 'audit.csv'], { action: 'exportAudit' }],
    [['verify-audit'], { action: 'verifyAudit' }],
  ])('%j', (argv, expected) => {
    const { command, url } = parseCommand(argv, env)
    expect(url).toBe('http://127.0.0.1:9555')
    if (command.kind !== 'call') throw new Error('expected a call')
    const { operator, ...rest } = command.event
    expect(rest).toEqual(expected)
    expect(operator).toEqual({ name: 'ops_alice', token: env.OPS_TOKEN })
    expect(operatorClaimSchema.safeParse(operator).success).toBe(true)
    expect(opsRequest.safeParse(rest).success).toBe(true)
  })

  it('takes the URL from --url or PORT, and flags over the environment', () => {
    expect(parseCommand(['list', '--url', 'http://127.0.0.1:9600/'], env).url).toBe('http://127.0.0.1:9600')
    expect(parseCommand(['list'], { ...env, PORT: '9700' }).url).toBe('http://127.0.0.1:9700')
    const { command } = parseCommand(['list', '--operator', 'ops_bob', '--token', 'b'.repeat(40)], env)
    expect(command.kind === 'call' && command.event.operator).toEqual({ name: 'ops_bob', token: 'b'.repeat(40) })
  })

  it('needs an operator and a token for calls, but not for the token helpers', () => {
    expect(() => parseCommand(['list'], {})).toThrow(/OPS_OPERATOR/)
    expect(() => parseCommand(['list'], { OPS_OPERATOR: 'ops_alice' })).toThrow(/OPS_TOKEN/)
    expect(() => parseCommand(['show'], env)).toThrow(/request id/)
    expect(() => parseCommand(['complete', 'req_1'], env)).toThrow(/--outcome/)
    expect(() => parseCommand(['frobnicate'], env)).toThrow(/unknown command/)
    expect(parseCommand(['new-token', 'ops_carol'], {}).command).toEqual({ kind: 'new-token', name: 'ops_carol' })
    expect(parseCommand(['hash-token'], { OPS_TOKEN: 'x'.repeat(40) }).command).toEqual({ kind: 'hash-token', token: 'x'.repeat(40) })
  })

  it('lines up table columns, Chinese text counting two cells a character', () => {
    const out = table([{ a: '中文', b: 'x' }, { a: 'abcd', b: 'y' }], ['a', 'b']).split('\n')
    expect(out).toEqual(['a     b', '----  -', '中文  x', 'abcd  y'])
  })

  it('shows the queue with working days left, marking overdue rows', () => {
    const page = {
      rows: [{ requestId: 'req_1', type: 'correction', status: 'submitted', createdAt: '2026-03-02T02:00:00.000Z', dueAt: '2026-03-23', workingDaysLeft: -2, overdue: true, category: 'order-records' }],
      nextCursor: 'abc',
    }
    const text = render('list', page)
    expect(text).toContain('-2 (overdue)')
    expect(text).toContain('--cursor abc')
  })
})
